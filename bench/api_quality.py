"""Ranking quality through the app's API: the judged needs asked of POST /api/match-preview/ on a
database with the DPG registry imported, as a nonprofit's member asks them.

Run from the repository root:  python bench/api_quality.py [--reuse PATH] [--threshold T]

bench/matching.py --quality ranks bench/quality.py's reading of the registry in memory; this
asks the app. A throwaway SQLite database in a temporary folder (or PATH with ``--reuse``,
kept between runs) is prepared as `make run` prepares one (``manage.py set_up``): migrated,
then the registry snapshot imported with ``manage.py import_dpg``, whose tasks run in-process
as in the embedded set-up (the embeddings of the offerings, then the re-match); ``manage.py
embed_listings`` then embeds whatever the import could not, so that a missing model stops the
run rather than leaving the ranking on words alone. The demo data is not loaded: only the
registry is ranked. The match index is the one a web process builds for itself (a directory
of at most ``MATCH_INDEX_IN_PROCESS_MAX`` offerings), its snapshots kept in the temporary
folder.

One nonprofit and its member are created; signed in with Django's test client, the member
posts each judged need (title, description, category, systems, monthly budget) as JSON. The
top ten of each answer's results (best first, named as the API names them) are held against
the need's grades by bench/quality.py's `evaluate`, as bench/matching.py does: NDCG@10 and
recall@10 overall and per language of bench/judged_needs.json, per language (hi, hinglish,
en_source) of each set of `quality.TRANSLATIONS`, and the score gap (mean score of top-ten
results judged relevant minus judged irrelevant, as the API rounds scores). Strong precision
reads the band each result carries. The API answers the top K from `SHOWN_SCORE` (1), or
from the curators' threshold when it is lower (`matching.services.preview_matches`), so a
need whose tenth match scores below that has fewer than ten here: the run says how many.
bench/matching.py ranks at threshold 0; ``--threshold 0`` sets the curators' threshold so in
the database (otherwise it is set to the model's default, 40, on every run) and asks what it
ranks: the same top tens, scores as the API rounds them.

Ends with one line: `api_dev_ndcg10=… api_dev_recall10=… api_en=… api_hi=… api_hinglish=…
api_translated_hi=… api_translated_hinglish=… api_check_hi=… api_check_hinglish=…
api_score_gap=… api_strong_precision=… api_heldout_ndcg10=… api_heldout_recall10=…`
(the held-out needs, `quality.HELDOUT_NEEDS`, are asked too and printed need by need).
"""

import os
import sys
from pathlib import Path

# One BLAS thread, as impact_socials/__init__.py sets for the app's processes (before NumPy).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import io  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import django  # noqa: E402

from bench import quality  # noqa: E402
from matching.core import SHOWN_SCORE, STRONG, NeedProfile  # noqa: E402

PREVIEW_URL = "/api/match-preview/"
MEMBER = "bench-api-quality"


def configure(database: Path, index_dir: Path) -> None:
    """The embedded set-up (impact_socials/settings.py: SQLite, Celery tasks in-process, no
    Redis) on ``database``, whatever the environment says, then Django set up."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "impact_socials.settings",
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{database}",
            "REDIS_URL": "",
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "MATCH_INDEX_DIR": str(index_dir),
            # Every judged need from one member within a minute or two.
            "API_USER_RATE": "100000/minute",
        }
    )
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # as `make run` sets up its database
    django.setup()


def prepare() -> None:
    """Migrate, import the registry unless it is there, embed what is not embedded."""
    from django.core.management import call_command

    from directory.listings.models import Offering, Source

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    out = io.StringIO()
    if Offering.objects.filter(source=Source.DPG).exists():
        out.write("Registry: already imported.\n")
    else:
        call_command("import_dpg", str(quality.REGISTRY), stdout=out)
    call_command("embed_listings", stdout=out)
    others = Offering.objects.exclude(source=Source.DPG).count()
    if others:
        sys.exit(f"The database holds {others} offerings not from the registry: not comparable.")
    print(f"{out.getvalue().strip()}\nSet up in {time.perf_counter() - started:.0f} s.")


def nonprofit_member():
    """A nonprofit and its owner (created once per database)."""
    from directory.accounts.models import User
    from directory.listings.models import Membership, Organisation

    organisation, _ = Organisation.objects.get_or_create(
        name="Bench nonprofit", kind=Organisation.Kind.NONPROFIT
    )
    user, _ = User.objects.get_or_create(
        username=MEMBER, defaults={"email": f"{MEMBER}@example.org"}
    )
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": Membership.Role.OWNER}
    )
    return user


class Preview:
    """A need → its results from POST /api/match-preview/, best first, as what `evaluate`
    reads of a match (offering id, score, need fit); keeps each answer's top-ten bands."""

    def __init__(self, client):
        self.client = client
        self.answers: dict[tuple, dict] = {}  # a need asked twice (en_source) is asked once
        self.bands: list[list[str]] = []  # per call, in `evaluate`'s order of needs
        self.short: dict[tuple, str] = {}  # needs answered with fewer than ten results
        self.unknown_systems: set[str] = set()

    def __call__(self, need: NeedProfile) -> list[SimpleNamespace]:
        body = {
            "title": need.title,
            "description": need.description,
            "category": need.category,
            "systems": sorted(need.systems),
            "monthly_budget": need.monthly_budget,
        }
        key = tuple(map(repr, body.values()))
        if key not in self.answers:
            response = self.client.post(PREVIEW_URL, body, content_type="application/json")
            if response.status_code != 200:
                sys.exit(f"{PREVIEW_URL} answered {response.status_code}: {response.content!r}")
            answer = response.json()
            if answer["warming_up"]:
                sys.exit(f"{PREVIEW_URL} answered that the match index is warming up.")
            self.answers[key] = answer
        answer = self.answers[key]
        self.unknown_systems.update(answer["unknown_systems"])
        results = answer["results"]
        self.bands.append([result["band"] for result in results[: quality.TOP]])
        if len(results) < quality.TOP:
            self.short[key] = f"{need.title} ({len(results)})"
        return [
            SimpleNamespace(
                offering_id=result["offering"]["id"],
                score=result["score"],
                need_fit=result["need_fit"],
            )
            for result in results
        ]


