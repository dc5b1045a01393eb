import pytest

from styrkort.data import fmt

MINUS, NBSP = "\u2212", "\u00a0"


@pytest.mark.parametrize("value, decimals, text", [
    (-308853, 0, f"{MINUS}308{NBSP}853"),
    (-308852.6, 0, f"{MINUS}308{NBSP}853"),
    (204.7, 1, "204,7"),
    (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
    (2.5, 0, "3"),          # halves away from zero, not to even
    (-2.5, 0, f"{MINUS}3"),
    (-0.4, 0, "0"),         # never "−0"
    (999, 0, "999"),
    (None, 0, "–"),
    (float("nan"), 0, "–"),
])
def test_number(value, decimals, text):
    assert fmt.number(value, decimals) == text


def test_percent_and_units():
    assert fmt.percent(2.4318) == f"2,43{NBSP}%"
    assert fmt.percent(-0.87, 1) == f"{MINUS}0,9{NBSP}%"
    assert fmt.mnkr(-2600) == f"{MINUS}2,6{NBSP}mnkr"
    assert fmt.tkr(-300613) == f"{MINUS}300{NBSP}613"


def test_excel_variant_keeps_ascii_hyphen():
    assert fmt.number(-308853, minus="-", space=" ") == "-308 853"


def test_signed():
    assert fmt.number(1410, sign=True) == f"+1{NBSP}410"
    assert fmt.number(-1410, sign=True) == f"{MINUS}1{NBSP}410"


@pytest.mark.parametrize("text, value", [
    ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("−12", -12.0), ("-12", -12.0), ("1234.5", 1234.5),
    ("  7,9 ", 7.9), ("+3", 3.0),
])
def test_parse_number_accepts_swedish_and_excel_forms(text, value):
    assert fmt.parse_number(text) == value


@pytest.mark.parametrize("text", ["1.234,5", "abc", "", "12 kr", "nan", "1e5"])
def test_parse_number_refuses(text):
    with pytest.raises(ValueError):
        fmt.parse_number(text)


def test_date_sv():
    from datetime import date
    assert fmt.date_sv(date(2024, 9, 5)) == "5 september 2024"
