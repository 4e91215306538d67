"""The vocabulary and profile builders the matching-core tests share."""

import random

import numpy as np

from matching.core import (
    KINDS,
    SOFTWARE,
    CorpusStats,
    NeedProfile,
    OfferingProfile,
    Vocabulary,
    score_pair,
)
from matching.core.scoring import base_fit, describe_need, describe_offering
from matching.core.semantic import DIMENSIONS, quantize

VOCABULARY = Vocabulary(
    category_names={
        "health-records": "Health records",
        "messaging": "Messaging",
        "surveys": "Data collection & surveys",
        "learning": "Learning",
    },
    category_terms={
        "health-records": ["ehr", "emr", "patient records", "medical records"],
        "messaging": ["sms", "whatsapp", "two-way messaging", "text messages", "reminders"],
        "surveys": ["survey", "questionnaire", "paper forms"],
        "learning": ["school", "lessons", "parent portal"],
    },
    system_names={
        "google-sheets": "Google Sheets",
        "whatsapp-business": "WhatsApp Business",
        "kobotoolbox": "KoboToolbox",
        "tally": "Tally",
    },
    system_terms={
        "google-sheets": ["google sheets"],
        "whatsapp-business": ["whatsapp"],
        "kobotoolbox": ["kobo", "kobotoolbox"],
        "tally": ["tally"],
    },
    system_standards={
        "google-sheets": frozenset({"csv", "rest-api"}),
        "whatsapp-business": frozenset({"rest-api"}),
        "kobotoolbox": frozenset({"xforms", "csv"}),
        "tally": frozenset(),
    },
    standard_names={"csv": "CSV", "rest-api": "REST API", "xforms": "XForms", "fhir": "FHIR"},
    data_export_standards=frozenset({"csv", "rest-api"}),
    language_names={"en": "English", "sw": "Swahili", "fr": "French"},
    country_names={"KE": "Kenya", "UG": "Uganda"},
)


def offering(offering_id: int = 1, **fields) -> OfferingProfile:
    defaults = {"name": f"Tool {offering_id}", "text": "", "pricing_model": "free_open_source"}
    return OfferingProfile(id=offering_id, **{**defaults, **fields})


def need(**fields) -> NeedProfile:
    return NeedProfile(**{"id": 1, "title": "", "description": "", **fields})


def score(need_profile: NeedProfile, offering_profile: OfferingProfile, *corpus, **options):
    """The reference score of a pair, with IDF over the pair's offering and `corpus`."""
    stats = CorpusStats.from_offerings(VOCABULARY, [offering_profile, *corpus])
    return score_pair(need_profile, offering_profile, stats, **options)


def base(need_profile: NeedProfile, offering_profile: OfferingProfile, *corpus) -> float:
    """The base fit of a pair (`scoring.base_fit`: before the chance curve and the factors),
    with IDF as `score` has it."""
    stats = CorpusStats.from_offerings(VOCABULARY, [offering_profile, *corpus])
    return base_fit(
        describe_need(need_profile, VOCABULARY, stats.analyser),
        describe_offering(offering_profile, VOCABULARY, stats.analyser),
        stats,
    )


SYSTEMS = sorted(VOCABULARY.system_names)
STANDARDS = sorted(VOCABULARY.standard_names)


# Random profiles, for checking the index against the reference on many pairs.

WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "survey",
    "offline",
    "clinic",
    "patient",
    "school",
    "whatsapp",
    "sms",
    "kobo",
]


def random_offering(rng: random.Random, offering_id: int) -> OfferingProfile:
    return OfferingProfile(
        id=offering_id,
        name=" ".join(rng.sample(WORDS, 2)),
        text=" ".join(rng.choices(WORDS, k=rng.randint(0, 12))),
        categories=frozenset(rng.sample(sorted(VOCABULARY.category_names), rng.randint(0, 2))),
        systems=frozenset(rng.sample(SYSTEMS, rng.randint(0, 3))),
        standards=frozenset(rng.sample(STANDARDS, rng.randint(0, 3))),
        deployments=frozenset(rng.sample(["cloud", "self_hosted", "offline_mobile"], 1))
        if rng.random() < 0.5
        else frozenset(),
        languages=frozenset(rng.sample(["en", "sw", "fr"], rng.randint(0, 2))),
        regions=frozenset(rng.sample(["KE", "UG"], rng.randint(0, 1))),
        pricing_model=rng.choice(["free_open_source", "freemium", "paid"]),
        nonprofit_monthly_price=rng.choice([None, 0.0, 20.0, 150.0]),
        setup_cost=rng.choice([None, 0.0, 500.0]),
        embedding=random_embedding(rng),
        kind=rng.choice([SOFTWARE, SOFTWARE, *KINDS]),
    )


def random_need(rng: random.Random, need_id: int) -> NeedProfile:
    return NeedProfile(
        id=need_id,
        title=" ".join(rng.sample(WORDS, 2)),
        description=" ".join(rng.choices(WORDS + ["unseen", "words"], k=rng.randint(0, 10))),
        category=rng.choice([None, *sorted(VOCABULARY.category_names), "not-a-category"]),
        systems=frozenset(rng.sample(SYSTEMS, rng.choice([0, 0, 1, 2]))),
        org_systems=frozenset(rng.sample(SYSTEMS, rng.randint(0, 2))),
        monthly_budget=rng.choice([None, 0.0, 50.0, 200.0]),
        one_off_budget=rng.choice([None, 300.0]),
        free_only=rng.random() < 0.2,
        deployment=rng.choice([None, "cloud", "offline_mobile"]),
        languages=frozenset(rng.sample(["en", "sw", "de"], rng.choice([0, 0, 1, 2]))),
        country=rng.choice([None, "KE", "TZ"]),
        strict=rng.random() < 0.3,
        embedding=random_embedding(rng),
    )


def random_embedding(rng: random.Random) -> bytes | None:
    """A quantized embedding near one of a few directions, or (one time in four) none."""
    if rng.random() < 0.25:
        return None
    base = np.random.default_rng(rng.randrange(3)).standard_normal(DIMENSIONS)
    noise = np.random.default_rng(rng.randrange(1 << 30)).standard_normal(DIMENSIONS)
    return quantize(base + rng.uniform(0.2, 2.0) * noise)
