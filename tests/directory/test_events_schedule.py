"""The event scheduler's maths (directory/events/schedule_core.py), without a database."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from directory.events.schedule_core import (
    Candidate,
    Limits,
    double_bookings,
    fill_slot,
    schedule,
)


def pair(nonprofit, provider, score=60.0, band="possible", need=None, offering=None):
    return Candidate(nonprofit, provider, need or nonprofit, offering or provider, score, band)


candidates_strategy = st.lists(
    st.builds(
        pair,
        st.integers(1, 12),
        st.integers(101, 108),
        st.floats(30, 99, allow_nan=False),
        st.sampled_from(["strong", "possible", "weak"]),
    ),
    max_size=80,
)
limits_strategy = st.builds(
    Limits, st.integers(1, 6), st.integers(1, 5), st.integers(1, 4), st.integers(1, 6)
)


@settings(max_examples=150, deadline=None)
@given(candidates_strategy, limits_strategy)
def test_nobody_no_table_and_no_slot_is_booked_twice_and_caps_hold(candidates, limits):
    result = schedule(candidates, limits)
    assert double_bookings(result.meetings) == 0
    assert all(
        0 <= m.slot < limits.slots and 1 <= m.table <= limits.tables for m in result.meetings
    )
    nonprofits = Counter(m.candidate.nonprofit for m in result.meetings)
    providers = Counter(m.candidate.provider for m in result.meetings)
    assert max(nonprofits.values(), default=0) <= limits.nonprofit_cap
    assert max(providers.values(), default=0) <= limits.provider_cap
    pairs = [(m.candidate.nonprofit, m.candidate.provider) for m in result.meetings]
    assert len(pairs) == len(set(pairs))
    assert all(m.candidate.band in ("strong", "possible") for m in result.meetings)


@settings(max_examples=100, deadline=None)
@given(candidates_strategy)
def test_every_nonprofit_with_a_match_meets_someone_when_capacity_allows(candidates):
    # Plenty of slots and tables, each provider free to meet every nonprofit.
    result = schedule(candidates, Limits(slots=20, tables=20, nonprofit_cap=2, provider_cap=20))
    eligible = {c.nonprofit for c in candidates if c.band in ("strong", "possible")}
    assert {m.candidate.nonprofit for m in result.meetings} == eligible
    assert result.served == result.eligible == len(eligible)


def test_fairness_comes_before_the_strongest_matches():
    # One provider with room for two meetings: the two strong matches of nonprofit 1 would
    # score most, but nonprofit 2's only (possible) match gets a meeting too.
    candidates = [
        pair(1, 101, 95, "strong", need=1),
        pair(1, 102, 94, "strong", need=1),
        pair(2, 101, 50, "possible", need=2),
    ]
    limits = Limits(slots=2, tables=1, nonprofit_cap=2, provider_cap=1)
    met = {
        (m.candidate.nonprofit, m.candidate.provider) for m in schedule(candidates, limits).meetings
    }
    assert met == {(1, 102), (2, 101)}


def test_the_strongest_matches_are_chosen_within_each_cap():
    candidates = [pair(1, 100 + p, 40 + p * 5, "possible") for p in range(1, 8)]
    result = schedule(candidates, Limits(slots=10, tables=3, nonprofit_cap=3, provider_cap=3))
    assert sorted(m.candidate.provider for m in result.meetings) == [105, 106, 107]


def test_a_slot_never_holds_more_meetings_than_tables():
    candidates = [pair(n, p) for n in range(1, 11) for p in range(101, 111)]
    result = schedule(candidates, Limits(slots=5, tables=4, nonprofit_cap=5, provider_cap=5))
    assert len(result.meetings) == 20
    assert max(Counter(m.slot for m in result.meetings).values()) == 4
    assert double_bookings(result.meetings) == 0


def test_a_freed_place_goes_first_to_a_nonprofit_without_meetings_then_to_the_best_score():
    candidates = [
        pair(1, 101, 90, "strong"),
        pair(2, 102, 55, "possible"),
        pair(3, 103, 80, "strong"),
    ]
    limits = Limits(slots=3, tables=2, nonprofit_cap=2, provider_cap=2)
    chosen = fill_slot(candidates, slot=0, busy={3}, met=set(), meetings_of={1: 1}, limits=limits)
    assert (chosen.nonprofit, chosen.provider) == (2, 102)
    chosen = fill_slot(
        candidates, slot=0, busy=set(), met={(2, 102), (3, 103)}, meetings_of={1: 1}, limits=limits
    )
    assert (chosen.nonprofit, chosen.provider) == (1, 101)
    assert (
        fill_slot(candidates, slot=0, busy={101, 2, 3}, met=set(), meetings_of={}, limits=limits)
        is None
    )
