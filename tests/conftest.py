import csv
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "asn"  # the example municipality's board ASN
MUNICIPALITY = ROOT / "data" / "example"


#: How the browser tests start Debian's Chromium, headless, with Playwright.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def require(ok: bool, message: str) -> None:
    """A missing prerequisite fails the test in CI (where .ci/run installs it) and skips it elsewhere."""
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(message + ": required in CI")
        pytest.skip(message)


def chromium() -> str:
    """Debian's Chromium for the browser tests (``$STYRKORT_CHROMIUM`` first), or fail/skip as
    :func:`require` does."""
    found = next((c for c in (os.environ.get("STYRKORT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                              shutil.which("chromium-browser")) if c and Path(c).exists()), None)
    require(found is not None, "Chromium not found (apt-get install chromium, or set STYRKORT_CHROMIUM)")
    return found


@pytest.fixture(scope="session")
def data():
    """The example data, loaded once: for tests that read it and do not change it."""
    from styrkort.data.loading import load_data

    return load_data(EXAMPLE)


@pytest.fixture(scope="session")
def params():
    """The shipped params, loaded once."""
    from styrkort.data.params import load_params

    return load_params(ROOT / "params" / "styrkort.yaml")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the example data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE, target)
    return target


def project_with_last_cell(home: Path, notebook: str, source: str) -> Path:
    """A project folder of the test's own (the notebooks, params and example board) in which
    ``notebook`` ends with a cell of ``source``: a slow one keeps a render running while a test
    stops it."""
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    shutil.copytree(ROOT / "params", home / "params")
    shutil.copytree(EXAMPLE, home / "data")
    path = home / "notebooks" / notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                        "source": source})
    path.write_text(json.dumps(nb), encoding="utf-8")
    return home


def processes_of(marker: str) -> list:
    """The live processes (not zombies) whose environment has ``STYRKORT_TEST_RUN=marker``: a
    command a test started with it, and everything that command started."""
    import psutil

    found = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("STYRKORT_TEST_RUN") == marker and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def left_behind(marker: str, within: float = 20) -> list[str]:
    """The command lines of :func:`processes_of` ``marker`` still alive after ``within`` seconds."""
    import time

    deadline = time.monotonic() + within
    while (left := processes_of(marker)) and time.monotonic() < deadline:
        time.sleep(0.25)
    lines = []
    for p in left:
        try:
            lines.append(" ".join(p.cmdline()))
        except Exception:  # gone meanwhile
            continue
    return lines


#: The months the example reports after August 2024.
AUTUMN_2024 = ("2024-09", "2024-10", "2024-11", "2024-12")


def copy_until_august(target: Path) -> Path:
    """The example data as it stood before September 2024 was reported: the intake tests report
    September into it."""
    shutil.copytree(EXAMPLE, target)
    for name in ("bedomningar", "indikatorvarden", "ekonomi", "ekonomi_enhet", "ekonomikommentarer", "dokument"):
        path = target / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not any(m in line.split(";")[:2] for m in AUTUMN_2024)]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    for month in AUTUMN_2024:
        shutil.rmtree(target / "texter" / month)
    return target


@pytest.fixture
def august_copy(tmp_path) -> Path:
    """A writable copy of the example data up to August 2024 (:func:`copy_until_august`)."""
    return copy_until_august(tmp_path / "data")


def read_rows(folder: Path, name: str) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def write_rows(folder: Path, name: str, rows: list[dict], delimiter: str = ";", encoding: str = "utf-8") -> None:
    with open(folder / f"{name}.csv", "w", encoding=encoding, newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)


# The example reports `make report` renders (tests/test_pdf.py checks the two lists agree).
EXAMPLES = [("monthly", "2023-06..2023-07"), ("monthly", "2024-08"), ("interim", "2024-T1"), ("interim", "2024-T2"),
            ("plan", "2024"), ("annual-report", "2024"), ("municipality", "2024-T2")]


@pytest.fixture(scope="session")
def examples(tmp_path_factory):
    """The example reports rendered once per session as `make report` does, with their PDFs
    and the output folder's index: ``(out_dir, [Rendered, ...])``, shared by the PDF, HTML,
    accessibility and index tests. The municipality's summary goes to ``out_dir/kommun/``."""
    from styrkort.pipeline.render import render
    from styrkort.pipeline.workspace import Workspace

    from styrkort.reports.kinds import REPORTS

    out = tmp_path_factory.mktemp("examples")
    # ASN's reports into the folder itself; the municipality's summary into a folder of its own, with its index
    return out, [render(kind, period, Workspace.resolve(data=MUNICIPALITY, out=out / "kommun") if REPORTS[kind].municipal
                        else Workspace.resolve(out=out)) for kind, period in EXAMPLES]


def pdf_structure(reader) -> list[tuple[str, str | None]]:
    """The tagged logical structure in reading order: (type, alternative text) per element."""
    out = []

    def visit(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            out.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            visit(kid)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return out
