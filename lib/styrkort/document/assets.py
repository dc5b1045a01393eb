"""The report's look, shipped with the package: the nbconvert template and its stylesheet, and the
styling that makes the report's parts look the same in a notebook."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


#: The notebook's styling of the report's parts (``templates/lab.css``), marked so that the HTML
#: export can take it out again.
LAB_STYLE_START, LAB_STYLE_END = '<style data-styrkort="lab">', "</style>"


@lru_cache(maxsize=1)
def lab_style() -> str:
    return LAB_STYLE_START + (TEMPLATES_DIR / "lab.css").read_text(encoding="utf-8") + LAB_STYLE_END


def without_lab_style(html: str) -> str:
    """An output's HTML without the notebook's styling: for the rendered report."""
    start = html.find(LAB_STYLE_START)
    if start < 0:
        return html
    end = html.index(LAB_STYLE_END, start) + len(LAB_STYLE_END)
    return html[:start] + html[end:]


def report_css() -> str:
    """The stylesheet of the reports, for pages built outside nbconvert (the index)."""
    return (TEMPLATES_DIR / "styrkort" / "report.css").read_text(encoding="utf-8")
