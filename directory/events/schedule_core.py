"""The maths of an event's schedule: which nonprofit meets which provider, in which slot, at
which table. Plain Python with NumPy and SciPy, no Django: fed plain tuples, tested and
benchmarked alone (bench/events.py). docs/events.md states the objective.

Two stages:

1. **Which pairs meet** (``select_pairs``): a mixed-integer programme solved by HiGHS through
   ``scipy.optimize.milp``. One 0/1 variable per candidate pair (a nonprofit and a provider
   with a strong or possible match; the best match stands for the pair) and one per nonprofit,
   ``served``, at most 1 and at most its number of meetings. Maximise

       BONUS × Σ served + Σ score × meets

   under: each nonprofit meets at most ``nonprofit_cap`` providers, each provider at most
   ``provider_cap`` nonprofits, nobody more than there are slots, and no more meetings than
   slots × tables. ``BONUS`` is larger than any total of scores, so the programme first serves
   as many nonprofits as the caps allow (fairness: everyone with a match gets a meeting when
   capacity allows) and only then the strongest matches. The constraints form a network flow
   (source → nonprofit → provider → sink), so the relaxation is already whole and HiGHS
   solves it at once.
2. **When and where** (``assign_slots``): the chosen meetings are the edges of a bipartite
   graph whose degrees are at most the number of slots, so by König's theorem they can be
   coloured with that many slots, nobody in two meetings of one slot (``colour_edges``, by
   alternating paths). A slot holding more meetings than tables then gives a meeting to a slot
   holding fewer by swapping an alternating path of the two slots (de Werra's balancing), which
   never double-books anyone; so whenever meetings ≤ slots × tables every slot fits its tables.
   Tables are then numbered within each slot.

``fill_slot`` proposes the next best pair into one freed (slot, table) after a decline.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

STRONG = "strong"
POSSIBLE = "possible"
MEETING_BANDS = (STRONG, POSSIBLE)
TOP_SCORE = 100.0


@dataclass(frozen=True)
class Candidate:
    """A pair that may meet: a nonprofit's need and a provider's offering, with their match."""

    nonprofit: int
    provider: int
    need: int
    offering: int
    score: float
    band: str


@dataclass(frozen=True)
class Placed:
    """A meeting with its place: ``slot`` from 0, ``table`` from 1."""

    candidate: Candidate
    slot: int
    table: int


@dataclass(frozen=True)
class Limits:
    slots: int
    tables: int
    nonprofit_cap: int
    provider_cap: int


@dataclass(frozen=True)
class Schedule:
    meetings: list[Placed]
    served: int  # nonprofits with at least one meeting
    eligible: int  # nonprofits with at least one strong or possible candidate

    @property
    def objective(self) -> float:
        """The total score of the meetings (the second part of the objective)."""
        return round(sum(placed.candidate.score for placed in self.meetings), 2)


def best_per_pair(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per (nonprofit, provider), the best scoring, strong or possible only;
    ties broken by need then offering so the answer never depends on input order."""
    best: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        if candidate.band not in MEETING_BANDS or candidate.nonprofit == candidate.provider:
            continue
        key = (candidate.nonprofit, candidate.provider)
        known = best.get(key)
        if known is None or _rank(candidate) < _rank(known):
            best[key] = candidate
    return sorted(best.values(), key=_rank)


def _rank(candidate: Candidate) -> tuple:
    return (-candidate.score, candidate.nonprofit, candidate.provider, candidate.need)


