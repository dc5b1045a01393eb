"""The project's own files agree with each other."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from conftest import ROOT
from styrkort.data.contract import markdown_docs


def _norm(req: str) -> str:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", req).groups()
    return re.sub(r"[-_.]+", "-", name.lower()) + spec.replace(" ", "")


#: On PyPI only: conda-forge has no package of these names, so environment.yml lists them under `pip:`
#: (as conda packages they would make `conda env create` fail to solve).
PIP_ONLY = {"page-validation", "axe-playwright-python"}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_norm(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_norm(r) for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_norm(d) for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))}
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip, "environment.yml installs the project itself with pip"
    pip = {_norm(d) for d in pip if d != "-e ."}
    assert conda | pip == wanted
    assert {re.match(r"[a-z0-9-]+", d)[0] for d in pip} == PIP_ONLY, "only what conda-forge lacks goes under pip:"


def test_data_docs_are_generated_from_the_contract():
    assert (ROOT / "docs" / "data.md").read_text(encoding="utf-8") == markdown_docs(), \
        "docs/data.md is out of date: run `make docs`"


def test_notebooks_are_committed_without_outputs_and_stay_thin():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert any("parameters" in c["metadata"].get("tags", []) for c in code), path.name
        for cell in code:
            assert not cell["outputs"] and cell["execution_count"] is None, path.name
            tree = ast.parse("".join(cell["source"]))
            # Thin: parameters, imports, assignments from package calls, display calls. No logic.
            for node in ast.walk(tree):
                assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If,
                                             ast.Lambda, ast.ListComp, ast.BinOp)), \
                    f"{path.name}: computation in a notebook cell belongs in the package:\n{''.join(cell['source'])}"


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([str(lint), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_layers_contract_holds_and_catches_an_import_against_the_arrows(tmp_path):
    """`lint-imports` (run by `make test`) checks the layers in pyproject.toml. The package keeps
    them; a copy whose data layer imports the batch breaks them, and the check says where."""
    kept = _lint_imports(ROOT, ROOT / "lib")
    assert kept.returncode == 0 and "1 kept, 0 broken" in kept.stdout, kept.stdout + kept.stderr

    shutil.copytree(ROOT / "lib" / "styrkort", tmp_path / "lib" / "styrkort",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    periods = tmp_path / "lib" / "styrkort" / "data" / "periods.py"
    periods.write_text(periods.read_text(encoding="utf-8") + "\nfrom styrkort.batch import run  # noqa\n",
                       encoding="utf-8")
    broken = _lint_imports(tmp_path, tmp_path / "lib")
    assert broken.returncode != 0 and "BROKEN" in broken.stdout
    assert "styrkort.data.periods -> styrkort.batch.run" in broken.stdout


def _string_literals(path: Path) -> set[str]:
    """The module's string constants, but not the keys it reads from a mapping (``meta.get("municipality")``,
    ``meta["kind"]``): those name a field, not a report kind."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys = {id(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == "get" and n.args}
    keys |= {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in keys}


def test_report_kinds_are_interpreted_in_one_module():
    """Only the registry names a report kind; everything above the data layer asks it. (The data
    layer has period kinds of its own, such as "interim", and knows nothing of report kinds.)"""
    from styrkort.reports.kinds import REPORTS

    package = ROOT / "lib" / "styrkort"
    naming = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                    if p.relative_to(package).parts[0] != "data" and _string_literals(p) & set(REPORTS))
    assert naming == ["reports/kinds.py"]


def test_a_period_string_is_parsed_in_one_function():
    """The patterns of a period key (``2024-T2``, ``2023-06..2023-07``) stand in one module; every
    other module receives a Period or calls its parser."""
    package = ROOT / "lib" / "styrkort"
    parsing = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                     if re.search(r"T\[12\]|\\\.\\\.", p.read_text(encoding="utf-8")))
    assert parsing == ["data/periods.py"]
