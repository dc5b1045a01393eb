"""Where the project's folders are: one place, so every command agrees."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"


def project_root() -> Path:
    """``$STYRKORT_HOME``, else the nearest folder upwards from here holding ``notebooks/``,
    else the checkout this package was installed from (editable installs)."""
    if env := os.environ.get("STYRKORT_HOME"):
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "params").is_dir():
            return folder
    return PACKAGE_DIR.parents[1]


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def default_data_dir() -> Path:
    return project_root() / "data" / "example"


def default_params() -> Path:
    return project_root() / "params" / "styrkort.yaml"


def default_out_dir() -> Path:
    return project_root() / "outputs"


def resolve(data_dir: Path | None = None, params_path: Path | None = None, out_dir: Path | None = None,
            notebooks: Path | None = None, adjustments_dir: Path | None = None
            ) -> tuple[Path, Path, Path, Path, Path]:
    """The folders and files of a render, absolute, with the defaults filled in; the adjustments
    default to ``justeringar/`` beside the params file."""
    data_dir = Path(data_dir or default_data_dir()).resolve()
    params_path = Path(params_path or default_params()).resolve()
    out_dir = Path(out_dir or default_out_dir()).resolve()
    notebooks = Path(notebooks or notebooks_dir()).resolve()
    adjustments_dir = Path(adjustments_dir or params_path.parent / "justeringar").resolve()
    return data_dir, params_path, out_dir, notebooks, adjustments_dir
