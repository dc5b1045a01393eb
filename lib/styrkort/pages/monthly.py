"""The monthly report's page, and the sections every report with goal outcomes shares (the
interim report reuses them): events, the overview, each goal area, the economy, "Om rapporten".
"""

from __future__ import annotations

from typing import Sequence

from styrkort.data import fmt
from styrkort.data.periods import MONTHS_LONG, parse_period, year_to_date
from styrkort.data.status import NOT_ASSESSED, NOT_REPORTED, Status
from styrkort.document.markdown import markdown
from styrkort.document.model import Badge, Content, Group, Heading, ItemList, Node, Paragraph, Section, Span, content
from styrkort.document.part import Part
from styrkort.pages.charts import strip_chart
from styrkort.pages.elements import badge, cover, figure, marked, table
from styrkort.reports.economy import EconomySummary, UnitEconomy
from styrkort.pages.indicators import value_text, wanted_text
from styrkort.reports.indicators import IndicatorResult
from styrkort.reports.monthly import AreaSection, GoalReport, MonthlyReport, OrganisationChange
from styrkort.reports.outcomes import AreaOutcome, StripCell
from styrkort.reports.rollup import Distribution


def events(report: GoalReport) -> Part:
    body = markdown(report.events) or (Paragraph(("Inga viktiga händelser rapporterade för perioden.",)),)
    return Part(Section(content(Heading(2, ("Viktiga händelser under perioden",)), body), css="events"))


#: A status as a count says it: "1 grön", "6 gröna".
_COUNTED = {Status.GRON: ("grön", "gröna"), Status.GUL: ("gul", "gula"), Status.ROD: ("röd", "röda")}


def status_count(status: Status, n: int) -> str:
    """``"1 grön"``, ``"6 gröna"``."""
    return f"{n} {_COUNTED[status][n != 1]}"


def distribution_text(d: Distribution) -> str:
    """``"6 gröna, 5 gula, 0 röda"``, and how many did not report."""
    text = ", ".join(status_count(s, d.count(s)) for s in Status)
    return text + (f", {d.missing} {NOT_REPORTED.lower()}" if d.missing else "")


def outcome_note(o: AreaOutcome) -> Content:
    """The basis of the outcome, and the proposal and reason where the analyst set another status."""
    d = o.distribution
    base = f"Sammanvägd bedömning av {d.reported} av {d.total} enheters resultat ({distribution_text(d)})."
    if o.override is None:
        return (base,)
    proposed = o.proposed.value if o.proposed else NOT_ASSESSED
    who = f" ({o.override.by})" if o.override.by else ""
    return (base, " ", Span("strong", (f"Föreslagen: {proposed}, satt: {o.status.value}",)),
            f"{who} — motivering: {o.override.reason}")


def change_text(c: OrganisationChange) -> str:
    """``"Från september 2023 delades A i B och C."``, and the data's own description."""
    when = f"{MONTHS_LONG[c.month.month - 1]} {c.month.year}"
    if not c.new:
        text = f"{c.old[0]} upphörde i slutet av {MONTHS_LONG[c.month.previous().month - 1]} {c.month.previous().year}."
    elif not c.old:
        text = f"{c.new[0]} startade i {when}."
    elif len(c.new) > 1:
        text = f"Från {when} delades {_names(c.old)} i {_names(c.new)}."
    elif len(c.old) > 1:
        text = f"Från {when} slogs {_names(c.old)} samman till {c.new[0]}."
    else:
        text = f"Från {when} ersattes {c.old[0]} av {c.new[0]}."
    return f"{text} {c.description}".strip()


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def overview(report: GoalReport) -> Part:
    rows = [[f"{a.number}. {a.name}",
             marked(badge(a.outcome.status), a.outcome.set_by_hand),
             distribution_text(a.outcome.distribution)] for a in report.areas]
    changes: list[Node] = []
    if report.changes:
        changes = [Paragraph((f"Organisationsförändringar under {report.period.year}: "
                              + " ".join(change_text(c) for c in report.changes)
                              + " Bara de enheter som fanns under perioden räknas.",), css="basis")]
    return Part(Section(content(
        Heading(2, ("Mål – översikt över periodens resultat",)),
        table(["Målområde", "Utfall", "Enheternas bedömningar"], rows,
              caption=f"Förvaltningens utfall per målområde, {report.period.name_sv}", css="overview"),
        changes), css="overview"))


