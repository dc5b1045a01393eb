"""Params and adjustments are read by one defended YAML reader: no alias bombs, no duplicate keys,
no lists where a value belongs, no infinite or boolean amounts, no second entry for the same thing;
and what the params say about the data is checked before any kernel starts."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from styrkort.cli.main import main
from styrkort.data.errors import DataError
from styrkort.data.params import load_params
from styrkort.data.yamlfile import MAX_BYTES, read_yaml
from styrkort.reports.adjustments import load_adjustments
from styrkort.reports.kinds import REPORTS


def refused(path):
    with pytest.raises(DataError) as exc:
        read_yaml(path)
    return str(exc.value)


@pytest.mark.parametrize("content, words", [
    (b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "ankare (&a)"),
    (b"status_rule:\n  kind: majority\nstatus_rule:\n  kind: worst-case\n", "rad 3: nyckeln 'status_rule' står redan"),
    (b"a: !!python/object/apply:os.system ['echo hej']\n", "inte giltig YAML"),
    (b"a: 1\x00\n", "ingen textfil"),
    (b"a: " + b"x" * (MAX_BYTES + 1), "högst 1 000 000"),
    (b"a: [\n", "inte giltig YAML: rad"),
    (b"[" * 5000 + b"]" * 5000, "för djupt"),
])
def test_the_reader_refuses_what_no_params_file_holds(tmp_path, content, words):
    path = tmp_path / "fil.yaml"
    path.write_bytes(content)
    message = refused(path)
    assert words in message and "fil.yaml" in message


def test_windows_encodings_are_read(tmp_path):
    path = tmp_path / "fil.yaml"
    path.write_bytes("motivering: Sjukfrånvaron är hög\n".encode("cp1252"))
    assert read_yaml(path) == {"motivering": "Sjukfrånvaron är hög"}
    path.write_bytes("\ufeffmotivering: Röd\r\n".encode("utf-8"))
    assert read_yaml(path) == {"motivering": "Röd"}


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_bytes_give_content_or_the_projects_own_error(tmp_path, content):
    path = tmp_path / "fil.yaml"
    path.write_bytes(content)
    try:
        read_yaml(path)
        load_params(path)
    except DataError:
        pass


@pytest.mark.parametrize("report, period, text, words", [
    ("monthly", "2024-08", "status:\n- {malomrade: [1], status: Röd, motivering: x}\n", "malomrade ska vara ett heltal"),
    ("monthly", "2024-08", "status:\n- {malomrade: 1, status: [Röd], motivering: x}\n", "status ska vara en text"),
    ("monthly", "2024-08", "status:\n- {malomrade: 1, status: Röd, motivering: {a: b}}\n",
     "motivering ska vara en text"),
    ("monthly", "2024-08", "status:\n- {malomrade: 1, status: Röd, motivering: x}\n"
                           "- {malomrade: 1, status: Grön, motivering: y}\n", "dubblett: malomrade 1 står redan i status nr 1"),
    ("interim", "2024-T2", "prognos:\n- {verksamhet: Integration, justering: .inf, motivering: x}\n",
     "justering ska vara ett tal, inte inf"),
    ("interim", "2024-T2", "prognos:\n- {verksamhet: Integration, justering: .nan, motivering: x}\n",
     "justering ska vara ett tal, inte nan"),
    ("plan", "2024", "kommunbidrag:\n- {steg: prisuppräkning, belopp: true, motivering: x}\n",
     "belopp ska vara ett tal, inte True"),
    ("plan", "2024", "risker:\n- {risk: [R1], sannolikhet: 2, konsekvens: 2, motivering: x}\n",
     "risk ska vara en text"),
])
def test_adjustment_fields_hold_what_they_name(tmp_path, data, params, report, period, text, words):
    kind = REPORTS[report]
    (tmp_path / f"{report}-{kind.resolve(data, period).key}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_adjustments(tmp_path, kind, kind.resolve(data, period), data, params)
    assert words in str(exc.value)


@pytest.mark.parametrize("text, words", [
    ("economy_goal_area: true\n", "economy_goal_area ska vara ett målområdes nummer, inte True"),
    ("economy_goal_area: [4]\n", "inte [4]"),
    ("risk:\n  scale: [4]\n", "risk.scale ska vara ett heltal 3–7 (nivåer av sannolikhet och konsekvens), inte [4]"),
    ("risk:\n  scale: true\n", "inte True"),
    ("risk:\n  bands: Låg\n", "risk.bands ska vara en lista"),
    ("budget_deviation:\n  green_from: .inf\n", "ska vara ett tal, inte inf"),
    ("status_rule:\n  red_share_for_red: .nan\n", "ska vara ett tal, inte nan"),
    ("indicators:\n  tolerance_percent: true\n", "ska vara ett tal, inte True"),
])
def test_params_fields_hold_what_they_name(tmp_path, text, words):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_params(path)
    assert words in str(exc.value)


def _check(data_dir, params_path, capsys) -> tuple[int, str]:
    code = main(["check", "--data", str(data_dir), "--params", str(params_path)])
    return code, capsys.readouterr().err


def test_params_that_do_not_fit_the_data_are_caught_by_check_and_before_any_kernel(data_copy, tmp_path, capsys):
    shipped = (ROOT / "params" / "styrkort.yaml").read_text(encoding="utf-8")
    params = tmp_path / "params" / "styrkort.yaml"
    params.parent.mkdir()
    params.write_text(shipped.replace("economy_goal_area: 4", "economy_goal_area: 7"), encoding="utf-8")
    code, err = _check(data_copy, params, capsys)
    assert code == 2 and "economy_goal_area är 7, men 2024 har målområdena 1, 2, 3, 4" in err

    risk_section = shipped[shipped.index("risk:"):]
    params.write_text(shipped.replace(risk_section, "risk:\n  scale: 4\n"), encoding="utf-8")
    code, err = _check(data_copy, params, capsys)
    assert code == 2 and "risker.csv" in err and "utanför skalan 1–4" in err

    out = tmp_path / "out"
    code = main(["render", "plan", "--year", "2024", "--data", str(data_copy), "--params", str(params), "--out",
                 str(out)])
    assert code == 2 and "utanför skalan 1–4" in capsys.readouterr().err
    assert not out.exists() or not list(out.rglob("*.misslyckad.ipynb"))
