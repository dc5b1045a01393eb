"""The project's own files agree with each other."""

import ast
import json
import re
import tomllib

import yaml

from conftest import ROOT
from styrkort.contract import markdown_docs


def _norm(req: str) -> str:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", req).groups()
    return re.sub(r"[-_.]+", "-", name.lower()) + spec.replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_norm(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_norm(r) for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = {_norm(d) for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))}
    assert listed == wanted


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
