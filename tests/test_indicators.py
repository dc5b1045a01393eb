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


@pytest.mark.parametrize("value, status", [(5.2, Status.GRON), (6.0, Status.GRON), (7.4, Status.GUL), (7.6, Status.ROD)])
def test_lower_is_better_against_a_target(value, status):
    """Sick leave with a target of at most 6 %: under it is Grön, never Röd (80 % share: Gul to 7,5)."""
    assert assess("högst", value, None, 6.0, IndicatorSettings()) == status


@pytest.mark.parametrize("value, status", [(8.0, Status.GRON), (12.0, Status.GRON), (12.2, Status.GUL),
                                           (7.8, Status.GUL), (13.0, Status.ROD), (5.0, Status.ROD)])
def test_a_target_interval(value, status):
    """Turnover between 8 and 12 %: 2 % of 12 on either side is Gul."""
    assert assess("intervall", value, None, 8.0, IndicatorSettings(), target_max=12.0) == status


def test_a_target_without_its_value_is_not_assessed():
    assert assess("högst", 5.0, None, None, IndicatorSettings()) is None


def test_one_precision_per_indicator():
    from types import SimpleNamespace

    from styrkort.reports.indicators import decimals_of

    assert decimals_of(SimpleNamespace(decimaler=None), 15.0, 16.9) == 1  # "15,0 %" beside "16,9 %"
    assert decimals_of(SimpleNamespace(decimaler=None), 112.0, 104.0) == 0
    assert decimals_of(SimpleNamespace(decimaler=2), 15.0, 16.9) == 2  # a stated precision wins
