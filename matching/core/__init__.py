"""The matching core: scoring and index maths in plain Python, NumPy and SciPy.

Nothing here imports Django or the directory; the Django side (models, services, tasks,
signals, admin, views, the API) lives beside it in `matching`. Other packages import from
here:

- `profiles`: what the core reads and returns (`Vocabulary`, `NeedProfile`,
  `OfferingProfile`, `Weights`, `MatchScore`);
- `scoring`: the rules, stated in full in its docstring (with `chance`, the curve that turns
  a base fit into the chance a person calls a match relevant);
- `reference`: `score_pair`, the rules one pair at a time in plain Python;
- `reasons`: the reasons shown with each match, as codes with values (no words);
- `index`: `OfferingIndex`, the same scores for many pairs at once (with `arrays` and
  `blocks` beneath it);
- `text`: words, light stemming and curated phrases.
"""

from .index import OfferingIndex
from .profiles import (
    BANDS,
    DEFAULT_WEIGHTS,
    DEPLOYMENTS,
    FREE_OPEN_SOURCE,
    KINDS,
    POSSIBLE,
    POSSIBLE_SCORE,
    SHOWN_SCORE,
    SOFTWARE,
    STRONG,
    STRONG_SCORE,
    WEAK,
    MatchScore,
    NeedProfile,
    OfferingProfile,
    Reason,
    Vocabulary,
    Weights,
    band,
    listing_text,
    use_lines,
)
from .reasons import cost_reason
from .reference import score_pair
from .scoring import CorpusStats, cost_fit
from .text import PhraseSpotter, stem, stems

__all__ = [
    "BANDS",
    "DEFAULT_WEIGHTS",
    "DEPLOYMENTS",
    "FREE_OPEN_SOURCE",
    "KINDS",
    "CorpusStats",
    "MatchScore",
    "NeedProfile",
    "OfferingIndex",
    "OfferingProfile",
    "POSSIBLE",
    "POSSIBLE_SCORE",
    "PhraseSpotter",
    "Reason",
    "SHOWN_SCORE",
    "SOFTWARE",
    "STRONG",
    "STRONG_SCORE",
    "Vocabulary",
    "WEAK",
    "Weights",
    "band",
    "cost_fit",
    "cost_reason",
    "listing_text",
    "score_pair",
    "stem",
    "stems",
    "use_lines",
]
