"""Ranking quality on the DPG registry: what bench/matching.py reports of the judged needs.

The registry entries are listed as the importer lists them (free and open source, categories
spotted in the text through the curated keywords, standards mapped by their keywords,
duplicates grouped: a variant is left out of matching as `directory.imports.dpg` leaves it).
Each judged need in bench/judged_needs.json is asked as the need form asks it (title,
description, category, the systems it names, its monthly budget), and its top ten are held
against its grades (2: a nonprofit would shortlist it; 1: partly relevant; a grade given to a
duplicate variant counts for the entry kept for its group, `folded`):

- NDCG@10 with gain 2^grade − 1, and recall@10 (the share of its graded entries in the top
  ten), overall and per language of the need;
- strong precision: of all top-ten results in the strong band, the share judged relevant
  (`BandFigures`, which bench/bands.py also reads at other thresholds);
- the mean score of top-ten results judged relevant and of those judged irrelevant;
- the highest score of any top-ten result whose need fit is below 0.3.

bench/judged_needs_translated.json holds the English judged needs written again in Hindi
(Devanagari) and in Hinglish, their grades copied (`source_title` names the English need):
`translated_needs` asks them beside their English sources, so that the three languages are
measured on the same needs. bench/judged_needs_hindi_check.json is a second, independent
rewrite of the same English needs (short, colloquial messages: English loanwords in Devanagari,
mixed scripts, Hinglish spelling variants), kept as a check against tuning to the first one;
`TRANSLATIONS` names both sets.

bench/judged_needs_heldout.json (`HELDOUT_NEEDS`) is 120 needs of its own (56 English, 32
Hinglish, 32 Hindi) written and graded, in four batches of 30, by other hands from the
registry's data alone, each measured before anyone saw how the engine ranks it: the nearest
thing here to the needs of other people that issue 19 is measured on. Check a change against
it; don't tune on it.
"""

import json
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from directory.data.registry_notes import current_note, same_goods
from directory.data.taxonomies import category_keywords
from directory.imports.duplicates import duplicate_groups
from directory.imports.registry_categories import entry_categories, entry_kind
from directory.imports.registry_deployment import entry_deployment, entry_pricing
from matching.core import (
    FREE_OPEN_SOURCE,
    POSSIBLE,
    POSSIBLE_SCORE,
    STRONG,
    STRONG_SCORE,
    WEAK,
    MatchScore,
    NeedProfile,
    OfferingProfile,
    PhraseSpotter,
    band,
    listing_text,
)
from matching.core.encoder import need_embedding_texts, offering_embedding_texts
from matching.core.semantic import quantize
from matching.embeddings import embed_groups

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "directory" / "data" / "dpg-registry.json"
JUDGED_NEEDS = ROOT / "bench" / "judged_needs.json"
TRANSLATED_NEEDS = ROOT / "bench" / "judged_needs_translated.json"
HINDI_CHECK_NEEDS = ROOT / "bench" / "judged_needs_hindi_check.json"
# Needs written and graded by another hand that read only the registry's data (not the engine,
# its results or the other judged sets): a check on needs nobody tuned for, not a set to tune on.
HELDOUT_NEEDS = ROOT / "bench" / "judged_needs_heldout.json"
# Each set of translated needs, by the label its figures are printed under.
TRANSLATIONS = {"translated": TRANSLATED_NEEDS, "hindi_check": HINDI_CHECK_NEEDS}
TRANSLATED_LANGUAGES = ("hi", "hinglish", "en_source")
TOP = 10
LOW_NEED_FIT = 0.3


def registry_offerings(
    categories: list[dict], standards: list[dict], embed: bool = False
) -> list[OfferingProfile]:
    """The registry's entries as offerings, variants of a duplicate left out; each needs a
    server unless it runs without one (`entry_deployment`: an app on a phone or a computer),
    at the highest hosting estimate of its categories (`Offering.hosting_estimate`),
    and is of the kind its types give (`entry_kind`), as the importer lists it.
    With `embed`, each with its sentence embedding as the app stores it (matching/semantic.py:
    the name and the curators' note's summary, else the description)."""
    spot_category = PhraseSpotter(
        {c["slug"]: [c["name"], *category_keywords(c)] for c in categories}
    )
    spot_standard = PhraseSpotter({s["slug"]: [s["name"], *s["keywords"]] for s in standards})
    known_categories = {c["slug"] for c in categories}
    hosting = {c["slug"]: c.get("hosting_monthly_estimate") for c in categories}
    entries = json.loads(REGISTRY.read_text())
    variants = {id(v.raw) for group in registry_groups(entries) for v in group[1:]}
    offerings, embedded_texts = [], []
    for offering_id, entry in enumerate(entries, start=1):
        if id(entry) in variants:
            continue
        description = entry.get("description") or ""
        note = current_note(entry["name"], description)  # none when stale, as the importer
        text = (
            listing_text(note.summary, description, note.uses, note.uses_hi)
            if note
            else description
        )
        summary, uses = (note.summary, note.uses) if note else ("", ())
        kind = entry_kind(entry.get("type") or ())
        runs = entry_deployment(entry["name"], description, note, kind)
        pricing = entry_pricing(note)
        embedded_texts.append(offering_embedding_texts(entry["name"], summary, description, uses))
        found = entry_categories(
            entry["name"],
            description,
            entry.get("type") or (),
            note,
            spot_category.spot_text,
            known_categories,
        )
        listed = [item for item in entry.get("standards") or [] if isinstance(item, str)]
        offerings.append(
            OfferingProfile(
                id=offering_id,
                name=entry["name"],
                text=text,
                categories=frozenset(found.listed),
                systems=frozenset(note.systems if note else ()),
                standards=frozenset(
                    slug for item in listed for slug in spot_standard.spot_text(item)
                ),
                pricing_model=pricing,
                deployments=frozenset(mode for mode, on in runs.items() if on),
                # free software run on one's own server (`Offering.needs_server`)
                needs_server=runs["self_hosted"] and pricing == FREE_OPEN_SOURCE,
                hosting_monthly=max(
                    (hosting[slug] for slug in found.costed if hosting.get(slug) is not None),
                    default=None,
                ),
                kind=kind,
            )
        )
    return with_embeddings(offerings, embedded_texts) if embed else offerings


