"""The rules the data keeps, each in one place: a month belongs to one reporting period, a goal area
exists only for the years it is given for, and a number typed by hand is whole or it is refused."""

from styrkort.data.periods import parse_period
from styrkort.data.rules import GoalAreas, overlapping_period
from styrkort.data.values import whole_number


def test_a_month_belongs_to_one_reporting_period():
    july = parse_period("2023-07")
    assert overlapping_period(july, ["2023-05", "2023-06..2023-07"]).key == "2023-06..2023-07"
    assert overlapping_period(july, ["2023-07", "2023-08"]) is None  # itself is no overlap
    assert overlapping_period(parse_period("2023-06..2023-07"), ["2023-07"]).key == "2023-07"


def test_a_goal_area_exists_for_its_years_only():
    areas = GoalAreas([(2023, 1), (2023, 2), (2024, 1), (2024, 3), (None, 9)])
    assert areas.of(2024) == [1, 3] and areas.years() == [2023, 2024]
    assert areas.unknown(3, 2024) is None and areas.unknown(3.0, 2024) is None and areas.unknown("3", 2024) is None
    assert areas.unknown(2, 2024) == "målområde 2 finns inte för 2024 i malomraden; kända: 1, 3"
    assert areas.unknown(1, 2025) == "målområde 1 finns inte för 2025 i malomraden; kända: inga"
    assert areas.unknown(True, 2024) is not None and areas.unknown("ett", 2024) is not None


def test_whole_numbers_typed_by_hand():
    assert [whole_number(x) for x in (3, 3.0, "3", " 4 ")] == [3, 3, 3, 4]
    assert [whole_number(x) for x in (3.5, "tre", True, None, float("nan"))] == [None] * 5