def strong_precision(tops: list, bands: list[list[str]]) -> float:
    """Of the top-ten results the API put in the strong band, the share judged relevant."""
    judged = [
        relevant
        for (_, top), top_bands in zip(tops, bands, strict=True)
        for (_, relevant), name in zip(top, top_bands, strict=True)
        if name == STRONG
    ]
    return statistics.mean(judged) if judged else 0.0


def matching_settings(threshold: float | None):
    """The curators' settings the API scores with, the threshold set to ``threshold`` (the
    model's default when None: what a new database has, whatever an earlier run set)."""
    from matching.models import MatchingSettings

    config = MatchingSettings.current()
    if threshold is None:
        threshold = MatchingSettings._meta.get_field("threshold").default
    if config.threshold != threshold:
        config.threshold = threshold
        config.save()
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reuse", type=Path, metavar="PATH", help="SQLite database kept between runs"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        help="the curators' threshold (MatchingSettings) to ask with, instead of the default; "
        "0 keeps every score, as bench/matching.py ranks",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="api-quality-") as folder:
        database = args.reuse.resolve() if args.reuse else Path(folder) / "db.sqlite3"
        configure(database, Path(folder) / "match-index")
        prepare()

        from django.test import Client

        from directory.listings.models import Offering

        config = matching_settings(args.threshold)
        client = Client()
        client.force_login(nonprofit_member())
        names = dict(Offering.objects.values_list("pk", "name"))
        preview = Preview(client)
        print(f"\nRanking quality through POST {PREVIEW_URL} ({len(names)} offerings)")
        judged = quality.evaluate(preview, names, semantic=False)
        bands = {"judged": preview.bands}
        translations = {}
        for label, path in quality.TRANSLATIONS.items():
            preview.bands = []
            items = quality.translated_needs(path)
            translations[label] = quality.evaluate(preview, names, semantic=False, items=items)
            bands[label] = preview.bands
        preview.bands = []  # the held-out needs' bands are not pooled
        items = quality.judged_needs(quality.HELDOUT_NEEDS)
        heldout = quality.evaluate(preview, names, semantic=False, items=items)
    print("\n".join(judged.lines))
    print(f"Over {len(judged.lines)} judged needs: {judged.summary()}\n")
    print("\n".join(heldout.lines))
    print(f"Held out, {len(heldout.lines)} needs: {heldout.summary('heldout')}\n")
    for translated in translations.values():
        print("\n".join(translated.lines))
    for label, translated in translations.items():
        print(translated.translated_summary(label))
    strong = strong_precision(judged.tops, bands["judged"])
    pooled_tops, pooled_bands = list(judged.tops), list(bands["judged"])
    for label, translated in translations.items():
        for top, top_bands in zip(translated.tops, bands[label], strict=True):
            if top[0] != "en_source":  # as quality.pooled_tops: they repeat the judged needs
                pooled_tops.append(top)
                pooled_bands.append(top_bands)
    print(
        f"Bands as the API gives them: strong_precision={strong:.3f}; pooled "
        f"({len(pooled_tops)} needs): {strong_precision(pooled_tops, pooled_bands):.3f}"
    )
    print(
        f"{len(preview.short)} of the {len(preview.answers)} needs asked had fewer than "
        f"{quality.TOP} results (from {min(config.threshold, SHOWN_SCORE):g}, top K {config.top_k})"
        + (f": {'; '.join(preview.short.values())}" if preview.short else "")
    )
    if preview.unknown_systems:
        print(f"Systems the API did not know: {', '.join(sorted(preview.unknown_systems))}")
    print(f"{len(preview.answers)} requests; {time.perf_counter() - started:.0f} s in all.")
    languages = judged.ndcg_by_language
    translated, check = translations["translated"], translations["hindi_check"]
    print(
        f"api_dev_ndcg10={judged.ndcg:.3f} api_dev_recall10={judged.recall:.3f} "
        f"api_en={languages['en']:.3f} api_hi={languages['hi']:.3f} "
        f"api_hinglish={languages['hinglish']:.3f} "
        f"api_translated_hi={translated.ndcg_by_language['hi']:.3f} "
        f"api_translated_hinglish={translated.ndcg_by_language['hinglish']:.3f} "
        f"api_check_hi={check.ndcg_by_language['hi']:.3f} "
        f"api_check_hinglish={check.ndcg_by_language['hinglish']:.3f} "
        f"api_score_gap={judged.relevant_mean_score - judged.irrelevant_mean_score:.1f} "
        f"api_strong_precision={strong:.3f} "
        f"api_heldout_ndcg10={heldout.ndcg:.3f} api_heldout_recall10={heldout.recall:.3f}"
    )


if __name__ == "__main__":
    main()
