"""Untrusted text from data (comments, narratives) made safe for HTML.

Plain text is escaped; Markdown is rendered with raw HTML disabled, so a ``<script>`` in a
unit's comment reaches the reader as the characters ``<script>``, never as markup. Markdown images
are not images: a report never fetches anything when it is opened (``![x](http://…)`` stays a
link the reader may follow). Control characters are left out of both.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def esc(text: object) -> str:
    return html.escape(_CONTROL.sub("", "" if text is None else str(text)), quote=True)


def markdown(text: str | None, heading_offset: int = 2) -> str:
    """Markdown to HTML, raw HTML escaped, headings pushed below the section's own (``#`` → h3)."""
    if not text:
        return ""
    tokens = _md.parse(_CONTROL.sub("", text))
    for t in tokens:
        if t.type in ("heading_open", "heading_close"):
            t.tag = f"h{min(6, int(t.tag[1]) + heading_offset)}"
    return _md.renderer.render(tokens, _md.options, {})
