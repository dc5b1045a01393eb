"""The adjustment file: readable YAML, every entry with a reason, refused with file and entry named."""

import pytest
import yaml

from styrkort.data.errors import DataError
from styrkort.data.status import Status
from styrkort.reports.adjustments import Adjustments, adjustments_path, load_adjustments, save_adjustments, stamp
from styrkort.reports.kinds import MONTHLY, REPORTS
from styrkort.reports.monthly import monthly_report


def load(folder, report, period, data, params):
    kind = REPORTS[report]
    return load_adjustments(folder, kind, kind.resolve(data, period), data, params)


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def refusal(folder, data, params, report, period):
    with pytest.raises(DataError) as exc:
        load(folder, report, period, data, params)
    return exc.value.problems


def test_no_file_means_no_adjustments(tmp_path, data, params):
    adj = load(tmp_path, "monthly", "2024-08", data, params)
    assert adj.status == () and adj.overrides_for("2024-08") == {}


def test_save_and_load_round_trip_keeps_reason_user_and_time(tmp_path, data, params, monkeypatch):
    monkeypatch.setenv("STYRKORT_USER", "anna.analytiker")
    entry = stamp({"malomrade": 1, "status": "Röd"}, "Sjukfrånvaron har ökat två månader i rad")
    path = save_adjustments(Adjustments("monthly", "2024-08", status=(entry,)), tmp_path)
    assert path == adjustments_path(tmp_path, "monthly", "2024-08") and path.name == "monthly-2024-08.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["status"][0]["motivering"] == "Sjukfrånvaron har ökat två månader i rad"
    assert doc["status"][0]["av"] == "anna.analytiker" and doc["status"][0]["tid"].startswith("20")
    override = load(tmp_path, "monthly", "2024-08", data, params).overrides_for("2024-08")[("2024-08", 1)]
    assert (override.status, override.by) == (Status.ROD, "anna.analytiker")


def test_a_month_reported_with_another_resolves_to_the_combined_periods_file(tmp_path, data, params):
    write(tmp_path, "monthly-2023-06..2023-07.yaml",
          "status:\n- {malomrade: 3, status: Grön, motivering: Kön är åtgärdad}\n")
    adj = load(tmp_path, "monthly", "2023-07", data, params)
    assert adj.period == "2023-06..2023-07" and len(adj.status) == 1


def test_status_set_in_an_earlier_month_reaches_the_later_reports_strip(tmp_path, data, params):
    write(tmp_path, "monthly-2024-02.yaml", "status:\n- {malomrade: 1, status: Röd, motivering: Hög sjukfrånvaro}\n")
    report = monthly_report(data, MONTHLY.resolve(data, "2024-08"), params, load(tmp_path, "monthly", "2024-08", data, params))
    strip = {c.month: c.status for c in report.areas[0].strip}
    assert strip["feb"] is Status.ROD


@pytest.mark.parametrize("report, period, name, text, words", [
    ("monthly", "2024-08", "monthly-2024-08.yaml", "status:\n- {malomrade: 7, status: Gul, motivering: x}\n",
     "målområde 7 finns inte för 2024"),
    ("monthly", "2024-08", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Blå, motivering: x}\n",
     "status 'Blå' är inte tillåten; tillåtna: Grön, Gul, Röd"),
    ("monthly", "2024-08", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Grönn, motivering: x}\n",
     "Menade du Grön?"),
    ("monthly", "2024-08", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Grön}\n",
     "motivering saknas"),
    ("monthly", "2024-08", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Grön, motivering: '  '}\n",
     "motivering saknas"),
    ("plan", "2024", "plan-2024.yaml", "kommunbidrag:\n- {steg: indexering, procent: 4.5, motivering: x}\n",
     "steget 'indexering' finns inte i kommunbidraget 2024"),
    ("plan", "2024", "plan-2024.yaml", "risker:\n- {risk: R9, sannolikhet: 2, konsekvens: 2, motivering: x}\n",
     "risken 'R9' finns inte i riskhanteringsplanen 2024"),
    ("plan", "2024", "plan-2024.yaml", "risker:\n- {risk: R1, sannolikhet: 6, konsekvens: 2, motivering: x}\n",
     "sannolikhet 6 ligger utanför skalan 1–5"),
    ("plan", "2024", "plan-2024.yaml", "risker:\n- {risk: R1, sannolikhet: true, konsekvens: 2, motivering: x}\n",
     "sannolikhet ska vara ett heltal, inte True"),
    ("monthly", "2024-08", "monthly-2024-08.yaml", "status:\n- {malomrade: 1.5, status: Gul, motivering: x}\n",
     "malomrade ska vara ett heltal, inte 1.5"),
    ("plan", "2024", "plan-2024.yaml", "status:\n- {malomrade: 1, status: Grön, motivering: x}\n",
     "okänd nyckel 'status'"),
    ("interim", "2024-T2", "interim-2024-T2.yaml", "prognos:\n- {verksamhet: Skola, justering: -100, motivering: x}\n",
     "verksamheten 'Skola' finns inte"),
    ("interim", "2024-T2", "interim-2024-T2.yaml", "prognos:\n- {verksamhet: Integration, justering: mycket, motivering: x}\n",
     "justering ska vara ett tal"),
])
def test_refused_files_name_the_file_and_the_entry(tmp_path, data, params, report, period, name, text, words):
    write(tmp_path, name, text)
    problems = refusal(tmp_path, data, params, report, period)
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.file == name for p in problems)
    assert any(p.column and " nr 1" in p.column for p in problems) or "okänd nyckel" in words


def test_a_bad_file_for_another_month_stops_the_run_too(tmp_path, data, params):
    write(tmp_path, "monthly-2024-03.yaml", "status:\n- {malomrade: 2, status: Lila, motivering: x}\n")
    problems = refusal(tmp_path, data, params, "monthly", "2024-08")
    assert problems[0].file == "monthly-2024-03.yaml" and problems[0].column == "status nr 1"
