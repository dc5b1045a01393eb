"""Property-based tests of the parsers that read what people type: numbers, statuses, periods,
comments through a filled template, and amounts in a ledger."""

import unicodedata

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from styrkort.data import fmt
from styrkort.data.periods import PeriodError, parse_period
from styrkort.data.status import ALLOWED, Status, StatusError, parse_status

# --- numbers --------------------------------------------------------------------------------------

exact = st.builds(lambda n, d: (n / 10 ** d, d), st.integers(-10 ** 13, 10 ** 13), st.integers(0, 3))


@given(exact, st.sampled_from([("-", " "), (fmt.MINUS, fmt.NBSP), ("-", "\u202f"), ("\u2013", "")]))
@example((-308853.0, 0), ("-", " "))
@example((204.7, 1), (fmt.MINUS, fmt.NBSP))
def test_parse_number_reads_back_what_fmt_number_writes(value_decimals, style):
    """Excel exports (ASCII hyphen, plain spaces) and the reports' own form (U+2212, NBSP) alike."""
    (value, decimals), (minus, space) = value_decimals, style
    text = fmt.number(value, decimals, minus=minus, space=space)
    assert fmt.parse_number(text) == value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_parse_number_reads_python_and_excel_decimal_points(value):
    text = repr(value)
    assume("e" not in text)  # no one types 1e-05 into a report file
    assert fmt.parse_number(text) == value and fmt.parse_number(text.replace(".", ",")) == value


@given(st.text(max_size=20))
@example("1.234,5")
@example("12 %")
@example("")
@example("nan")
@example("∞")
def test_parse_number_returns_a_finite_number_or_refuses(text):
    try:
        value = fmt.parse_number(text)
    except ValueError:
        return
    assert value == value and abs(value) != float("inf")
    assert all(c.isdigit() or c in " \u00a0\u202f\u2009-\u2212\u2013+.," for c in text.strip())


# --- statuses -------------------------------------------------------------------------------------

def spellings(word: str):
    """Every case, with or without diacritics, with space around: Grön, GRON, gRöN, ' grön '."""
    def spell(flags):
        out = []
        for c, (upper, plain) in zip(word, flags):
            if plain:
                c = unicodedata.normalize("NFKD", c)[0]
            out.append(c.upper() if upper else c.lower())
        return "".join(out)

    return st.builds(lambda flags, pad: pad[0] + spell(flags) + pad[1],
                     st.lists(st.tuples(st.booleans(), st.booleans()), min_size=len(word), max_size=len(word)),
                     st.tuples(st.sampled_from(["", " ", "\t"]), st.sampled_from(["", " ", "\n"])))


@given(st.sampled_from(list(Status)).flatmap(lambda s: st.tuples(st.just(s), spellings(s.value))))
def test_parse_status_accepts_every_spelling_of_the_three(status_text):
    status, text = status_text
    assert parse_status(text) is status


def _fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.strip().casefold()) if not unicodedata.combining(c))


@given(st.text(max_size=12))
@example("Grönn")
@example("Blå")
@example("grön!")
def test_parse_status_refuses_everything_else_with_a_suggestion_or_none(text):
    assume(_fold(text) not in ("gron", "gul", "rod"))
    with pytest.raises(StatusError) as exc:
        parse_status(text)
    assert exc.value.suggestion is None or exc.value.suggestion in ALLOWED
    assert "Grön, Gul, Röd" in str(exc.value)


# --- periods --------------------------------------------------------------------------------------

years = st.integers(1900, 2200)


@given(years, st.integers(1, 12))
def test_month_keys_round_trip(year, month):
    key = f"{year:04d}-{month:02d}"
    p = parse_period(key)
    assert (p.kind, p.key, p.year, len(p.months)) == ("month", key, year, 1)
    assert parse_period(p.key) == p


@given(years, st.integers(1, 12), st.integers(1, 12))
def test_combined_keys_round_trip_or_are_refused(year, first, last):
    key = f"{year:04d}-{first:02d}..{year:04d}-{last:02d}"
    if last <= first:
        with pytest.raises(PeriodError):
            parse_period(key)
        return
    p = parse_period(key)
    assert (p.kind, p.key, len(p.months)) == ("combined", key, last - first + 1)
    assert parse_period(p.key) == p


@given(years, st.sampled_from(["T1", "T2", "t1", "t2"]))
def test_interim_and_year_keys_round_trip(year, label):
    p = parse_period(f"{year}-{label}")
    assert p.key == f"{year}-{label.upper()}" and parse_period(p.key) == p
    assert parse_period(str(year)).key == str(year)


@given(st.text(max_size=20))
@example("2024-13")
@example("2024-9")
@example("2023-07..2024-01")
def test_any_text_is_a_period_whose_key_reads_back_or_is_refused_in_swedish(text):
    try:
        p = parse_period(text)
    except PeriodError as exc:
        assert "period" in str(exc) or "månad" in str(exc)
        return
    assert parse_period(p.key) == p


# --- comments and values through a filled template -------------------------------------------------

# What a person can type into an Excel cell: any printable text, line breaks included.
cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                    | st.sampled_from(["\n", "<", ">", "&", '"', "'"]), min_size=1, max_size=200)


@pytest.fixture(scope="module")
def intake_folder(tmp_path_factory):
    import shutil

    from conftest import EXAMPLE
    from intake_helpers import templates

    root = tmp_path_factory.mktemp("prop")
    shutil.copytree(EXAMPLE, root / "data")
    return root / "data", templates(root / "data", root / "mallar", units=["VUX"])["VUX"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=cell_text, status=spellings("Röd"), value=exact)
def test_a_template_reads_back_what_the_unit_typed(intake_folder, tmp_path_factory, comment, status, value):
    """Any comment (markup and all) and any Swedish-written number survive template → import →
    load_data unchanged; nothing is stored by this test (read_import only)."""
    from intake_helpers import fill
    from styrkort.intake.imports import read_import
    from styrkort.data.loading import load_data

    assume(comment.strip() and comment.strip() == comment)
    assume(not comment.startswith("="))  # that is a formula, which Excel (not openpyxl) would compute
    folder, template = intake_folder
    number, decimals = value
    target = tmp_path_factory.mktemp("fill") / template.name
    fill(template, {1: status, 2: "Gul", 3: "Grön", 4: "Gul"}, comments={1: comment},
         values={"KONS": fmt.number(number, decimals, minus="-", space=" ")}, out=target)
    sub = read_import(target, load_data(folder), folder).submissions[0]
    first = sub.assessments[0]
    assert (first.area, first.status, first.comment) == (1, "Röd", comment)
    assert [v.value for v in sub.indicator_values] == [number]


# --- amounts in a ledger --------------------------------------------------------------------------

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(exact, min_size=1, max_size=20), st.sampled_from(["plain", "swedish"]))
def test_ledger_amounts_in_any_written_form_sum_exactly(tmp_path_factory, amounts, form):
    from ledger_data import write_mapping
    from styrkort.intake.ledger import read_ledger

    folder = tmp_path_factory.mktemp("hb")
    lines = ["datum;ansvar;verksamhetskod;konto;belopp;typ"]
    for value, decimals in amounts:
        text = (fmt.number(value, decimals, minus="\u2212", space=" ") if form == "swedish"
                else f"{value:.{decimals}f}".replace(".", ","))
        lines.append(f"2024-03-01;1;300;4010;{text};utfall")
    (folder / "h.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_mapping(folder / "m.csv")
    table = read_ledger(folder / "h.csv")
    assert table["belopp"].to_pylist() == [v for v, _ in amounts]
