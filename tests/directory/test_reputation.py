"""How responsiveness and ratings read, without a database."""

from datetime import timedelta

import pytest

from directory.engagement.reputation import EventRecord, Ratings, Responsiveness, wait_in_words

hours = lambda n: timedelta(hours=n)  # noqa: E731


def test_nothing_received_reads_no_requests_yet():
    assert str(Responsiveness.from_waits([])) == "No introduction requests yet"
    assert Responsiveness().rate is None


def test_a_few_requests_are_counted_exactly():
    responsiveness = Responsiveness.from_waits([hours(5), hours(30), None, hours(40)])
    assert (responsiveness.received, responsiveness.answered) == (4, 3)
    assert responsiveness.typical_wait == hours(30)
    assert str(responsiveness) == ("Answered 3 of 4 introduction requests, usually within 2 days")


def test_ten_or_more_read_as_so_many_in_ten():
    waits = [hours(20)] * 8 + [None] * 2
    assert str(Responsiveness.from_waits(waits)) == (
        "Answers 8 in 10 introduction requests, usually within 20 hours"
    )


def test_in_tens_never_rounds_to_all_or_none():
    assert Responsiveness(received=40, answered=39, typical_wait=hours(1)).in_tens == 9
    assert Responsiveness(received=40, answered=1, typical_wait=hours(1)).in_tens == 1


def test_nothing_answered_says_so():
    assert str(Responsiveness.from_waits([None])) == "Did not answer its 1 introduction request"
    assert str(Responsiveness.from_waits([None] * 3)) == (
        "Did not answer its 3 introduction requests"
    )


def test_a_provider_nobody_answers_for_has_no_figures():
    assert str(Responsiveness(joined=False)) == "Not on Impact Socials yet"


def test_one_answered_request_is_singular():
    assert str(Responsiveness.from_waits([hours(2)])) == (
        "Answered 1 of 1 introduction request, usually within 2 hours"
    )


@pytest.mark.parametrize(
    ("wait", "words"),
    [
        (timedelta(minutes=10), "an hour"),
        (hours(1), "an hour"),
        (hours(5.5), "6 hours"),
        (hours(24), "a day"),
        (hours(25), "2 days"),
        (timedelta(days=6, hours=1), "7 days"),
    ],
)
def test_waits_round_up_to_hours_then_days(wait, words):
    assert wait_in_words(wait) == words


def test_ratings_read_in_words():
    assert str(Ratings()) == "No reviews yet"
    assert str(Ratings(count=1, fit=4, integration=3, support=5, pilots=1)) == (
        "1 review, after a pilot"
    )
    assert str(Ratings(count=3, fit=4, integration=3, support=5, pilots=0)) == (
        "3 reviews, none after a pilot"
    )
    assert Ratings(count=2, fit=4.5, integration=3, support=5, pilots=2).parts == [
        ("Fit for the need", 4.5),
        ("Ease of integration", 3),
        ("Support", 5),
    ]


def test_a_providers_event_record_in_words():
    assert not EventRecord()
    assert EventRecord(held=1).in_words == "Met 1 nonprofit at events"
    assert str(EventRecord(held=3, rated=2, useful=2, follow_ups=1)) == (
        "Met 3 nonprofits at events; 2 of 2 found the meeting useful, 1 planned a follow-up"
    )