def embedded(needs: list[NeedProfile]) -> list[NeedProfile]:
    """The needs with their sentence embeddings, as the app stores them (matching/semantic.py)."""
    return with_embeddings(needs, [need_embedding_texts(n.title, n.description) for n in needs])


def with_embeddings(profiles: list, texts: list[tuple[str, ...]]) -> list:
    """Each profile with the embedding of its texts (`embed_groups`)."""
    vectors = embed_groups(texts)
    return [replace(p, embedding=quantize(v)) for p, v in zip(profiles, vectors, strict=True)]


def _listed(entry: dict) -> SimpleNamespace:
    """An entry with what `duplicate_groups` reads."""
    repositories = entry.get("repositories") or []
    return SimpleNamespace(
        raw=entry,
        name=entry.get("name") or "",
        description=entry.get("description") or "",
        website=entry.get("website") or "",
        repositories=tuple(r.get("url") or "" for r in repositories if isinstance(r, dict)),
    )


def registry_groups(entries: list[dict]) -> list[list[SimpleNamespace]]:
    """The registry's duplicates, grouped as the importer groups them (`duplicate_groups`
    with the curators' `same_goods`)."""
    listed = [_listed(entry) for entry in entries]
    return duplicate_groups(listed, same_goods(listed))


def judged_needs(path: Path = JUDGED_NEEDS) -> list[dict]:
    return json.loads(path.read_text())


def translated_needs(path: Path = TRANSLATED_NEEDS) -> list[dict]:
    """The translated needs (of `path`), then the English needs they translate (as language
    `en_source`)."""
    translated = judged_needs(path)
    english = {item["title"]: item for item in judged_needs()}
    sources = dict.fromkeys(item["source_title"] for item in translated)
    return translated + [{**english[title], "lang": "en_source"} for title in sources]


def kept_names() -> dict[str, str]:
    """Each duplicate variant's name -> the name of the entry kept for its group."""
    groups = registry_groups(json.loads(REGISTRY.read_text()))
    return {variant.name: group[0].name for group in groups for variant in group[1:]}


def folded(grades: dict[str, int], kept: dict[str, str]) -> dict[str, int]:
    """Grades with a duplicate variant's grade given to the entry kept for its group (the
    ranking shows one of them): grading both would ask for a place the top ten cannot give."""
    result: dict[str, int] = {}
    for name, grade in grades.items():
        name = kept.get(name, name)
        result[name] = max(grade, result.get(name, 0))
    return result


def need_profile(need_id: int, item: dict) -> NeedProfile:
    return NeedProfile(
        need_id,
        item["title"],
        item["description"],
        category=item.get("category"),
        systems=frozenset(item.get("systems") or ()),
        monthly_budget=item.get("monthly_budget"),
    )


@dataclass
class Quality:
    ndcg: float
    recall: float
    strong_precision: float
    relevant_mean_score: float
    irrelevant_mean_score: float
    max_low_fit_score: float
    ndcg_by_language: dict[str, float]
    recall_by_language: dict[str, float]
    lines: list[str]
    # Each need's language and its top ten as (score, judged relevant), best first.
    tops: list[tuple[str, list[tuple[float, bool]]]] = field(default_factory=list)

    def summary(self, label: str = "dev") -> str:
        languages = " ".join(
            f"ndcg10_{lang}={v:.3f} recall10_{lang}={self.recall_by_language[lang]:.3f}"
            for lang, v in self.ndcg_by_language.items()
        )
        return (
            f"{label}_ndcg10={self.ndcg:.3f} {label}_recall10={self.recall:.3f} "
            f"strong_precision={self.strong_precision:.3f} "
            f"score_gap={self.relevant_mean_score - self.irrelevant_mean_score:.1f} "
            f"max_low_fit_score={self.max_low_fit_score:.1f} {languages}"
        )

    def translated_summary(self, label: str = "translated") -> str:
        """The figures per language of an evaluation of `translated_needs()`."""
        return f"{label}: " + " ".join(
            f"{lang}_ndcg10={self.ndcg_by_language[lang]:.3f} "
            f"{lang}_recall10={self.recall_by_language[lang]:.3f}"
            for lang in TRANSLATED_LANGUAGES
        )


