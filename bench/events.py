"""Benchmark of the event scheduler (directory/events/schedule_core.py, docs/events.md):
300 nonprofits × 200 providers × 24 slots × 40 tables, synthetic candidate pairs with scores
and bands, scheduled by the pure scheduler (no database).

Run from the repository root:  python bench/events.py [--seed N]
The last line holds the figures docs/benchmarks.md quotes.
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.events import schedule_core  # noqa: E402
from matching.core import POSSIBLE_SCORE, band  # noqa: E402
from matching.core.profiles import lowest_score_of  # noqa: E402

NONPROFITS, PROVIDERS, SLOTS, TABLES = 300, 200, 24, 40
NONPROFIT_CAP, PROVIDER_CAP = 4, 8
WEAK_AT_MOST = lowest_score_of(POSSIBLE_SCORE) - 0.1  # the highest weak score, rounded to 0.1


def synthetic_candidates(seed: int) -> list[schedule_core.Candidate]:
    """Each nonprofit has 1–3 needs, each matched by 5–40 offerings of random providers
    (popular providers more often), scores 30–95; a tenth of the nonprofits only weak ones."""
    rng = random.Random(seed)
    nonprofits = range(1, NONPROFITS + 1)
    providers = list(range(10_001, 10_001 + PROVIDERS))
    popularity = [1 / (rank + 5) for rank in range(PROVIDERS)]
    candidates, need, offering = [], 0, 0
    for nonprofit in nonprofits:
        only_weak = rng.random() < 0.1
        for _ in range(rng.randint(1, 3)):
            need += 1
            for provider in set(rng.choices(providers, popularity, k=rng.randint(5, 40))):
                offering += 1
                score = rng.uniform(30, WEAK_AT_MOST) if only_weak else rng.uniform(30, 95)
                score = round(score, 1)
                candidates.append(
                    schedule_core.Candidate(nonprofit, provider, need, offering, score, band(score))
                )
    return candidates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    candidates = synthetic_candidates(args.seed)
    limits = schedule_core.Limits(SLOTS, TABLES, NONPROFIT_CAP, PROVIDER_CAP)
    print(
        f"{NONPROFITS} nonprofits × {PROVIDERS} providers × {SLOTS} slots × {TABLES} tables; "
        f"{len(candidates)} candidate pairs; caps {NONPROFIT_CAP} per nonprofit, "
        f"{PROVIDER_CAP} per provider"
    )
    started = time.perf_counter()
    result = schedule_core.schedule(candidates, limits)
    seconds = time.perf_counter() - started
    print(
        f"schedule_s={seconds:.2f} meetings={len(result.meetings)} "
        f"nonprofits_served={result.served} nonprofits_eligible={result.eligible} "
        f"double_bookings={schedule_core.double_bookings(result.meetings)} "
        f"objective={result.objective}"
    )


if __name__ == "__main__":
    main()