def _indicator_rows(results: Sequence[IndicatorResult], economy: EconomySummary | None,
                    budget_target: str, year: int) -> list[list[str | Badge]]:
    rows: list[list[str | Badge]] = []
    for r in results:
        wanted = wanted_text(r, year)
        before = value_text(r.last_year, r.unit, r.decimals)
        if r.baseline_year not in (None, year - 1) and r.last_year is not None:
            before += f" ({r.baseline_year})"
        rows.append([r.name, value_text(r.value, r.unit, r.decimals), before, wanted, badge(r.status)])
    if economy is not None:
        rows.append(["Budgetavvikelse", fmt.percent(economy.total.deviation_percent), fmt.DASH, budget_target,
                     badge(economy.status)])
    return rows


def strip_alt(area_name: str, cells: Sequence[StripCell], year: int) -> str:
    shown = ", ".join(f"{c.month} {c.status.value if c.status else 'ej rapporterat'}" for c in cells)
    return f"Måluppfyllelse per månad {year} för {area_name}: {shown}."


def unit_table(section: AreaSection) -> Node:
    rows = [[u.name, badge(u.status, NOT_REPORTED), u.comment or fmt.DASH] for u in section.units]
    return table(["Enhet", "Resultat", "Kommentar"], rows, css="units")


def area(section: AreaSection, year: int, budget_target: str = "", units: bool = True) -> Part:
    """A goal area's section; ``units=False`` leaves the units' results to an appendix."""
    o = section.outcome
    goals = ItemList(tuple((g,) for g in section.board_goals) or (("Inget nämndmål angivet.",),), css="goals")
    parts: list[Node] = [
        Heading(2, (f"{section.number}. {section.name}",)),
        Paragraph((Span("strong", ("Kommunövergripande mål:",)), " ", section.council_goal), css="council-goal"),
        table(["Nämndens/förvaltningens mål", "Utfall"], [[goals, badge(o.status)]], css="goal", row_headers=False),
        Paragraph(outcome_note(o), css="basis"),
    ]
    ind_rows = _indicator_rows(section.indicators, section.budget_deviation, budget_target, year)
    if ind_rows:
        parts += [Heading(3, ("Indikatorer",)),
                  table(["Indikator", "Utfall", "Samma period föregående år", "Önskad utveckling", "Bedömning"],
                        ind_rows, css="indicators", numeric=(1, 2))]
    if units:
        parts += [Heading(3, ("Enheternas resultat",)), unit_table(section)]
    parts += [Heading(3, ("Måluppfyllelse per månad",)),
              figure(strip_chart(section.strip), strip_alt(section.name, section.strip, year),
                     "Förvaltningens utfall per månad (uppdateras löpande under året).", css="strip")]
    if section.analysis:
        parts += [Heading(3, ("Analys",)), Group(markdown(section.analysis, 3), css="analysis")]
    return Part(Section(tuple(parts), css="area", id=f"malomrade-{section.number}"))


def areas(report: GoalReport) -> Part:
    return Part(*(area(s, report.period.year, report.budget_target).nodes for s in report.areas))


