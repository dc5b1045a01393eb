"""The monthly report's page, and the sections every report with goal outcomes shares (the
interim report reuses them): events, the overview, each goal area, the economy, "Om rapporten".
"""

from __future__ import annotations

from typing import Sequence

from styrkort.data import fmt
from styrkort.data.periods import MONTHS_SHORT, parse_period
from styrkort.data.status import NOT_ASSESSED, NOT_REPORTED, Status
from styrkort.html.charts import strip_chart
from styrkort.html.elements import Html, badge, cover, figure, join, table
from styrkort.html.textsafe import esc, markdown
from styrkort.reports.economy import EconomySummary
from styrkort.reports.indicators import IndicatorResult
from styrkort.reports.monthly import AreaSection, GoalReport, MonthlyReport
from styrkort.reports.outcomes import AreaOutcome, StripCell
from styrkort.reports.rollup import Distribution


def events(report: GoalReport) -> Html:
    body = markdown(report.events) or "<p>Inga viktiga händelser rapporterade för perioden.</p>"
    return Html(f'<section class="events"><h2>Viktiga händelser under perioden</h2>{body}</section>')


def distribution_text(d: Distribution) -> str:
    text = f"{d.gron} Grön, {d.gul} Gul, {d.rod} Röd"
    return text + (f", {d.missing} {NOT_REPORTED.lower()}" if d.missing else "")


def outcome_note(o: AreaOutcome) -> str:
    """The basis of the outcome, and the proposal and reason where the analyst set another status."""
    d = o.distribution
    base = f"Sammanvägd bedömning av {d.reported} av {d.total} enheters resultat ({distribution_text(d)})."
    if o.override is None:
        return base
    proposed = o.proposed.value if o.proposed else NOT_ASSESSED
    who = f" ({esc(o.override.by)})" if o.override.by else ""
    return (f"{base} <strong>Föreslagen: {proposed}, satt: {o.status.value}</strong>{who} — "
            f"motivering: {esc(o.override.reason)}")


def overview(report: GoalReport) -> Html:
    rows = [[f"{a.number}. {esc(a.name)}", badge(a.outcome.status) + (" <em>(satt för hand)</em>" if a.outcome.set_by_hand else ""),
             distribution_text(a.outcome.distribution)] for a in report.areas]
    return Html(
        '<section class="overview"><h2>Mål – översikt över periodens resultat</h2>'
        + table(["Målområde", "Utfall", "Enheternas bedömningar"], rows,
                caption=f"Förvaltningens utfall per målområde, {report.period.name_sv}", css="overview")
        + "</section>"
    )


def _indicator_value(value: float | None, unit: str) -> str:
    if value is None:
        return fmt.DASH
    decimals = 0 if float(value).is_integer() else 1
    if unit == "%":
        return fmt.percent(value, decimals)
    return fmt.number(value, decimals) + (f"{fmt.NBSP}{esc(unit)}" if unit and unit != "antal" else "")


_DIRECTION_TEXT = {"öka": "Öka jämfört med föregående år", "minska": "Minska jämfört med föregående år",
                   "behålla": "Behålla eller öka jämfört med föregående år"}


def _indicator_rows(results: Sequence[IndicatorResult], economy: EconomySummary | None,
                    budget_target: str) -> list[list[str]]:
    rows = []
    for r in results:
        wanted = (f"Målvärde {_indicator_value(r.target, r.unit)}" if r.direction == "mål"
                  else _DIRECTION_TEXT[r.direction])
        rows.append([esc(r.name), _indicator_value(r.value, r.unit), _indicator_value(r.last_year, r.unit),
                     esc(wanted), badge(r.status)])
    if economy is not None:
        rows.append(["Budgetavvikelse", fmt.percent(economy.total.deviation_percent), fmt.DASH,
                     esc(budget_target), badge(economy.status)])
    return rows


def strip_alt(area_name: str, cells: Sequence[StripCell], year: int) -> str:
    shown = ", ".join(f"{c.month} {c.status.value if c.status else 'ej rapporterat'}" for c in cells)
    return f"Måluppfyllelse per månad {year} för {area_name}: {shown}."


