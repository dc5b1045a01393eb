"""In JupyterLab a user's error is one Swedish line in the notebook, in red, with no traceback;
a fault of the code keeps its traceback."""

import json

import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def run_with(tmp_path, period: str, extra: str = ""):
    nb = nbformat.read(ROOT / "notebooks" / "monthly.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = params.source.replace('period = "2023-06..2023-07"', f"period = {period!r}") + extra
    for c in nb.cells:
        c.source = c.source.replace('"../data/example/asn"', json.dumps(str(ROOT / "data" / "example" / "asn")))
        c.source = c.source.replace('"../params/styrkort.yaml"', json.dumps(str(ROOT / "params" / "styrkort.yaml")))
        c.source = c.source.replace('"../params/justeringar/asn"', json.dumps(str(tmp_path / "justeringar")))
    # Run All stops at the first error; here every cell runs, and the first error is the one shown.
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_a_bad_period_is_one_swedish_line_and_a_fault_keeps_its_traceback(tmp_path):
    errors = run_with(tmp_path, "2024-13")  # the first error; Run All stops there
    assert errors[0].ename == "PeriodError"
    shown = "\n".join(errors[0].traceback)
    assert len(errors[0].traceback) == 1 and "Traceback" not in shown and "File " not in shown
    assert "Perioden '2024-13' går inte att läsa: månad 13 finns inte (1–12)" in shown

    faults = run_with(tmp_path, "2024-08", extra="\n1 / 0")
    assert faults[0].ename == "ZeroDivisionError" and len(faults[0].traceback) > 1
