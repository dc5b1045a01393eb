import pytest

from styrkort.reports.indicators import assess
from styrkort.data.params import IndicatorSettings
from styrkort.data.status import Status

S = IndicatorSettings(tolerance_percent=2.0, share_of_target_yellow=80.0)


@pytest.mark.parametrize("direction, value, last, target, status", [
    ("minska", 7.0, 8.0, None, Status.GRON),
    ("minska", 8.1, 8.0, None, Status.GUL),    # within 2 % of last year
    ("minska", 9.0, 8.0, None, Status.ROD),
    ("öka", 120, 100, None, Status.GRON),
    ("öka", 80, 100, None, Status.ROD),
    ("behålla", 99, 100, None, Status.GRON),
    ("behålla", 90, 100, None, Status.ROD),
    ("mål", 100, None, 100, Status.GRON),
    ("mål", 85, None, 100, Status.GUL),
    ("mål", 70, None, 100, Status.ROD),
    ("minska", 7.0, None, None, None),         # nothing to compare with: not assessed
    ("mål", None, None, 100, None),
])
def test_assess(direction, value, last, target, status):
    assert assess(direction, value, last, target, S) is status
