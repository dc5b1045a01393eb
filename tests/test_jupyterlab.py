"""The analyst's session in JupyterLab, in a real browser.

The server `make lab` starts (same command, same lab/ settings; here on 127.0.0.1, a free port
and a random token) serves a throwaway copy of notebooks/, params/ and data/, so nothing is
written into the repository. Headless Debian Chromium, driven by Playwright with
``executable_path`` (no browser download), opens the notebooks, runs all cells from the Run
menu, finds the report and the adjustment widgets, changes a status and the price-indexation
rate as an analyst would, saves, and `styrkort render` shows the result. The same checks are
also run where they must fail: with the change left unsaved, and on a notebook without widgets.

Screenshots of every step and the server's log: outputs/test-artefacts/jupyterlab/.
Chromium and JupyterLab are required in CI (CI set): there the test fails rather than skips.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CHROMIUM_ARGS, ROOT, chromium, require
from styrkort.data import fmt

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

BIN = Path(sys.executable).parent
ARTEFACTS = ROOT / "outputs" / "test-artefacts" / "jupyterlab"
USER = "lab-test"
MONTHLY_PERIOD = "2023-06..2023-07"  # the notebook's default
PLAN_YEAR = "2024"
REPORT_HEADINGS = ["Viktiga händelser under perioden", "Mål – översikt över periodens resultat", "1. Medarbetare",
                   "2. Kvalitet", "3. Leverans", "4. Ekonomi", "Ekonomi i korthet", "Om rapporten"]
PLAN_HEADINGS = ["Politiska prioriteringar", "Vision och mål", "Riskhantering", "Resurser", "Ersättningsnivåer"]
NOT_RENDERED = ("Loading widget", "Error displaying widget", "Traceback")
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'


def lab_command(project: Path) -> tuple[dict[str, str], list[str]]:
    """`make lab`'s server: its environment and command line (test_make_lab_* keeps them equal)."""
    return ({"JUPYTER_CONFIG_PATH": str(ROOT / "lab"), "PATH": f"{BIN}:{os.environ.get('PATH', '')}"},
            [str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={project}", "--LabApp.default_url=/lab/tree/notebooks"])


def test_make_lab_starts_the_server_this_test_starts():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "LAB := JUPYTER_CONFIG_PATH=$(CURDIR)/lab PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/jupyter lab\n" in makefile
    assert re.search(r"^lab: setup-lab\n\t\$\(LAB\) --ServerApp.root_dir=\$\(CURDIR\) "
                     r"--LabApp.default_url=/lab/tree/notebooks\n", makefile, re.M)
    settings = json.loads((ROOT / "lab" / "settings" / "overrides.json").read_text(encoding="utf-8"))
    assert settings["@jupyterlab/docmanager-extension:plugin"]["autosave"] is False, "templates are never autosaved"
    assert re.search(r"^test: setup-lab\n", makefile, re.M), "make test installs JupyterLab for this test"
    assert (ROOT / "lab" / "jupyter_lab_config.py").exists() and (ROOT / "lab" / "settings" / "overrides.json").exists()


# ---------------------------------------------------------------------------------------------
# The server and the browser, once for the module.


@dataclass
class Lab:
    url: str
    token: str
    port: int
    work: Path  # the throwaway copy: notebooks/, params/, data/

    def notebook_url(self, name: str, workspace: str) -> str:
        # A workspace of its own, reset: only this notebook open, nothing restored from before.
        return f"{self.url}/lab/workspaces/{workspace}/tree/notebooks/{name}?token={self.token}&reset"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _working_copy(work: Path) -> None:
    shutil.copytree(ROOT / "notebooks", work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "params", work / "params")
    for saved in (work / "params" / "justeringar").rglob("*.yaml"):  # start from the data's proposals
        saved.unlink()
    shutil.copytree(ROOT / "data" / "example", work / "data" / "example")  # the municipality, ASN in asn/


def _without_widgets(work: Path) -> str:
    """The monthly notebook as a scheduled run has it (interactive = False): no editor."""
    nb = json.loads((ROOT / "notebooks" / "monthly.ipynb").read_text(encoding="utf-8"))
    params = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    params["source"] = [line.replace("interactive = True", "interactive = False") for line in params["source"]]
    assert any("interactive = False" in line for line in params["source"])
    (work / "notebooks" / "utan-widgets.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return "utan-widgets.ipynb"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require(importlib.util.find_spec("jupyterlab") is not None and (BIN / "jupyter").exists(),
             "JupyterLab not installed (make setup-lab, or pip install -e '.[test,lab]')")
    chromium()
    if ARTEFACTS.exists():
        shutil.rmtree(ARTEFACTS)
    ARTEFACTS.mkdir(parents=True)
    tmp = tmp_path_factory.mktemp("lab")
    work = tmp / "work"
    _working_copy(work)
    home = {name: tmp / name for name in ("config", "data", "runtime", "ipython")}
    for d in home.values():
        d.mkdir()
    extra_env, argv = lab_command(work)
    env = {**os.environ, **extra_env, "STYRKORT_USER": USER, "JUPYTER_CONFIG_DIR": str(home["config"]),
           "JUPYTER_DATA_DIR": str(home["data"]), "JUPYTER_RUNTIME_DIR": str(home["runtime"]),
           "IPYTHONDIR": str(home["ipython"]), "JUPYTER_PLATFORM_DIRS": "0"}
    port, token = _free_port(), secrets.token_hex(24)
    argv += ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI runners often run as root
        argv.append("--allow-root")
    log = open(ARTEFACTS / "server.log", "w", encoding="utf-8")
    server = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}:\n{(ARTEFACTS / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer in 90 s:\n{(ARTEFACTS / 'server.log').read_text()}")
            time.sleep(0.3)
        yield Lab(url, token, port, work)
    finally:
        server.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()
        deadline = time.monotonic() + 10
        while not _port_is_free(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _port_is_free(port), f"port {port} still in use after the server stopped"


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        # A Swedish analyst's browser: number fields show 4,1 rather than 4.1.
        context = b.new_context(viewport={"width": 1440, "height": 1000}, locale="sv-SE")
        context.set_default_timeout(60_000)
        yield context
        context.close()
        b.close()


# ---------------------------------------------------------------------------------------------
# What an analyst does, step by step.


@contextlib.contextmanager
def recorded(page, name: str):
    """Keep a screenshot of the page as it was when a step failed."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=ARTEFACTS / f"FAILED-{name}.png")
        raise


def shot(page, name: str, element=None) -> Path:
    """A screenshot of the window, scrolled so that ``element`` is at the top when given."""
    if element is not None:
        element.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=path)
    return path


def open_notebook(browser, lab: Lab, name: str):
    page = browser.new_page()
    page.goto(lab.notebook_url(name, name.removesuffix(".ipynb")))
    page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea").first.wait_for()
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\|\s*Idle")).wait_for()
    return page


def _prompts(page) -> list[str]:
    return page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt").all_text_contents()


def menu(page, name: str, item: str) -> None:
    page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{name}$")).click()
    page.locator(".lm-Menu-item", has=page.get_by_text(item, exact=True)).click()


def run_all(page) -> None:
    """Run → Run All Cells, then wait until every code cell has run and the kernel is idle."""
    before = max((int(n) for p in _prompts(page) for n in re.findall(r"\d+", p)), default=0)
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """(before) => {
            const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => {
                const m = p.textContent.match(/\\[(\\d+)\\]/);
                return m && Number(m[1]) > before;
            });
        }""", arg=before, timeout=150_000)
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\|\s*Idle")).wait_for()


def check_no_errors(page) -> None:
    assert page.locator(STDERR).count() == 0, "stderr or a traceback in a cell:\n" + "\n".join(
        page.locator(STDERR).all_text_contents())
    assert page.locator(ERROR_OUTPUT).count() == 0
    outputs = " ".join(page.locator(".jp-OutputArea-output").all_text_contents())
    for text in NOT_RENDERED:
        assert text not in outputs, text


def check_report(page, headings: list[str], charts: dict[str, int]) -> None:
    found = [h.strip() for h in page.locator(".jp-OutputArea-output h2").all_text_contents()]
    missing = [h for h in headings if h not in found]
    assert not missing, f"sections missing: {missing}; found {found}"
    for css, at_least in charts.items():
        imgs = page.locator(f".jp-OutputArea-output figure.{css} img")
        assert imgs.count() >= at_least, f"{imgs.count()} figure.{css} charts, expected {at_least}"
        for img in imgs.all():  # drawn, not a broken image
            assert img.evaluate("i => i.complete && i.naturalWidth > 0"), css


def editor(page, title: str, timeout: float = 30_000):
    """The adjustment widget with this title, rendered (not "Loading widget…"), or AssertionError."""
    box = page.locator(".widget-vbox", has=page.locator("h3", has_text=title)).filter(
        has=page.get_by_role("button", name="Spara justeringar"))
    try:
        box.first.wait_for(timeout=timeout)
    except Exception as exc:  # Playwright's TimeoutError
        raise AssertionError(f"no rendered editor {title!r}: {str(exc).splitlines()[0]}") from None
    box = box.first
    assert box.locator("select, input").count() > 0, f"{title}: no controls"
    return box


def render(lab: Lab, kind: str, period: str) -> BeautifulSoup:
    """`styrkort render` on the working copy, as after the session; the report's HTML."""
    out = lab.work / "out"
    flag = "--year" if kind == "plan" else "--period"
    done = subprocess.run([str(BIN / "styrkort"), "render", kind, flag, period, "--no-pdf",
                           "--data", str(lab.work / "data" / "example" / "asn"),
                           "--params", str(lab.work / "params" / "styrkort.yaml"), "--out", str(out)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    [html] = (out / period).glob("*.html")
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def check_status_saved_and_rendered(lab: Lab, status: str, reason: str) -> None:
    """The override is in the adjustment file and `styrkort render` shows it."""
    path = lab.work / "params" / "justeringar" / "asn" / f"monthly-{MONTHLY_PERIOD}.yaml"
    assert path.exists(), f"{path.name} not saved"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["status"]
    assert [{k: e[k] for k in ("malomrade", "status", "motivering", "av")} for e in entries] == \
        [{"malomrade": 1, "status": status, "motivering": reason, "av": USER}]
    soup = render(lab, "monthly", MONTHLY_PERIOD)
    basis = soup.find("section", id="malomrade-1").find("p", class_="basis").get_text(" ", strip=True)
    assert f"satt: {status}" in basis and reason in basis, basis


# ---------------------------------------------------------------------------------------------


def test_monthly_report_status_set_by_hand(lab, browser):
    page = open_notebook(browser, lab, "monthly.ipynb")
    with recorded(page, "monthly"):
        shot(page, "01-monthly-opened")
        run_all(page)
        check_no_errors(page)
        check_report(page, REPORT_HEADINGS, {"strip": 4})
        # The report's parts look as in the rendered report: coloured badges, tables aligned left
        # (lab/custom/custom.css), not JupyterLab's right-aligned default.
        looks = page.evaluate("""() => {
          const badge = document.querySelector('.jp-OutputArea-output span.status-gron');
          const cell = document.querySelector('.jp-OutputArea-output table.units td');
          return [getComputedStyle(badge).backgroundColor, getComputedStyle(cell).textAlign];
        }""")
        assert looks == ["rgb(212, 237, 218)", "left"], looks
        box = editor(page, "Sätt status för hand")
        shot(page, "02-monthly-run", box)
        assert box.get_by_role("button", name="Spara justeringar").is_visible()
        area_1 = box.locator(".widget-dropdown select").first
        assert box.locator(".widget-html", has_text="1. Medarbetare").count() == 1  # the row's label, not cut off
        proposed = area_1.locator("option").first.text_content().replace("\xa0", " ")
        assert proposed.startswith("Föreslagen (")
        status = "Röd" if "Röd" not in proposed else "Gul"
        reason = "Sjukfrånvaron har ökat tre månader i rad"

        area_1.select_option(label=status)
        box.get_by_placeholder("Motivering").first.fill(reason)
        box.get_by_placeholder("Motivering").first.press("Tab")
        box.get_by_text("Ändrat men inte sparat").wait_for()
        preview = box.locator(".widget-output").first
        preview.locator("table.overview tbody tr", has_text="satt för hand").first.wait_for()
        shot(page, "03-monthly-status-set-not-saved", box)

        # Not saved yet: no file, and a render does not show it. The check below must fail here.
        with pytest.raises(AssertionError, match="not saved"):
            check_status_saved_and_rendered(lab, status, reason)

        box.get_by_role("button", name="Spara justeringar").click()
        box.get_by_text("Sparat i").wait_for()
        assert "Inte sparat" not in (box.text_content() or "")
        shot(page, "04-monthly-saved", box)
        check_status_saved_and_rendered(lab, status, reason)

        # Running the notebook again, as the help text says, shows the report with the override
        # and the editor with the saved values.
        run_all(page)
        check_no_errors(page)
        box = editor(page, "Sätt status för hand")
        assert box.locator(".widget-dropdown select").first.input_value() == status
        assert box.get_by_placeholder("Motivering").first.input_value() == reason
        row = page.locator(".jp-OutputArea-output table.overview tbody tr", has_text="1. Medarbetare").last
        assert status in row.text_content() and "satt för hand" in row.text_content()
        shot(page, "05-monthly-run-again", page.locator(".jp-OutputArea-output section#malomrade-1").last)

        # File → Save Notebook keeps the committed template without outputs (lab/jupyter_lab_config.py).
        menu(page, "File", "Save Notebook")
        page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")
        saved = json.loads((lab.work / "notebooks" / "monthly.ipynb").read_text(encoding="utf-8"))
        code = [c for c in saved["cells"] if c["cell_type"] == "code"]
        assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
        assert "widgets" not in saved["metadata"]
    page.close()


def test_plan_price_indexation_changed(lab, browser):
    page = open_notebook(browser, lab, "annual_plan.ipynb")
    with recorded(page, "plan"):
        run_all(page)
        check_no_errors(page)
        check_report(page, PLAN_HEADINGS, {"waterfall": 2, "heatmap": 2})  # the previews' and the report's
        risks = editor(page, "Risker efter åtgärder")
        assert risks.locator(".widget-dropdown select").count() >= 2
        shot(page, "06-plan-risk-editor", risks)
        box = editor(page, "Kommunbidragets steg")
        before = f"Kommunbidrag {PLAN_YEAR}: {fmt.tkr(-308853)} tkr"
        preview = box.locator(".widget-output").first
        assert before in preview.text_content()
        rate = box.locator(".widget-text", has=page.locator("label", has_text="procent")).locator("input")
        assert rate.count() == 1
        assert rate.input_value() == "4,1"  # written as the report writes it
        shot(page, "07-plan-bridge-editor", box)

        step = round(-298561 * 5.5 / 100)
        end = -300613 - 1622 + step - 3787 + 8000 + 1410
        rate.fill("5,5")  # a decimal comma, as an analyst types it
        rate.press("Tab")  # sent when the field is left, as in any form
        after = f"Kommunbidrag {PLAN_YEAR}: {fmt.tkr(end)} tkr"
        preview.get_by_text(after).wait_for()  # the waterfall's end value, changed on the page
        assert before not in preview.text_content()
        reason = "SKR:s prognos i oktober: 5,5 procent"
        box.get_by_placeholder("Motivering").nth(1).fill(reason)
        box.get_by_placeholder("Motivering").nth(1).press("Tab")
        preview.get_by_text(reason).wait_for()  # the preview shows the reason too
        shot(page, "08-plan-rate-changed", box)
        box.get_by_role("button", name="Spara justeringar").click()
        box.get_by_text("Sparat i").wait_for()
        shot(page, "09-plan-saved", box)

        # The risk editor, built before the bridge was saved, saves its own section: both are kept.
        risks = editor(page, "Risker efter åtgärder")
        risks.get_by_role("combobox", name="Sannolikhet för R1 efter åtgärder").select_option(label="3")
        risks.get_by_role("combobox", name="Konsekvens för R1 efter åtgärder").select_option(label="3")
        risks.get_by_role("textbox", name="Motivering för R1").fill("Resurssocionomerna har minskat belastningen")
        risks.get_by_role("textbox", name="Motivering för R1").press("Tab")
        risks.get_by_role("button", name="Spara justeringar").click()
        risks.get_by_text("Sparat i").wait_for()

        doc = yaml.safe_load((lab.work / "params" / "justeringar" / "asn" / f"plan-{PLAN_YEAR}.yaml").read_text("utf-8"))
        assert [{k: e[k] for k in ("steg", "procent", "motivering", "av")} for e in doc["kommunbidrag"]] == \
            [{"steg": "prisuppräkning", "procent": 5.5, "motivering": reason, "av": USER}]
        assert [(e["risk"], e["sannolikhet"], e["konsekvens"]) for e in doc["risker"]] == [("R1", 3, 3)]
        soup = render(lab, "plan", PLAN_YEAR)
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
                for tr in soup.find("table", class_="bridge").find_all("tr")]
        assert rows[-1] == [f"Kommunbidrag {PLAN_YEAR}", fmt.tkr(end)], rows
        assert [f"+ prisuppräkning {fmt.percent(5.5, 1)}", fmt.tkr(step)] in rows, rows
        assert reason in soup.find("section", class_="resources").get_text(" ")
        assert "R1 bedömd efter åtgärder till 3 × 3 = 9" in soup.get_text(" ")
    page.close()


def test_the_widget_check_fails_without_the_widget(lab, browser):
    """The same monthly notebook with interactive = False: the report is there, the editor is not,
    and the check that finds it fails."""
    page = open_notebook(browser, lab, _without_widgets(lab.work))
    with recorded(page, "utan-widgets"):
        run_all(page)
        check_no_errors(page)
        check_report(page, REPORT_HEADINGS, {"strip": 4})
        with pytest.raises(AssertionError, match="no rendered editor"):
            editor(page, "Sätt status för hand", timeout=3_000)
        assert page.locator(".widget-dropdown select").count() == 0
        shot(page, "10-without-widgets")
    page.close()


def test_keys_typed_in_an_editor_stay_in_the_editor(lab, browser):
    """"r" and ↓ in a status list pick a status; JupyterLab's notebook shortcuts ("r" makes a cell a
    Raw cell, ↓ moves to the next cell) do not see them (lab/settings/overrides.json)."""
    page = open_notebook(browser, lab, "monthly.ipynb")
    with recorded(page, "keys"):
        run_all(page)
        box = editor(page, "Sätt status för hand")
        select = box.locator(".widget-dropdown select").nth(1)
        select.focus()
        code_cells = page.locator(".jp-NotebookPanel .jp-CodeCell").count()
        select.press("r")
        page.wait_for_timeout(500)
        assert select.evaluate("s => s.options[s.selectedIndex].text") == "Röd"
        assert page.locator(".jp-NotebookPanel .jp-RawCell").count() == 0
        assert page.locator(".jp-NotebookPanel .jp-CodeCell").count() == code_cells
        # Every control has a name that says what it sets.
        assert box.get_by_role("combobox", name="Status för 1. Medarbetare").count() == 1
        assert box.get_by_role("textbox", name="Motivering för 1. Medarbetare").count() == 1
        select.press("ArrowUp")
        page.wait_for_timeout(300)
        assert select.evaluate("s => s.options[s.selectedIndex].text") == "Gul"
        assert select.evaluate("s => document.activeElement === s"), "the focus stays in the list"
        shot(page, "10-keys-stay-in-the-editor", box)
        page.close()


def test_the_shortcut_overrides_cover_every_command_mode_shortcut():
    """Every notebook shortcut that a focused element in command mode triggers is disabled and
    given again without the widgets; a JupyterLab upgrade that adds one fails here."""
    schemas = sorted((BIN.parent / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab").glob("*/*.json"))
    defaults = [s for f in schemas for s in json.loads(f.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts", [])
                if "commandMode" in s.get("selector", "") and s["selector"].endswith(":focus") and any(s.get("keys", []))]
    overrides = json.loads((ROOT / "lab" / "settings" / "overrides.json").read_text(encoding="utf-8"))
    given = overrides["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    for s in defaults:
        base = (s["command"], tuple(s["keys"]))
        assert any((g["command"], tuple(g["keys"]), g["selector"], g.get("disabled")) == (*base, s["selector"], True)
                   for g in given), f"{base} not disabled"
        assert any((g["command"], tuple(g["keys"]), g["selector"]) == (*base, s["selector"] + ":not(.jupyter-widgets *)")
                   for g in given), f"{base} not given again without the widgets"


def test_the_analysts_month_in_the_interim_notebook(lab, browser):
    """Two editors saved one after the other (both kept), an unsaved edit offered back after Run
    All, the overview with an undo that is logged, `styrkort history --adjustments`, the render
    button, a bad period as one Swedish line; and the templates unchanged after it all."""
    adj = lab.work / "params" / "justeringar" / "asn"
    page = open_notebook(browser, lab, "interim.ipynb")
    with recorded(page, "interim-month"):
        run_all(page)
        forecast = editor(page, "Justera helårsprognosen")
        forecast.get_by_role("textbox", name="Justering för Integration, tkr").fill("−1 500")
        forecast.get_by_role("textbox", name="Motivering för Integration").fill("Fler i etableringen")
        forecast.get_by_role("textbox", name="Motivering för Integration").press("Tab")
        forecast.get_by_role("button", name="Spara justeringar").click()
        forecast.get_by_text("Sparat i").wait_for()
        status = editor(page, "Sätt status för hand")
        status.get_by_role("combobox", name="Status för 1. Medarbetare").select_option(label="Röd")
        status.get_by_role("textbox", name="Motivering för 1. Medarbetare").fill("Sjukfrånvaron ökar")
        status.get_by_role("textbox", name="Motivering för 1. Medarbetare").press("Tab")
        status.get_by_role("button", name="Spara justeringar").click()
        status.get_by_text("Sparat i").wait_for()
        doc = yaml.safe_load((adj / "interim-2024-T2.yaml").read_text(encoding="utf-8"))
        assert doc["prognos"][0]["justering"] == -1500 and doc["status"][0]["status"] == "Röd", doc
        shot(page, "11-interim-two-editors-saved", status)

        # An edit that is not saved, then Run All: offered back.
        field = forecast.get_by_role("textbox", name="Justering för Arbetsmarknad, tkr")
        field.fill("250")
        field.press("Tab")
        forecast.get_by_text("Ändrat men inte sparat").wait_for()
        run_all(page)
        forecast = editor(page, "Justera helårsprognosen")
        forecast.get_by_text("Osparade ändringar").wait_for()
        assert forecast.get_by_role("textbox", name="Justering för Arbetsmarknad, tkr").input_value() == "250"
        shot(page, "12-interim-draft-offered-back", forecast)

        # The overview, and an undo with its reason.
        overview = page.locator(".widget-vbox", has=page.locator("h3", has_text="Översikt över justeringarna")).first
        assert "Sjukfrånvaron ökar" in overview.text_content() and "Fler i etableringen" in overview.text_content()
        overview.get_by_role("combobox", name="Ångra").select_option(index=1)
        overview.get_by_placeholder("Varför justeringen ångras").fill("Bedömningen var för tidig")
        overview.get_by_role("button", name="Ångra justeringen").click()
        overview.get_by_text("Ångrad och loggad").wait_for()
        shot(page, "13-interim-overview-undo", overview)
        history = subprocess.run([str(BIN / "styrkort"), "history", "--adjustments", "--params",
                                  str(lab.work / "params" / "styrkort.yaml")], capture_output=True, text=True)
        assert history.returncode == 0 and "sparad" in history.stdout and "ångrad" in history.stdout, history.stdout
        assert "Bedömningen var för tidig" in history.stdout

        # Render from the notebook.
        page.get_by_role("button", name="Rendera rapport").click()
        page.get_by_text("✓ Delårsrapport 2 2024").wait_for(timeout=180_000)
        assert (lab.work / "outputs" / "asn" / "2024-T2" / "delarsrapport-T2-2024.html").is_file()
        assert (lab.work / "outputs" / "asn" / "2024-T2" / "delarsrapport-T2-2024.pdf").is_file()
        shot(page, "14-interim-rendered", page.get_by_role("button", name="Rendera rapport"))
    page.close()

    # A period mistyped in a notebook of one's own: one red Swedish line, no traceback.
    nb = json.loads((lab.work / "notebooks" / "interim.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell["source"] = [line.replace('period = "2024-T2"', 'period = "2024-T3"') for line in cell["source"]]
    (lab.work / "notebooks" / "felskrivet.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    page = open_notebook(browser, lab, "felskrivet.ipynb")
    with recorded(page, "bad-period"):
        menu(page, "Run", "Run All Cells")  # stops at the first error
        error = page.locator(".jp-OutputArea-output", has_text="Perioden '2024-T3'").first
        error.wait_for(timeout=120_000)
        text = error.text_content()
        assert len(text.strip().splitlines()) == 1, text
        assert "Perioden '2024-T3' går inte att läsa" in text and "Traceback" not in text and "File " not in text
        shot(page, "15-bad-period-one-line", error)
    page.close()

    # Nothing reached the templates without a deliberate save: the two never saved are byte for byte
    # as committed, and the one saved deliberately above (File → Save) holds the same cells.
    for name in ("interim.ipynb", "annual_plan.ipynb"):
        assert (lab.work / "notebooks" / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes(), name

    def sources(path):
        return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]

    assert sources(lab.work / "notebooks" / "monthly.ipynb") == sources(ROOT / "notebooks" / "monthly.ipynb")
