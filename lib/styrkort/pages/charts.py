"""Charts as vector SVG with text kept as text, drawn without pyplot's global state."""

from __future__ import annotations

import io
from typing import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from styrkort.data.status import Status
from styrkort.reports.outcomes import StripCell

# Fills with dark text on them at ≥ 4.5:1 contrast; the symbol and word carry the meaning too.
FILL = {Status.GRON: "#7cc48a", Status.GUL: "#f3d25b", Status.ROD: "#e88a80", None: "#ffffff"}
INK = "#1a1a1a"
MUTED = "#595959"

#: Every label comes from data: "$" is a dollar sign, never mathtext (which would typeset "$x$" and
#: fail on "$\\foo$").
_RC = {"svg.fonttype": "none", "svg.hashsalt": "styrkort", "font.family": "DejaVu Sans", "font.size": 9,
       "text.parse_math": False}


def to_svg(fig: Figure, tight: bool = True) -> str:
    """The figure as SVG; ``tight`` crops it to what is drawn (which draws it twice)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "styrkort"},
                bbox_inches="tight" if tight else None)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]  # drop the XML prolog and doctype so it can sit inside HTML


def strip_chart(cells: Sequence[StripCell]) -> str:
    """The Jan–Dec goal-fulfilment strip: a row of month cells, each with colour, symbol and word.

    Drawn for every goal area of every report, so kept lean: the cells are drawn on the figure
    itself (twelve columns of figure width; no axes to set up), with no background, clipping or
    cropping pass. That halves matplotlib's time and leaves the writers fewer SVG elements."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 0.85))
        fig.patch.set_visible(False)
        for i, cell in enumerate(cells):
            centre = (i + 0.5) / 12
            fig.add_artist(Rectangle(((i + 0.03) / 12, 0.03), 0.94 / 12, 0.55, facecolor=FILL[cell.status],
                                     edgecolor="#8c8c8c" if cell.status is None else INK, linewidth=0.6))
            fig.text(centre, 0.8, cell.month, ha="center", va="center", color=INK)
            if cell.status is not None:
                fig.text(centre, 0.3, f"{cell.status.symbol} {cell.status.value}", ha="center", va="center",
                         color=INK, fontsize=8)
            else:
                fig.text(centre, 0.3, "–", ha="center", va="center", color=MUTED)
        return to_svg(fig, tight=False)


# Band fills from lowest to highest; dark text on each keeps ≥ 4.5:1 contrast.
BAND_FILLS = ("#a8d5a2", "#f6e27a", "#f4b26b", "#e8857b")


def _sv(value: float, decimals: int = 0) -> str:
    from styrkort.data import fmt

    return fmt.number(value, decimals)


def waterfall_chart(labels: Sequence[str], start: float, steps: Sequence[float], end: float) -> str:
    """The allocation bridge as a waterfall: a bar goes up where the allocation grows.

    ``start``, ``steps`` and ``end`` are in tkr with the net-cost sign, as the table beside the
    chart has them (a negative step increases the allocation), and the bars are labelled with
    those same figures. The value axis starts above zero, and says so with a break mark.
    """
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 3.6))
        ax = fig.add_axes((0.1, 0.28, 0.88, 0.66))
        n = len(steps) + 2
        running = -start
        bars = [(0, -start, "#5b7fa3", _sv(start))]
        for s in steps:
            low, high = sorted((running, running - s))
            bars.append((low, high - low, "#7cc48a" if s <= 0 else "#e88a80", _sv(s)))
            running -= s
        bars.append((0, -end, "#1d4f73", _sv(end)))
        lows = [b[0] for b in bars[1:-1]] + [-start, -end]
        floor = min(lows) * 0.97
        for i, (bottom, height, colour, text) in enumerate(bars):
            if i in (0, n - 1):
                bottom, height = floor, height - floor
            ax.bar(i, height, bottom=bottom, color=colour, edgecolor=INK, linewidth=0.6, width=0.7)
            ax.text(i, bottom + height + (max(lows) - floor) * 0.02, text, ha="center", va="bottom", color=INK,
                    fontsize=9)
        ax.set_xticks(range(n), labels, rotation=30, ha="right")
        ax.set_ylim(floor, max(b[0] + b[1] for b in bars) * 1.015)
        ax.yaxis.set_major_formatter(lambda v, _: _sv(-v))  # the table's sign: up is a larger allocation
        ax.set_ylabel("tkr, som i tabellen")
        for y in (0.015, 0.04):  # the axis is cut: it does not start at zero
            ax.plot([-0.015, 0.015], [y, y + 0.02], transform=ax.transAxes, color=INK, linewidth=0.8,
                    clip_on=False)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return to_svg(fig)