def economy(report: MonthlyReport) -> Part:
    summary, text, period_name = report.economy, report.economy_text, report.period.name_sv
    parts: list[Node] = [Heading(2, ("Ekonomi i korthet",))]
    if summary is None or not report.economic_follow_up:
        parts.append(Paragraph((f"Ingen separat ekonomisk uppföljning görs för {period_name}.",)))
    else:
        t = summary.total
        if t.forecast is not None:
            parts.append(Paragraph((
                f"Helårsprognosen för nämnden är {fmt.tkr(t.forecast)} tkr mot en budget på {fmt.tkr(t.budget)} tkr, "
                f"en avvikelse på {fmt.tkr(t.deviation)} tkr ({fmt.percent(t.deviation_percent)}). "
                "Budgetavvikelse: ", badge(summary.status))))
        if summary.forecast_change is not None:
            parts.append(Paragraph((
                f"Avvikelsen mot föregående prognos ({parse_period(summary.previous_month).name_sv}) "
                f"är {fmt.mnkr(summary.forecast_change)}.",)))
        rows = [[r.activity, fmt.tkr(r.budget), fmt.tkr(r.outcome), fmt.tkr(r.forecast), fmt.tkr(r.deviation),
                 fmt.percent(r.deviation_percent)] for r in summary.rows]
        foot = ["Totalt", fmt.tkr(t.budget), fmt.tkr(t.outcome), fmt.tkr(t.forecast), fmt.tkr(t.deviation),
                fmt.percent(t.deviation_percent)]
        last = parse_period(summary.month).last.month
        parts.append(Paragraph((
            f"Utfallet för {year_to_date(last)} är {fmt.tkr(t.outcome)} tkr mot en budget för perioden på "
            f"{fmt.tkr(t.budget_to_date)} tkr, en avvikelse på {fmt.tkr(t.deviation_to_date)} tkr. {summary.basis}",)))
        parts.append(table(["Verksamhet (tkr)", "Budget", f"Utfall {year_to_date(last)}", "Helårsprognos",
                            "Avvikelse", "Avvikelse %"], rows, css="economy-table", foot=foot,
                           numeric=(1, 2, 3, 4, 5),
                           caption="Nettokostnad per verksamhet, tkr. Avvikelse = prognos − budget; positiv är "
                                   "lägre kostnad än budget."))
    if report.unit_economy and report.economic_follow_up:
        parts += unit_economy(report.unit_economy, parse_period(summary.month).last.month)
    if text:
        parts.append(Group(markdown(text, 2), css="analysis"))
    return Part(Section(tuple(parts), css="economy"))


def unit_economy(units: Sequence[UnitEconomy], month: int) -> list[Node]:
    """Each unit's budget, outcome to date against its budget to date, forecast and comment."""
    months = year_to_date(month)
    rows = [[u.name, fmt.tkr(u.row.budget), fmt.tkr(u.row.outcome), fmt.tkr(u.row.deviation_to_date),
             fmt.tkr(u.row.forecast), fmt.tkr(u.row.deviation), u.comment or fmt.DASH] for u in units]
    return [Heading(3, ("Ekonomi per enhet",)),
            table(["Enhet", "Budget", f"Utfall {months}", "Avvikelse hittills", "Helårsprognos", "Avvikelse helår",
                   "Kommentar"], rows, numeric=(1, 2, 3, 4, 5), css="unit-economy",
                  caption="Enheternas nettokostnad, tkr. Avvikelse hittills = utfall − budget för perioden; avvikelse "
                          "helår = prognos − budget; positiv är lägre kostnad än budget.")]


def about(report: GoalReport) -> Part:
    legend = [(badge(s), f" – {s.meaning}") for s in Status]
    legend.append((badge(None, NOT_ASSESSED), " – ingen bedömning gjord (inget underlag eller inget värde att jämföra med)"))
    legend.append((badge(None, NOT_REPORTED), " – enheten har inte rapporterat"))
    return Part(Section((
        Heading(2, ("Om rapporten",)),
        Paragraph((f"{report.rule_text} Förvaltningen kan sätta en annan status med motivering; då visas både "
                   "förslaget och motiveringen.",)),
        Paragraph((report.budget_rule,)),
        ItemList(tuple(legend), css="legend")), css="about"))


def monthly(report: MonthlyReport) -> Part:
    """The whole monthly report in one piece (the notebook shows it section by section)."""
    return Part(*(p.nodes for p in (cover(report.header), events(report), overview(report), areas(report),
                                    economy(report), about(report))))
