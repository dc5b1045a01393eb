"""Untrusted text from data (comments, narratives) made safe for HTML.

Plain text is escaped; Markdown is rendered with raw HTML disabled, so a ``<script>`` in a
unit's comment reaches the reader as the characters ``<script>``, never as markup.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def markdown(text: str | None, heading_offset: int = 2) -> str:
    """Markdown to HTML, raw HTML escaped, headings pushed below the section's own (``#`` → h3)."""
    if not text:
        return ""
    tokens = _md.parse(text)
    for t in tokens:
        if t.type in ("heading_open", "heading_close"):
            t.tag = f"h{min(6, int(t.tag[1]) + heading_offset)}"
    return _md.renderer.render(tokens, _md.options, {})
