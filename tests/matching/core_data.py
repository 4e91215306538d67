"""The vocabulary and profile builders the matching-core tests share."""

from matching.core import (
    CorpusStats,
    NeedProfile,
    OfferingProfile,
    Vocabulary,
    score_pair,
)

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


SYSTEMS = sorted(VOCABULARY.system_names)
STANDARDS = sorted(VOCABULARY.standard_names)
