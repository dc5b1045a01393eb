import pytest

from styrkort.data.status import Status, StatusError, parse_status


@pytest.mark.parametrize("text, status", [
    ("Grön", Status.GRON), ("grön", Status.GRON), ("GRON", Status.GRON), ("gron", Status.GRON),
    (" Gul ", Status.GUL), ("RÖD", Status.ROD), ("rod", Status.ROD),
])
def test_case_and_missing_diacritics_are_accepted(text, status):
    assert parse_status(text) is status


def test_near_miss_suggests_the_nearest_status():
    with pytest.raises(StatusError) as exc:
        parse_status("Grönn")
    assert exc.value.suggestion == "Grön"
    assert "Menade du Grön?" in str(exc.value)


def test_nonsense_has_no_suggestion():
    with pytest.raises(StatusError) as exc:
        parse_status("kanske")
    assert exc.value.suggestion is None


def test_every_status_has_a_distinct_symbol():
    assert len({s.symbol for s in Status}) == 3
