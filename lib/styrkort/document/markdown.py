"""Narratives from data, written in Markdown, as document nodes.

CommonMark with raw HTML off: ``<script>`` in a unit's comment stays the characters ``<script>``.
Images are not images (a report never fetches anything when it is opened); ``![x](url)`` stays a
link the reader may follow. Control characters are left out. Headings are pushed below the
section's own: with ``heading_offset=2`` a ``#`` becomes a level-3 heading.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from styrkort.document.model import (Break, Content, Heading, ItemList, Link, Node, Paragraph, Preformatted,
                                     Quote, Rule, Span, content)

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def markdown(text: str | None, heading_offset: int = 2) -> Content:
    """The blocks of ``text``; nothing for no text."""
    if not text:
        return ()
    tree = SyntaxTreeNode(_md.parse(CONTROL.sub("", text)))
    return _blocks(tree.children, heading_offset)


def _blocks(nodes: list[SyntaxTreeNode], offset: int) -> Content:
    out: list[Node] = []
    for node in nodes:
        kind = node.type
        if kind == "paragraph":
            inline = _inline(node.children[0].children) if node.children else ()
            # A tight list's items hold their text without a paragraph, as in HTML.
            out.extend(inline) if node.hidden else out.append(Paragraph(inline))
        elif kind == "heading":
            level = min(6, int(node.tag[1]) + offset)
            out.append(Heading(level, _inline(node.children[0].children) if node.children else ()))
        elif kind in ("bullet_list", "ordered_list"):
            start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
            out.append(ItemList(tuple(_blocks(item.children, offset) for item in node.children),
                                ordered=kind == "ordered_list", start=start))
        elif kind == "blockquote":
            out.append(Quote(_blocks(node.children, offset)))
        elif kind in ("code_block", "fence"):
            out.append(Preformatted(node.content.rstrip("\n")))
        elif kind == "hr":
            out.append(Rule())
        elif kind == "html_block":  # not reached with html off; kept as its text
            out.append(Paragraph((node.content,)))
    return tuple(out)


def _inline(nodes: list[SyntaxTreeNode]) -> Content:
    out: list[Node] = []
    for node in nodes:
        kind = node.type
        if kind in ("text", "code_inline", "html_inline"):
            out.append(node.content)
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append(Break())
        elif kind == "strong":
            out.append(Span("strong", _inline(node.children)))
        elif kind == "em":
            out.append(Span("em", _inline(node.children)))
        elif kind == "link":
            out.append(Link(str(node.attrs.get("href", "")), _inline(node.children)))
        else:
            out.extend(_inline(node.children))
    return content(out)
