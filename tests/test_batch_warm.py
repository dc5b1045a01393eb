"""A report rendered in a warm worker, after another report in the same kernel, is the report
rendered alone in a new kernel: the same HTML byte for byte, apart from the time of rendering."""

import json
import re

import pytest

from conftest import EXAMPLE, ROOT
from styrkort.batch.workers import LocalWorkers
from styrkort.data.loading import load_data
from styrkort.data.params import load_params
from styrkort.pipeline.commit import commit
from styrkort.pipeline.job import Output
from styrkort.pipeline.prepare import prepare
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.kinds import REPORTS

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

_TIMES = [
    re.compile(r'<meta[^>]*name="dcterms\.created"[^>]*>'),  # the document's creation time
    re.compile(r'<time datetime="[^"]*">[^<]*</time>'),  # "Renderad" in the footer
]


def without_times(html: str) -> str:
    for pattern in _TIMES:
        html = pattern.sub("", html)
    return html


def outputs(notebook: str) -> list:
    """The executed notebook's cells' outputs and numbering, without timing metadata."""
    nb = json.loads(notebook)
    return [(c.get("execution_count"), c.get("outputs")) for c in nb["cells"] if c["cell_type"] == "code"]


def test_warm_worker_output_equals_a_report_rendered_alone(tmp_path):
    alone = render("monthly", "2024-03", Workspace.resolve(out=tmp_path / "alone"), Output(pdf=False))

    ws = Workspace.resolve(data=EXAMPLE, out=tmp_path / "warm")
    data, params = load_data(ws.data), load_params(ws.params)
    jobs = [prepare(REPORTS[kind], period, data, params, ws, Output(pdf=False))
            for kind, period in (("plan", "2024"), ("interim", "2024-T2"), ("monthly", "2024-03"))]
    by_key = {job.kind + " " + job.period: job for job in jobs}
    workers = LocalWorkers(jobs, 1)  # one worker: one kernel runs all three, in this order
    produced = {}
    try:
        for event in workers:
            if event[0] == "done":
                job = next(j for j in jobs if j.key == event[1])
                produced[f"{job.kind} {job.period}"] = event[2]
    finally:
        workers.close()
    march = produced["monthly 2024-03"]
    assert all(p.ok for p in produced.values()), {k: p.error for k, p in produced.items()}
    assert march.warm == 2, "the kernel had run the plan and T2 before March"
    assert produced["plan 2024"].warm == 0
    assert len({p.worker for p in produced.values()}) == 1
    done = commit(by_key["monthly 2024-03"], march)

    cold = alone.html.read_text(encoding="utf-8")
    warm = done.html.read_text(encoding="utf-8")
    assert cold != warm  # rendered at different times ...
    assert without_times(cold) == without_times(warm)  # ... and otherwise the same, byte for byte
    assert len(without_times(cold)) > len(cold) - 200  # only the times were taken out
    assert outputs(alone.notebook.read_text(encoding="utf-8")) == outputs(march.notebook)
    cold_meta = json.loads(alone.html.with_suffix(".json").read_text(encoding="utf-8"))
    warm_meta = json.loads(done.html.with_suffix(".json").read_text(encoding="utf-8"))
    assert cold_meta["fingerprint"] == warm_meta["fingerprint"]
    assert cold_meta["kernel_runs_before"] == 0 and warm_meta["kernel_runs_before"] == 2


def test_the_renderer_has_one_pipeline():
    """render() and the batch share prepare → produce → commit; there is no second copy of the
    steps (papermill's execute_notebook, the exporter, the PDF) elsewhere."""
    package = ROOT / "lib" / "styrkort"
    sources = {p.relative_to(package).as_posix(): p.read_text(encoding="utf-8") for p in package.rglob("*.py")}
    assert "execute_notebook(" not in "".join(sources.values())
    for step in ("HTMLExporter(", "notebook_to_pdf(", "add_toc(", "add_provenance("):
        users = [name for name, text in sources.items() if step in text and not text.count(f"def {step[:-1]}")]
        assert users == ["pipeline/produce.py"], (step, users)