def area(section: AreaSection, year: int, budget_target: str = "") -> Html:
    o = section.outcome
    goals = "".join(f"<li>{esc(g)}</li>" for g in section.board_goals) or "<li>Inget nämndmål angivet.</li>"
    parts = [
        f'<section class="area" id="malomrade-{section.number}">',
        f"<h2>{section.number}. {esc(section.name)}</h2>",
        f'<p class="council-goal"><span class="label">Kommunövergripande mål:</span> {esc(section.council_goal)}</p>',
        table(["Nämndens/förvaltningens mål", "Utfall"], [[f'<ul class="goals">{goals}</ul>', badge(o.status)]],
              css="goal", row_headers=False),
        f'<p class="basis">{outcome_note(o)}</p>',
    ]
    ind_rows = _indicator_rows(section.indicators, section.budget_deviation, budget_target)
    if ind_rows:
        parts += ["<h3>Indikatorer</h3>",
                  table(["Indikator", "Utfall", "Samma period föregående år", "Önskad utveckling", "Bedömning"],
                        ind_rows, css="indicators", numeric=(1, 2))]
    unit_rows = [[esc(u.name), badge(u.status, NOT_REPORTED), esc(u.comment) or fmt.DASH] for u in section.units]
    parts += ["<h3>Enheternas resultat</h3>",
              table(["Enhet", "Resultat", "Kommentar"], unit_rows, css="units"),
              "<h3>Måluppfyllelse per månad</h3>",
              figure(strip_chart(section.strip), strip_alt(section.name, section.strip, year),
                     "Förvaltningens utfall per månad (uppdateras löpande under året).", css="strip")]
    if section.analysis:
        parts += ['<h3>Analys</h3><div class="analysis">', markdown(section.analysis, 3), "</div>"]
    parts.append("</section>")
    return join(parts)


def areas(report: GoalReport) -> Html:
    return join(area(s, report.period.year, report.budget_target) for s in report.areas)


def economy(report: MonthlyReport) -> Html:
    summary, text, period_name = report.economy, report.economy_text, report.period.name_sv
    parts = ['<section class="economy"><h2>Ekonomi i korthet</h2>']
    if summary is None:
        parts.append(f"<p>Ingen separat ekonomisk uppföljning görs för {esc(period_name)}.</p>")
    else:
        t = summary.total
        if t.forecast is not None:
            parts.append(
                f"<p>Helårsprognosen för nämnden är {fmt.tkr(t.forecast)} tkr mot en budget på {fmt.tkr(t.budget)} tkr, "
                f"en avvikelse på {fmt.tkr(t.deviation)} tkr ({fmt.percent(t.deviation_percent)}). "
                f"Budgetavvikelse: {badge(summary.status)}</p>")
        if summary.forecast_change is not None:
            parts.append(f"<p>Avvikelsen mot föregående prognos ({esc(parse_period(summary.previous_month).name_sv)}) "
                         f"är {fmt.mnkr(summary.forecast_change)}.</p>")
        rows = [[esc(r.activity), fmt.tkr(r.budget), fmt.tkr(r.outcome), fmt.tkr(r.forecast), fmt.tkr(r.deviation),
                 fmt.percent(r.deviation_percent)] for r in summary.rows]
        foot = ["Totalt", fmt.tkr(t.budget), fmt.tkr(t.outcome), fmt.tkr(t.forecast), fmt.tkr(t.deviation),
                fmt.percent(t.deviation_percent)]
        last = parse_period(summary.month).last.month
        parts.append(table(["Verksamhet (tkr)", "Budget", f"Utfall jan–{MONTHS_SHORT[last - 1]}", "Helårsprognos",
                            "Avvikelse", "Avvikelse %"], rows, css="economy-table", foot=foot,
                           numeric=(1, 2, 3, 4, 5),
                           caption="Nettokostnad per verksamhet, tkr. Avvikelse = prognos − budget; positiv är "
                                   "lägre kostnad än budget."))
    if text:
        parts.append(f'<div class="analysis">{markdown(text, 2)}</div>')
    parts.append("</section>")
    return join(parts)


def about(report: GoalReport) -> Html:
    legend = "".join(f"<li>{badge(s)} – {s.meaning}</li>" for s in Status)
    return Html(
        '<section class="about"><h2>Om rapporten</h2>'
        f"<p>{esc(report.rule_text)} Förvaltningen kan sätta en annan status med motivering; då visas både "
        "förslaget och motiveringen.</p>"
        f"<p>{esc(report.budget_rule)}</p>"
        f'<ul class="legend">{legend}<li>{badge(None, NOT_REPORTED)} – enheten har inte rapporterat</li></ul>'
        "</section>"
    )


def monthly(report: MonthlyReport) -> Html:
    """The whole monthly report in one piece (the notebook shows it section by section)."""
    return join([cover(report.header), events(report), overview(report), areas(report), economy(report),
                 about(report)])
