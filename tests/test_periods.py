import pytest

from styrkort.data.periods import Month, PeriodError, parse_period


def test_month():
    p = parse_period("2023-07")
    assert (p.kind, p.key, p.name_sv, p.slug) == ("month", "2023-07", "juli 2023", "juli-2023")


def test_combined_period():
    p = parse_period("2023-06..2023-07")
    assert p.kind == "combined"
    assert p.months == (Month(2023, 6), Month(2023, 7))
    assert p.name_sv == "juni–juli 2023"
    assert p.slug == "juni-juli-2023"
    assert p.contains(Month(2023, 7)) and not p.contains(Month(2023, 8))


def test_interim_periods():
    t1, t2 = parse_period("2024-T1"), parse_period("2024-t2")
    assert (t1.first, t1.last) == (Month(2024, 1), Month(2024, 4))
    assert (t2.key, t2.last) == ("2024-T2", Month(2024, 8))
    assert t2.name_sv == "januari–augusti 2024"


def test_year():
    p = parse_period("2024")
    assert p.kind == "year" and len(p.months) == 12


def test_month_arithmetic():
    assert Month(2023, 12).next() == Month(2024, 1)
    assert Month(2024, 1).previous() == Month(2023, 12)


@pytest.mark.parametrize("text", ["2023-13", "2023-7", "juli 2023", "2023-07..2023-06", "2023-11..2024-01",
                                  "2024-T3", ""])
def test_malformed_periods_are_refused_in_swedish(text):
    with pytest.raises(PeriodError, match="perioden"):
        parse_period(text)


def test_january_to_a_month_as_a_heading_says_it():
    from styrkort.data.periods import year_to_date

    assert year_to_date(1) == "januari"  # "Utfall januari", not "Utfall jan–jan"
    assert year_to_date(8) == "jan–aug" and year_to_date(4) == "jan–april"