def risk_heatmap(grid: dict[tuple[int, int], list[str]], scale: int, band_index_of) -> str:
    """Probability (rows) against consequence (columns); each cell coloured by its band and
    listing the ids of its risks. ``band_index_of(value)`` gives a value's band index."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(5.2, 4.6))
        ax = fig.add_axes((0.16, 0.14, 0.8, 0.8))
        for (p, c), ids in grid.items():
            ax.add_patch(Rectangle((c - 0.5, p - 0.5), 1, 1, facecolor=BAND_FILLS[band_index_of(p * c)],
                                   edgecolor="#ffffff", linewidth=2))
            ax.text(c + 0.42, p - 0.42, str(p * c), ha="right", va="bottom", fontsize=7, color=MUTED)
            if ids:
                ax.text(c, p, "\n".join(ids), ha="center", va="center", fontsize=10, color=INK, weight="bold")
        ax.set_xlim(0.5, scale + 0.5)
        ax.set_ylim(0.5, scale + 0.5)
        ax.set_xticks(range(1, scale + 1))
        ax.set_yticks(range(1, scale + 1))
        ax.set_xlabel("Konsekvens")
        ax.set_ylabel("Sannolikhet")
        for side in ax.spines.values():
            side.set_visible(False)
        ax.tick_params(length=0)
        return to_svg(fig)


def budget_forecast_chart(activities: Sequence[str], budget: Sequence[float], forecast: Sequence[float]) -> str:
    """Budget against full-year forecast per activity area, as net cost in mnkr (longer = costlier)."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 0.8 + 0.55 * len(activities)))
        ax = fig.add_axes((0.3, 0.12, 0.66, 0.78))
        ys = range(len(activities))
        b = [abs(v) / 1000 for v in budget]
        f = [abs(v) / 1000 for v in forecast]
        # Budget above forecast in each pair, as the legend lists them (the y axis runs downwards).
        ax.barh([y - 0.2 for y in ys], b, height=0.38, color="#9db7cf", edgecolor=INK, linewidth=0.5, label="Budget")
        ax.barh([y + 0.2 for y in ys], f, height=0.38, color="#1d4f73", label="Helårsprognos")
        for y, bv, fv in zip(ys, b, f):
            ax.text(bv, y - 0.2, f" {_sv(bv, 1)}", va="center", fontsize=8.5, color=INK)
            ax.text(fv, y + 0.2, f" {_sv(fv, 1)}", va="center", fontsize=8.5, color=INK)
        ax.set_yticks(list(ys), activities)
        ax.invert_yaxis()
        ax.set_xlim(0, max(b + f) * 1.18)
        ax.set_xlabel("Nettokostnad, mnkr")
        ax.xaxis.set_major_formatter(lambda v, _: _sv(v))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return to_svg(fig)


def forecast_accuracy_chart(labels: Sequence[str], deviations_tkr: Sequence[float]) -> str:
    """Each full-year forecast's deviation from the year's outcome, mnkr: above the line the forecast
    promised a lower cost than the year came to, below it a higher."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 2.9))
        ax = fig.add_axes((0.1, 0.26, 0.88, 0.66))
        values = [v / 1000 for v in deviations_tkr]
        xs = range(len(values))
        ax.bar(list(xs), values, width=0.6, color=["#1d4f73" if v >= 0 else "#9db7cf" for v in values],
               edgecolor=INK, linewidth=0.5)
        ax.axhline(0, color=INK, linewidth=0.8)
        span = max((abs(v) for v in values), default=1) or 1
        for x, v in zip(xs, values):
            ax.text(x, v + (0.04 * span if v >= 0 else -0.04 * span), _sv(v, 1), ha="center",
                    va="bottom" if v >= 0 else "top", fontsize=8, color=INK)
        ax.set_ylim(-span * 1.3, span * 1.3)
        ax.set_xticks(list(xs), labels, rotation=30, ha="right")
        ax.set_ylabel("Prognos − utfall, mnkr")
        ax.yaxis.set_major_formatter(lambda v, _: _sv(v, 1))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return to_svg(fig)


def trend_charts(series: Sequence[tuple[str, Sequence[int], Sequence[float | None], int]]) -> str:
    """Small line charts side by side, one per indicator: (name, years, values, decimals), each
    value labelled, so that the trend reads at a glance and the figures stay exact."""
    import matplotlib

    columns = min(3, len(series))
    rows = -(-len(series) // columns)
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 1.9 * rows))
        for i, (name, years, values, decimals) in enumerate(series):
            ax = fig.add_subplot(rows, columns, i + 1)
            points = [(y, v) for y, v in zip(years, values) if v is not None]
            ax.plot([y for y, _ in points], [v for _, v in points], color="#1d4f73", marker="o", linewidth=1.5)
            low, high = min(v for _, v in points), max(v for _, v in points)
            pad = (high - low) * 0.35 or abs(high) * 0.1 or 1
            ax.set_ylim(low - pad, high + pad)
            for y, v in points:
                ax.text(y, v + pad * 0.25, _sv(v, decimals), ha="center", va="bottom", fontsize=7.5, color=INK)
            ax.set_xticks(list(years), [str(y) for y in years])
            ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
            ax.set_yticks([])
            ax.set_title(name if len(name) <= 34 else name[:32] + "…", fontsize=8, loc="left")
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
        fig.subplots_adjust(hspace=0.7, wspace=0.15)
        return to_svg(fig)


def deviation_bars(labels: Sequence[str], deviations_tkr: Sequence[float], xlabel: str) -> str:
    """A deviation per row as a horizontal bar from zero, mnkr, each labelled with its value: right
    of the line a lower cost than the reference, left of it a higher."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 0.9 + 0.5 * len(labels)))
        ax = fig.add_axes((0.38, 0.16, 0.58, 0.78))
        values = [v / 1000 for v in deviations_tkr]
        ys = range(len(values))
        ax.barh(list(ys), values, height=0.55, color=["#1d4f73" if v >= 0 else "#c0504d" for v in values])
        ax.axvline(0, color=INK, linewidth=0.8)
        span = max((abs(v) for v in values), default=1) or 1
        for y, v in zip(ys, values):
            ax.text(v + (0.03 * span if v >= 0 else -0.03 * span), y, _sv(v, 1), va="center",
                    ha="left" if v >= 0 else "right", fontsize=8.5, color=INK)
        ax.set_xlim(-span * 1.35, span * 1.35)
        ax.set_yticks(list(ys), labels)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(lambda v, _: _sv(v, 1))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return to_svg(fig)
