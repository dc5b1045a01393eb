"""`--scheduler`: the same jobs on a Dask cluster (a LocalCluster of two worker processes here),
each worker process keeping a warm kernel; the reports equal those of local workers."""

import json
import re

import pytest

from conftest import EXAMPLE

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

distributed = pytest.importorskip("distributed")


def _body(html: str) -> str:
    html = re.sub(r'<meta[^>]*name="dcterms\.created"[^>]*>', "", html)
    return re.sub(r'<time datetime="[^"]*">[^<]*</time>', "", html)


def test_reports_render_on_a_dask_cluster(tmp_path):
    import os

    from styrkort.batch.plan import Request
    from styrkort.batch.run import render_all
    from styrkort.pipeline.job import Output
    from styrkort.pipeline.render import render
    from styrkort.pipeline.workspace import Workspace
    from styrkort.reports.kinds import INTERIM

    request = Request(years=(2024,), kinds=(INTERIM,))
    ws = Workspace.resolve(data=EXAMPLE, out=tmp_path / "dask")

    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        result = render_all(request, ws, Output(pdf=False), scheduler=cluster.scheduler_address, progress=None)
        assert "Dask" in result.workers
        again = render_all(request, ws, Output(pdf=False), scheduler=cluster.scheduler_address, progress=None)
    assert result.exit_code == 0, [(o.period, o.note) for o in result.outcomes]
    assert [(o.period, o.result) for o in result.outcomes] == [("2024-T1", "ok"), ("2024-T2", "ok")]
    assert [o.result for o in again.outcomes] == ["överhoppad", "överhoppad"]
    sidecars = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "dask").glob("*/*.json"))]
    workers = {s["worker"] for s in sidecars}
    assert all(not w.endswith(f":{os.getpid()}") for w in workers), "produced on the cluster, not here"
    alone = render("interim", "2024-T2", Workspace.resolve(data=EXAMPLE, out=tmp_path / "alone"), Output(pdf=False))
    on_dask = tmp_path / "dask" / "2024-T2" / alone.html.name
    assert _body(alone.html.read_text(encoding="utf-8")) == _body(on_dask.read_text(encoding="utf-8"))
    assert (tmp_path / "dask" / "index.html").is_file()
