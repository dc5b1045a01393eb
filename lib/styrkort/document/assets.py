"""The report's look, shipped with the package: the nbconvert template and its stylesheet."""

from __future__ import annotations

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def report_css() -> str:
    """The stylesheet of the reports, for pages built outside nbconvert (the index)."""
    return (TEMPLATES_DIR / "styrkort" / "report.css").read_text(encoding="utf-8")
