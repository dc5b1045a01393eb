""""Om underlaget": what a report was made from and when, at the end of the document.

Added by the renderer to the exported HTML (like the table of contents), from the report's
metadata, so a notebook needs no code for it and the PDF carries it too: the time of rendering,
the data folder, the params and adjustment files, the program's version and the fingerprint of
all inputs (:mod:`styrkort.pipeline.fingerprint`; the first twelve hex digits).
"""

from __future__ import annotations

import re
from datetime import datetime

from styrkort.data import fmt
from styrkort.html.textsafe import esc

FOOTER_CLASS = "underlag"
_MAIN_END = re.compile(r"</main\s*>", re.I)


def footer_html(meta: dict) -> str:
    """The footer for a report's metadata (``rendered_at``, ``made_from``, ``fingerprint``)."""
    made = meta.get("made_from") or {}
    rendered = datetime.fromisoformat(meta["rendered_at"])
    when = f"{fmt.date_sv(rendered.date())} kl. {rendered:%H.%M}"
    adjustments = made.get("adjustments") or []
    store = " och inlämningarna i inlamningar.sqlite" if made.get("store") else ""
    items = [
        ("Renderad", f'<time datetime="{esc(meta["rendered_at"])}">{esc(when)}</time>'),
        ("Data", f"datamappen {esc(made.get('data', ''))} ({made.get('tables', 0)} tabeller, "
                 f"{made.get('texts', 0)} texter){esc(store)}"),
        ("Inställningar", esc(made.get("params", ""))),
        ("Justeringar", esc(", ".join(adjustments)) if adjustments else "inga"),
        ("Program", f"styrkort {esc(made.get('version', ''))}"),
        ("Fingeravtryck", f"{esc(str(meta.get('fingerprint', ''))[:12])} (SHA-256 av allt ovan, notebooken "
                          "och programmet; oförändrat fingeravtryck betyder samma underlag)"),
    ]
    # Two columns, term and value, in the report's own small type (the stylesheet's .about).
    rows = "".join(f'<dt>{k}</dt><dd style="margin:0">{v}</dd>' for k, v in items)
    return (f'<footer class="about {FOOTER_CLASS}"><p><strong>Om underlaget</strong></p>'
            f'<dl style="display:grid;grid-template-columns:max-content auto;gap:0.1rem 1rem;margin:0">'
            f"{rows}</dl></footer>")


def add_provenance(document: str, meta: dict) -> str:
    """The document with its "Om underlaget" footer as the last part of ``<main>``."""
    if f'class="about {FOOTER_CLASS}"' in document:
        return document
    ends = list(_MAIN_END.finditer(document))
    footer = footer_html(meta)
    if not ends:
        return document.replace("</body>", footer + "</body>", 1)
    at = ends[-1].start()
    return document[:at] + footer + "\n" + document[at:]