def select_pairs(candidates: list[Candidate], limits: Limits) -> list[Candidate]:
    """Stage 1: the pairs that meet (see the module's docstring); ``candidates`` one per pair."""
    if not candidates or limits.slots <= 0 or limits.tables <= 0:
        return []
    nonprofits = sorted({c.nonprofit for c in candidates})
    providers = sorted({c.provider for c in candidates})
    row_of_nonprofit = {org: i for i, org in enumerate(nonprofits)}
    row_of_provider = {org: len(nonprofits) + i for i, org in enumerate(providers)}
    pairs, served = len(candidates), len(nonprofits)
    total_row = len(nonprofits) + len(providers)
    first_served_row = total_row + 1
    rows, cols, values = [], [], []
    for col, candidate in enumerate(candidates):
        for row in (row_of_nonprofit[candidate.nonprofit], row_of_provider[candidate.provider]):
            rows.append(row)
            cols.append(col)
            values.append(1.0)
        rows.append(total_row)
        cols.append(col)
        values.append(1.0)
        # served ≤ meetings of its nonprofit: served − Σ meets ≤ 0
        rows.append(first_served_row + row_of_nonprofit[candidate.nonprofit])
        cols.append(col)
        values.append(-1.0)
    for i in range(served):
        rows.append(first_served_row + i)
        cols.append(pairs + i)
        values.append(1.0)
    shape = (first_served_row + served, pairs + served)
    matrix = coo_matrix((values, (rows, cols)), shape=shape).tocsr()
    nonprofit_cap = min(limits.nonprofit_cap, limits.slots)
    provider_cap = min(limits.provider_cap, limits.slots)
    upper = np.concatenate(
        [
            np.full(len(nonprofits), nonprofit_cap),
            np.full(len(providers), provider_cap),
            [limits.slots * limits.tables],
            np.zeros(served),
        ]
    )
    scores = np.array([c.score for c in candidates])
    bonus = TOP_SCORE * min(pairs, limits.slots * limits.tables) + 1
    objective = -np.concatenate([scores, np.full(served, bonus)])
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, -np.inf, upper),
        integrality=np.ones(pairs + served),
        bounds=Bounds(0, 1),
    )
    if result.x is None:  # cannot happen (all zeros is feasible); never guess a schedule
        raise RuntimeError(f"the meeting programme found no answer: {result.message}")
    return [c for c, meets in zip(candidates, result.x[:pairs], strict=True) if meets > 0.5]


def colour_edges(edges: list[tuple[int, int]], colours: int) -> list[int]:
    """A colour (slot) for each edge of a bipartite graph, no vertex with two edges of one
    colour; each vertex's degree must be at most ``colours``. Vertices of the two sides are
    told apart by the caller (here: ("n", id) and ("p", id) are kept apart by offsetting).

    Each edge takes a colour free at both ends if there is one; else colour ``a`` free at
    ``u`` and ``b`` free at ``v``: the path from ``v`` alternating ``a``, ``b`` never reaches
    ``u`` in a bipartite graph, so swapping its colours frees ``a`` at ``v`` too."""
    at: dict[object, dict[int, int]] = defaultdict(dict)  # vertex → colour → edge
    colour_of = [-1] * len(edges)
    for index, (u, v) in enumerate(edges):
        used_u, used_v = at[u], at[v]
        common = next((c for c in range(colours) if c not in used_u and c not in used_v), None)
        if common is None:
            a = next(c for c in range(colours) if c not in used_u)
            b = next(c for c in range(colours) if c not in used_v)
            _swap_path(edges, colour_of, at, start=v, first=a, second=b)
            common = a
        colour_of[index] = common
        at[u][common] = index
        at[v][common] = index
    return colour_of


def _swap_path(edges, colour_of, at, *, start, first: int, second: int) -> None:
    """Swap colours ``first`` and ``second`` along the alternating path from ``start``."""
    path, vertex, colour = [], start, first
    while colour in at[vertex]:
        edge = at[vertex][colour]
        path.append(edge)
        u, v = edges[edge]
        vertex = v if u == vertex else u
        colour = second if colour == first else first
    for edge in path:
        for end in edges[edge]:
            if at[end].get(colour_of[edge]) == edge:
                del at[end][colour_of[edge]]
    for edge in path:
        colour_of[edge] = second if colour_of[edge] == first else first
        for end in edges[edge]:
            at[end][colour_of[edge]] = edge