def evaluate(
    rank: Callable[[NeedProfile], list[MatchScore]],
    names: dict[int, str],
    semantic: bool = True,
    items: list[dict] | None = None,
) -> Quality:
    """How `rank` (a need → its matches, best first) does on the judged needs (or on `items`),
    each need with its embedding unless `semantic` is False."""
    ndcgs, recalls, lines = [], [], []
    by_language: dict[str, list[tuple[float, float]]] = {}  # (NDCG, recall) of each need
    tops: list[tuple[str, list[tuple[float, bool]]]] = []
    relevant_scores, irrelevant_scores, low_fit_scores = [], [], [0.0]
    items = judged_needs() if items is None else items
    kept = kept_names()
    needs = [need_profile(need_id, item) for need_id, item in enumerate(items, start=1)]
    if semantic:
        needs = embedded(needs)
    for need, item in zip(needs, items, strict=True):
        found = rank(need)[:TOP]
        grades = folded(item["relevant"], kept)
        ranked = [names[match.offering_id] for match in found]
        dcg = sum(
            (2 ** grades.get(name, 0) - 1) / math.log2(i + 2) for i, name in enumerate(ranked)
        )
        ideal = sorted(grades.values(), reverse=True)[:TOP]
        idcg = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
        ndcgs.append(dcg / idcg)
        recalls.append(sum(name in grades for name in ranked) / len(grades))
        by_language.setdefault(item.get("lang", "en"), []).append((ndcgs[-1], recalls[-1]))
        tops.append((item.get("lang", "en"), []))
        for match, name in zip(found, ranked, strict=True):
            relevant = name in grades
            (relevant_scores if relevant else irrelevant_scores).append(match.score)
            tops[-1][1].append((match.score, relevant))
            if match.need_fit < LOW_NEED_FIT:
                low_fit_scores.append(match.score)
        shown = ", ".join(
            f"{name} {m.score:.0f}" for name, m in zip(ranked[:5], found, strict=False)
        )
        lines.append(f"  {dcg / idcg:.2f}  {item['title']}: {shown}")
    languages = sorted(by_language.items())
    return Quality(
        ndcg=statistics.mean(ndcgs),
        recall=statistics.mean(recalls),
        strong_precision=BandFigures.of(tops).strong_precision,
        relevant_mean_score=_mean(relevant_scores),
        irrelevant_mean_score=_mean(irrelevant_scores),
        max_low_fit_score=max(low_fit_scores),
        ndcg_by_language={lang: statistics.mean(n for n, _ in v) for lang, v in languages},
        recall_by_language={lang: statistics.mean(r for _, r in v) for lang, v in languages},
        lines=lines,
        tops=tops,
    )


def _mean(values: list[float]) -> float:
    return statistics.mean(values) if values else 0.0


def pooled_tops(judged: Quality, translations: dict[str, Quality]) -> list:
    """The top tens of the judged needs and of their translations, pooled: each translated
    set's `en_source` needs left out, as they repeat the judged needs."""
    translated = [top for q in translations.values() for top in q.tops if top[0] != "en_source"]
    return judged.tops + translated


@dataclass
class BandFigures:
    """What the bands say of top tens (`Quality.tops`) at given thresholds, as shown scores
    (`matching.core.band`): strong precision (of top-ten results in the strong band, the share
    judged relevant), strong results per need, the share of needs with at least one strong
    result, possible precision and possible results per need, and weak precision (the share
    of the rest judged relevant: what leaving them out of e-mails loses)."""

    strong_precision: float
    strong_per_need: float
    needs_with_strong: float
    possible_precision: float
    possible_per_need: float
    weak_precision: float

    @classmethod
    def of(cls, tops: list, strong: float = STRONG_SCORE, possible: float = POSSIBLE_SCORE):
        judged: dict[str, list[bool]] = {STRONG: [], POSSIBLE: [], WEAK: []}
        counts = []  # each need's number of strong results
        for _, top in tops:
            bands = [band(score, strong, possible) for score, _ in top]
            for name, (_, relevant) in zip(bands, top, strict=True):
                judged[name].append(relevant)
            counts.append(bands.count(STRONG))
        return cls(
            strong_precision=_mean(judged[STRONG]),
            strong_per_need=_mean(counts),
            needs_with_strong=_mean([count > 0 for count in counts]),
            possible_precision=_mean(judged[POSSIBLE]),
            possible_per_need=len(judged[POSSIBLE]) / len(tops) if tops else 0.0,
            weak_precision=_mean(judged[WEAK]),
        )
