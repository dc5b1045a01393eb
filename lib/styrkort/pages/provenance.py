""""Om underlaget": what a report was made from and when, as its colophon.

The renderer adds it (like the contents list) from the report's metadata, so a notebook needs no
code for it and both the HTML and the PDF carry it: the time of rendering, the data folder, the
params and adjustment files, the program's version and the fingerprint of all inputs
(:mod:`styrkort.pipeline.fingerprint`; the first twelve hex digits).
"""

from __future__ import annotations

from datetime import datetime

from styrkort.data import fmt
from styrkort.document.model import Colophon, Time

TITLE = "Om underlaget"


def colophon(meta: dict) -> Colophon:
    """The colophon for a report's metadata (``rendered_at``, ``made_from``, ``fingerprint``)."""
    made = meta.get("made_from") or {}
    rendered = datetime.fromisoformat(meta["rendered_at"])
    adjustments = made.get("adjustments") or []
    store = " och inlämningarna i inlamningar.sqlite" if made.get("store") else ""
    return Colophon(TITLE, (
        ("Renderad", (Time(meta["rendered_at"], f"{fmt.date_sv(rendered.date())} kl. {rendered:%H.%M}"),)),
        ("Data", f"datamappen {made.get('data', '')} ({made.get('tables', 0)} tabeller, "
                 f"{made.get('texts', 0)} texter){store}"),
        ("Inställningar", str(made.get("params", ""))),
        ("Justeringar", ", ".join(adjustments) if adjustments else "inga"),
        ("Program", f"styrkort {made.get('version', '')}"),
        ("Fingeravtryck", f"{str(meta.get('fingerprint', ''))[:12]} (SHA-256 av allt ovan, notebooken "
                          "och programmet; oförändrat fingeravtryck betyder samma underlag)"),
    ))