def balance(edges: list[tuple[int, int]], colour_of: list[int], colours: int, most: int) -> None:
    """Move meetings from slots holding more than ``most`` to slots holding fewer, each move
    swapping an alternating path of the two slots that has one more edge of the full slot."""
    at: dict[object, dict[int, int]] = defaultdict(dict)
    for index, (u, v) in enumerate(edges):
        at[u][colour_of[index]] = index
        at[v][colour_of[index]] = index
    sizes = [0] * colours
    for colour in colour_of:
        sizes[colour] += 1
    while True:
        full = max(range(colours), key=lambda c: sizes[c])
        roomy = min(range(colours), key=lambda c: sizes[c])
        if sizes[full] <= most or sizes[roomy] >= most:
            return
        start = _path_start(edges, colour_of, at, full, roomy)
        _swap_path(edges, colour_of, at, start=start, first=full, second=roomy)
        sizes[full] -= 1
        sizes[roomy] += 1


def _path_start(edges, colour_of, at, full: int, roomy: int):
    """An end of an alternating path (``full``, ``roomy``) that starts and ends with ``full``:
    one exists while ``full`` holds more edges than ``roomy``."""
    for index, colour in enumerate(colour_of):
        if colour != full:
            continue
        for end in edges[index]:
            if roomy in at[end]:
                continue
            length, vertex, current = 0, end, full
            while current in at[vertex]:
                edge = at[vertex][current]
                u, v = edges[edge]
                vertex = v if u == vertex else u
                length += 1
                current = roomy if current == full else full
            if length % 2 == 1:
                return end
    raise RuntimeError("no alternating path to balance the slots")  # cannot happen


def assign_slots(chosen: list[Candidate], limits: Limits) -> list[Placed]:
    """Stage 2: a slot and a table for each chosen meeting (see the module's docstring)."""
    if not chosen:
        return []
    edges = [(("n", c.nonprofit), ("p", c.provider)) for c in chosen]
    colour_of = colour_edges(edges, limits.slots)
    balance(edges, colour_of, limits.slots, limits.tables)
    tables_used = [0] * limits.slots
    placed = []
    for index in sorted(range(len(chosen)), key=lambda i: (colour_of[i], _rank(chosen[i]))):
        slot = colour_of[index]
        tables_used[slot] += 1
        placed.append(Placed(chosen[index], slot, tables_used[slot]))
    return placed


def schedule(candidates: Iterable[Candidate], limits: Limits) -> Schedule:
    """Both stages: the meetings to propose for an event, nobody, no table and no slot booked
    twice."""
    pairs = best_per_pair(candidates)
    chosen = select_pairs(pairs, limits)
    meetings = assign_slots(chosen, limits)
    return Schedule(
        meetings=meetings,
        served=len({placed.candidate.nonprofit for placed in meetings}),
        eligible=len({c.nonprofit for c in pairs}),
    )


def double_bookings(meetings: Iterable[Placed]) -> int:
    """How many times an organisation or a table is booked twice in one slot (0 in a good
    schedule)."""
    seen: set[tuple] = set()
    twice = 0
    for placed in meetings:
        c = placed.candidate
        for key in (("n", c.nonprofit, placed.slot), ("p", c.provider, placed.slot)):
            twice += key in seen
            seen.add(key)
        table = ("t", placed.slot, placed.table)
        twice += table in seen
        seen.add(table)
    return twice


def fill_slot(
    candidates: Iterable[Candidate],
    *,
    slot: int,
    busy: set[int],
    met: set[tuple[int, int]],
    meetings_of: dict[int, int],
    limits: Limits,
) -> Candidate | None:
    """The pair to propose into a freed place in ``slot``: neither organisation busy in it
    (``busy``), the pair not met or declined before (``met``), both under their caps
    (``meetings_of`` counts each organisation's live meetings). Nonprofits without a meeting
    come first (fairness), then the highest score."""
    best = None
    for candidate in best_per_pair(candidates):
        if candidate.nonprofit in busy or candidate.provider in busy:
            continue
        if (candidate.nonprofit, candidate.provider) in met:
            continue
        if meetings_of.get(candidate.nonprofit, 0) >= limits.nonprofit_cap:
            continue
        if meetings_of.get(candidate.provider, 0) >= limits.provider_cap:
            continue
        key = (meetings_of.get(candidate.nonprofit, 0) > 0, _rank(candidate))
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best else None
