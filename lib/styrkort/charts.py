"""Charts as vector SVG with text kept as text, drawn without pyplot's global state."""

from __future__ import annotations

import io
from typing import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .outcomes import StripCell
from .status import Status

# Fills with dark text on them at ≥ 4.5:1 contrast; the symbol and word carry the meaning too.
FILL = {Status.GRON: "#7cc48a", Status.GUL: "#f3d25b", Status.ROD: "#e88a80", None: "#ffffff"}
INK = "#1a1a1a"
MUTED = "#595959"

_RC = {"svg.fonttype": "none", "svg.hashsalt": "styrkort", "font.family": "DejaVu Sans", "font.size": 9}


def to_svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "styrkort"}, bbox_inches="tight")
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]  # drop the XML prolog and doctype so it can sit inside HTML


def strip_chart(cells: Sequence[StripCell]) -> str:
    """The Jan–Dec goal-fulfilment strip: a row of month cells, each with colour, symbol and word."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 0.85))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, 12)
        ax.set_ylim(0, 1)
        ax.axis("off")
        for i, cell in enumerate(cells):
            ax.add_patch(Rectangle((i + 0.03, 0.03), 0.94, 0.55, facecolor=FILL[cell.status],
                                   edgecolor="#8c8c8c" if cell.status is None else INK, linewidth=0.6))
            ax.text(i + 0.5, 0.8, cell.month, ha="center", va="center", color=INK)
            if cell.status is not None:
                ax.text(i + 0.5, 0.3, f"{cell.status.symbol} {cell.status.value}", ha="center", va="center",
                        color=INK, fontsize=8)
            else:
                ax.text(i + 0.5, 0.3, "–", ha="center", va="center", color=MUTED)
        return to_svg(fig)
