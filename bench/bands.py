"""Calibration of the bands (matching.core.STRONG_SCORE and POSSIBLE_SCORE) on the judged
needs, their translations and the Hindi check set (bench/quality.py), each on its own and
pooled (the translated sets without their English sources, which repeat the judged needs).

Run from the repository root:  python bench/bands.py [--strong SCORE]

For each strong threshold (a shown score, as `matching.core.band` reads it): strong precision
(of top-ten results in the strong band, the share judged relevant), strong results per need in
the top ten and the share of needs with at least one. Then, at the app's strong threshold (or
the one given), for each possible threshold: possible precision, possible results per need and
weak precision (the share of the rest judged relevant).
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as bench/matching.py

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import quality  # noqa: E402
from bench.matching import ranking_quality, vocabulary_from_defaults  # noqa: E402
from matching.core import POSSIBLE_SCORE, STRONG_SCORE  # noqa: E402

STRONG_GRID = (50, 55, 58, 60, 62, 64, 65, 66, 68, 70, 72, 75, 80)
POSSIBLE_GRID = (30, 35, 40, 45, 50, 55)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strong", type=float, default=STRONG_SCORE, help="for the possible grid")
    chosen = parser.parse_args().strong
    judged, _heldout, translations = ranking_quality(vocabulary_from_defaults())
    sets = {
        "dev": judged.tops,
        **{
            label: [top for top in q.tops if top[0] != "en_source"]
            for label, q in translations.items()
        },
        "pooled": quality.pooled_tops(judged, translations),
    }
    print("needs: " + " ".join(f"{label}={len(tops)}" for label, tops in sets.items()))
    print("\nstrong  " + "".join(f"| {label:<24}" for label in sets))
    print("        " + "| prec  /need  needs>=1 " * len(sets))
    for strong in STRONG_GRID:
        row = [
            quality.BandFigures.of(tops, strong, min(POSSIBLE_SCORE, strong))
            for tops in sets.values()
        ]
        print(
            f"{strong:>6}  "
            + "".join(
                f"| {f.strong_precision:.3f} {f.strong_per_need:5.2f}  {f.needs_with_strong:6.0%}  "
                for f in row
            )
        )
    print(f"\npossible (strong at {chosen:g}) " + "".join(f"| {label:<20}" for label in sets))
    print("                         " + "| prec  /need  weak   " * len(sets))
    for possible in POSSIBLE_GRID:
        if possible >= chosen:
            continue
        row = [quality.BandFigures.of(tops, chosen, possible) for tops in sets.values()]
        print(
            f"{possible:>24} "
            + "".join(
                f"| {f.possible_precision:.3f} {f.possible_per_need:5.2f} {f.weak_precision:.3f} "
                for f in row
            )
        )


if __name__ == "__main__":
    main()
