"""The verksamhetsberättelse's sections: the year in brief, goal fulfilment, assignments, economy,
staff, risks, internal control and the year ahead."""

from __future__ import annotations

from collections import Counter

from styrkort.data import fmt
from styrkort.data.status import NOT_ASSESSED, Status
from styrkort.document.markdown import markdown
from styrkort.document.model import Break, Group, Heading, ItemList, Node, Paragraph, Section, Span, content
from styrkort.document.part import Part
from styrkort.pages.charts import forecast_accuracy_chart, strip_chart, trend_charts
from styrkort.pages.elements import adjustment_note, badge, figure, marked, table, text_section
from styrkort.pages.indicators import value_text, wanted_text
from styrkort.pages.monthly import change_text, status_count, strip_alt
from styrkort.pages.plan import action_list
from styrkort.reports.annual import AnnualReport, AreaYear, IndicatorYear, RiskFollowUp
from styrkort.reports.outcomes import MET, NOT_MET, PARTLY_MET, YEAR_ASSESSMENTS

#: A year assessment's colour and shape: the status that means the same.
_AS_STATUS = {MET: Status.GRON, PARTLY_MET: Status.GUL, NOT_MET: Status.ROD}
_ASSIGNMENT_STATUS = {"genomfört": Status.GRON, "pågår": Status.GUL, "ej påbörjat": Status.ROD}
#: How a goal's or an assignment's state is counted (both nouns are neuter): "1 uppfyllt", "2 uppfyllda".
_PLURAL = {MET: "uppfyllda", PARTLY_MET: "delvis uppfyllda", NOT_MET: "ej uppfyllda", "genomfört": "genomförda",
           "pågår": "pågår", "ej påbörjat": "ej påbörjade", None: "ej uppföljda"}


def _count(n: int, state: str | None) -> str:
    return f"{n} {_PLURAL[state] if n != 1 else state or 'ej uppföljt'}"


def assessment_badge(assessment: str | None) -> Node:
    if assessment is None:
        return badge(None, NOT_ASSESSED)
    return badge(_AS_STATUS[assessment], label=assessment[:1].upper() + assessment[1:])


def summary(report: AnnualReport) -> Part:
    """The year in summary: the administration's own words, then the year's figures at a glance."""
    goals = [g for a in report.areas for g in a.goals]
    counts = Counter(g.assessment for g in goals)
    e = report.economy
    staff = next((s for s in report.staff if s.year == report.period.year), None)
    rows = [["Nämndmål uppfyllda", f"{counts[MET]} av {len(goals)}"],
            ["Nämndmål delvis uppfyllda", f"{counts[PARTLY_MET]} av {len(goals)}"],
            ["Nämndmål ej uppfyllda", f"{counts[NOT_MET]} av {len(goals)}"],
            ["Nettokostnad, tkr", fmt.tkr(e.total.outcome)],
            ["Budget, tkr", fmt.tkr(e.total.budget)],
            ["Resultat mot budget, tkr", fmt.number(e.result, sign=True)],
            ["Budgetavvikelse", content(fmt.percent(e.total.deviation_percent), " ", badge(e.status))]]
    if staff is not None:
        rows += [["Årsarbetare", fmt.number(staff.fte, 1)], ["Sjukfrånvaro", fmt.percent(staff.sick_leave, 1)]]
    return Part(Section((
        Heading(2, ("Sammanfattning",)),
        *(markdown(report.summary, 2) or (Paragraph(("Ingen sammanfattning är skriven för året.",)),)),
        table(["Året i korthet", str(report.period.year)], rows, numeric=(1,), css="key-figures",
              caption=f"Nyckeltal {report.period.year}.")), css="summary"))


def events(report: AnnualReport) -> Part:
    return text_section("Viktiga händelser under året", report.events, "events",
                         "Inga viktiga händelser är beskrivna för året.")


def overview(report: AnnualReport) -> Part:
    """Each goal area's assessment for the year, and how its goals were assessed."""
    rows = []
    for a in report.areas:
        counts = Counter(g.assessment for g in a.goals)
        goals = ", ".join(_count(counts[v], v) for v in YEAR_ASSESSMENTS if counts[v]) or fmt.DASH
        rows.append([f"{a.number}. {a.name}", marked(assessment_badge(a.assessment), a.set_by_hand), goals])
    changes: list[Node] = []
    if report.changes:
        changes = [Paragraph((f"Organisationsförändringar under {report.period.year}: "
                              + " ".join(change_text(c) for c in report.changes),), css="basis")]
    return Part(Section((
        Heading(2, ("Måluppfyllelse – översikt",)),
        table(["Målområde", "Årets bedömning", "Nämndmålen"], rows, css="overview",
              caption=f"Måluppfyllelse per målområde {report.period.year}."),
        *changes), css="overview"))


def _months_text(a: AreaYear) -> str:
    counted = Counter(c.status for c in a.strip if c.status is not None)
    if not counted:
        return "Målområdet har inget utfall under året."
    last = next(c for c in reversed(a.strip) if c.status is not None)
    parts = ", ".join(status_count(s, counted[s]) for s in Status if counted[s])
    return (f"Förvaltningens utfall under årets månader: {parts}; året slutade {last.status.value.lower()}. "
            f"Förslag enligt regeln: {a.proposed}.")


def _indicator_table(indicators: tuple[IndicatorYear, ...], year: int) -> Node:
    years = [y for y, _ in indicators[0].history]
    rows = []
    for i in indicators:
        r = i.result
        rows.append([r.name, *(value_text(v, r.unit, r.decimals) for _, v in i.history), wanted_text(r, year),
                     badge(r.status)])
    return table(["Indikator", *(str(y) for y in years), "Önskad utveckling", "Bedömning"], rows,
                 css="indicators", numeric=tuple(range(1, len(years) + 1)),
                 caption=f"Värdet vid årets slut (december) för {', '.join(map(str, years))}. Bedömningen avser "
                         f"{year}.")


def _trend_figure(a: AreaYear) -> Node | None:
    trends = [i for i in a.indicators if i.has_trend]
    if not trends:
        return None
    series = [(i.result.name, [y for y, _ in i.history], [v for _, v in i.history], i.result.decimals) for i in trends]
    alt = "Utvecklingen över år: " + "; ".join(
        f"{i.result.name}: " + ", ".join(f"{y} {value_text(v, i.result.unit, i.result.decimals)}" for y, v in i.history)
        for i in trends) + "."
    return figure(trend_charts(series), alt, "Indikatorernas värde vid årets slut, år för år.", css="trends")


def area(a: AreaYear, year: int) -> Part:
    parts: list[Node] = [
        Heading(2, (f"{a.number}. {a.name}",)),
        Paragraph((Span("strong", ("Kommunövergripande mål:",)), " ", a.council_goal), css="council-goal"),
        table(["Nämndens/förvaltningens mål", "Årets bedömning"],
              [[f"{g.goal_id} {g.text}", marked(assessment_badge(g.assessment), g.override is not None)]
               for g in a.goals]
              or [["Inget nämndmål angivet.", assessment_badge(a.assessment)]], css="goal", row_headers=False),
        Paragraph((_months_text(a),), css="basis"),
    ]
    parts += [adjustment_note(f"mål {g.goal_id} bedömt som {g.assessment} (förslag: {g.proposed or NOT_ASSESSED})",
                              g.override.reason, g.override.by, g.override.at) for g in a.goals if g.override]
    if a.indicators:
        parts += [Heading(3, ("Indikatorer",)), _indicator_table(a.indicators, year)]
        if (trend := _trend_figure(a)) is not None:
            parts.append(trend)
    parts += [Heading(3, ("Måluppfyllelse per månad",)),
              figure(strip_chart(a.strip), strip_alt(a.name, a.strip, year),
                     f"Förvaltningens utfall per månad {year}.", css="strip")]
    if a.analysis:
        parts += [Heading(3, ("Analys",)), Group(markdown(a.analysis, 3), css="analysis")]
    return Part(Section(tuple(parts), css="area", id=f"malomrade-{a.number}"))


def areas(report: AnnualReport) -> Part:
    return Part(*(area(a, report.period.year).nodes for a in report.areas))


def assignments(report: AnnualReport) -> Part:
    parts: list[Node] = [Heading(2, ("Politiska uppdrag",))]
    if not report.assignments:
        parts.append(Paragraph((f"Planen för {report.period.year} har inga politiska uppdrag i underlaget.",)))
    else:
        rows = [[f"{u.area}. {u.area_name}", u.text,
                 badge(_ASSIGNMENT_STATUS[u.status], label=u.status[:1].upper() + u.status[1:]) if u.status
                 else badge(None, "Ej uppföljt"), u.comment or fmt.DASH] for u in report.assignments]
        counts = Counter(u.status for u in report.assignments)
        states = [_count(counts[s], s) for s in (*_ASSIGNMENT_STATUS, None) if counts[s]]
        parts += [Paragraph((f"Planen för {report.period.year} gav förvaltningen "
                             f"{fmt.counted(len(report.assignments), 'politiskt uppdrag', 'politiska uppdrag', True)}. "
                             f"Vid årets slut: {', '.join(states)}.",)),
                  table(["Målområde", "Uppdrag", "Status", "Kommentar"], rows, css="assignments",
                        caption=f"Politiska uppdrag i nämnd- och förvaltningsplanen {report.period.year}.")]
    return Part(Section(tuple(parts), css="assignments"))


def economy(report: AnnualReport) -> Part:
    e, t, year = report.economy, report.economy.total, report.period.year
    verdict = "ett överskott" if e.result >= 0 else "ett underskott"
    parts: list[Node] = [
        Heading(2, ("Ekonomi",)),
        Paragraph((f"Nämndens nettokostnad {year} blev {fmt.tkr(t.outcome)} tkr mot en budget på {fmt.tkr(t.budget)} "
                   f"tkr, {verdict} på {fmt.tkr(abs(e.result))} tkr ({fmt.percent(t.deviation_percent)}). "
                   "Budgetavvikelse: ", badge(e.status))),
        Heading(3, ("Driftredovisning per verksamhet",)),
        table(["Verksamhet (tkr)", "Budget", "Utfall", "Avvikelse", "Avvikelse %"],
              [[r.activity, fmt.tkr(r.budget), fmt.tkr(r.outcome), fmt.tkr(r.deviation),
                fmt.percent(r.deviation_percent)] for r in e.rows],
              foot=["Totalt", fmt.tkr(t.budget), fmt.tkr(t.outcome), fmt.tkr(t.deviation),
                    fmt.percent(t.deviation_percent)], numeric=(1, 2, 3, 4), css="economy-table",
              caption=("Årets utfall enligt bokslutet" if e.closed else "Årets utfall enligt decembers uppföljning")
                      + ", nettokostnad i tkr. Avvikelse = utfall − budget; positiv är lägre kostnad än budget."),
    ]
    explained = [(r.activity, r.comment) for r in e.rows if r.comment]
    if explained:
        parts += [Heading(3, ("Förklaringar till avvikelserna",)),
                  ItemList(tuple((Span("strong", (f"{a}:",)), " ", c) for a, c in explained), css="explanations")]
    parts += balance(report)
    parts += forecast_accuracy(report)
    if report.economy_text:
        parts += [Heading(3, ("Analys",)), Group(markdown(report.economy_text, 3), css="analysis")]
    return Part(Section(tuple(parts), css="economy"))


def balance(report: AnnualReport) -> list[Node]:
    e, year = report.economy, report.period.year
    rows = [["Årets resultat mot kommunbidraget", fmt.number(e.result, sign=True)],
            *([item, fmt.number(amount, sign=True)] for item, amount in e.balance_items)]
    kept = "har hållit" if e.result >= 0 else "har inte hållit"
    return [Heading(3, ("Balanskravsresultat",)),
            Paragraph((f"Nämnden {kept} sin budgetram: resultatet mot kommunbidraget är "
                       f"{fmt.number(e.result, sign=True)} tkr. Nämndens del av kommunens balanskravsresultat blir "
                       f"{fmt.number(e.balance_result, sign=True)} tkr; balanskravsresultatet fastställs för kommunen "
                       "som helhet i årsredovisningen.",)),
            table(["Balanskravsutredning (tkr)", str(year)], rows,
                  foot=["Nämndens del av balanskravsresultatet", fmt.number(e.balance_result, sign=True)],
                  numeric=(1,), css="balance", caption=f"Från årets resultat till balanskravsresultat {year}, tkr.")]


def forecast_accuracy(report: AnnualReport) -> list[Node]:
    f, year = report.forecasts, report.period.year
    head: list[Node] = [Heading(3, ("Prognossäkerhet",))]
    if not f:
        return head + [Paragraph((f"Ingen helårsprognos gjordes under {year}.",))]
    worst = max(f, key=lambda x: abs(x.deviation))
    mean = sum(abs(x.deviation) for x in f) / len(f)
    rows = [[x.label, fmt.tkr(x.forecast), fmt.tkr(x.deviation), fmt.percent(x.deviation_percent)] for x in f]
    return head + [
        Paragraph((f"Under året gjordes {fmt.counted(len(f), 'helårsprognos', 'helårsprognoser')}; här jämförs de "
                   f"med årets utfall, {fmt.tkr(f[0].outcome)} tkr. De avvek i genomsnitt {fmt.mnkr(mean)} från "
                   f"utfallet, mest prognosen i {worst.label} ({fmt.mnkr(worst.deviation)}).",)),
        table(["Prognos gjord i", "Helårsprognos", "Prognos − utfall", "Avvikelse %"], rows, numeric=(1, 2, 3),
              css="forecast-accuracy",
              caption=f"Helårsprognoserna {year} mot årets utfall, tkr. Positiv avvikelse: prognosen var lägre "
                      "kostnad än utfallet."),
        figure(forecast_accuracy_chart([x.label for x in f], [x.deviation for x in f]),
               "Prognosens avvikelse från årets utfall per månad: "
               + "; ".join(f"{x.label} {fmt.mnkr(x.deviation)}" for x in f) + ".",
               "Helårsprognosens avvikelse från utfallet, mnkr.", css="bars")]


def staff(report: AnnualReport) -> Part:
    year = report.period.year
    parts: list[Node] = [Heading(2, ("Personal",))]
    now = next((s for s in report.staff if s.year == year), None)
    before = next((s for s in report.staff if s.year == year - 1), None)
    if now is None:
        parts.append(Paragraph((f"Underlaget har inga personalnyckeltal för {year}. Vid årets slut hade "
                                f"förvaltningens enheter {fmt.number(report.staff_units.total, 1)} "
                                "tillsvidareanställda årsarbetare.",)))
    else:
        rows = [_staff_row("Årsarbetare, tillsvidareanställda", now.fte, before and before.fte, ""),
                _staff_row("Sjukfrånvaro", now.sick_leave, before and before.sick_leave, "%"),
                _staff_row("Personalomsättning", now.turnover, before and before.turnover, "%")]
        parts.append(table(["Nyckeltal", str(year - 1), str(year), "Förändring"], rows, numeric=(1, 2, 3),
                           css="staff", caption=f"Personalnyckeltal {year - 1} och {year}."))
    if report.staff_text:
        parts.append(Group(markdown(report.staff_text, 2), css="analysis"))
    return Part(Section(tuple(parts), css="staff"))


def _staff_row(name: str, now: float, before: float | None, unit: str) -> list[str]:
    """A staff figure this year and the year before, and the change: in percentage points for a share."""
    shown = (lambda v: fmt.percent(v, 1)) if unit == "%" else (lambda v: fmt.number(v, 1))
    if before is None:
        return [name, fmt.DASH, shown(now), fmt.DASH]
    change = fmt.number(now - before, 1, sign=True) + (" procentenheter" if unit == "%" else "")
    return [name, shown(before), shown(now), change]


def _value(label: str, risk) -> tuple:
    return (f"{label}: ", risk.value_text if risk else fmt.DASH, f" ({risk.band.label.lower()})"
            if risk and risk.band else "")


def _risk_row(r: RiskFollowUp) -> list:
    p = r.planned
    follow_up = ("Inte uppföljd" if r.actions_done is None else
                 content(f"Åtgärderna genomförda: {r.actions_done}", Break(),
                         Span("strong", ("Risken inträffade",)) if r.materialised else "Risken inträffade inte"))
    return [content(Span("strong", (p.risk_id,)), " ", p.text), action_list(p.actions), follow_up,
            content(*_value("I planen", p), Break(), *_value("Vid årets slut", r.closing)),
            r.comment or fmt.DASH]


def risks(report: AnnualReport) -> Part:
    year = report.period.year
    parts: list[Node] = [Heading(2, ("Uppföljning av riskhanteringsplanen",))]
    if not report.risks:
        parts.append(Paragraph((f"Riskhanteringsplanen för {year} har inga risker i underlaget.",)))
        return Part(Section(tuple(parts), css="risks"))
    happened = [r.planned.risk_id for r in report.risks if r.materialised]
    parts += [
        Paragraph((f"Riskhanteringsplanen för {year} hade {fmt.counted(len(report.risks), 'risk', 'risker')}, "
                   "här följda upp vid årets slut. "
                   + (f"Inträffade under året: {', '.join(happened)}." if happened else
                      "Ingen av riskerna inträffade under året."),)),
        table(["Risk", "Planerade åtgärder", "Uppföljning", "Riskvärde", "Bedömning vid årets slut"],
              [_risk_row(r) for r in report.risks], css="risk-follow-up",
              caption=f"Riskhanteringsplan {year} följd upp. Riskvärde = sannolikhet × konsekvens, i planen och "
                      "vid årets slut.")]
    parts += [adjustment_note(f"{r.planned.risk_id} bedömd vid årets slut"
                              + (f" till {r.closing.value_text}" if r.override.get("sannolikhet") is not None else "")
                              + (f": {r.override.get('bedomning')}" if r.override.get("bedomning") else ""),
                              r.override.reason, r.override.by, r.override.at) for r in report.risks if r.override]
    return Part(Section(tuple(parts), css="risks"))


def internal_control(report: AnnualReport) -> Part:
    year = report.period.year
    parts: list[Node] = [Heading(2, ("Uppföljning av intern kontroll",))]
    points = report.internal_control
    if not points:
        parts.append(Paragraph((f"Underlaget har ingen internkontrollplan för {year}.",)))
    else:
        found = sum(p.deviation for p in points)
        parts += [Paragraph((f"Internkontrollplanen för {year} hade "
                             f"{fmt.counted(len(points), 'kontrollmoment', 'kontrollmoment', True)}. "
                             + (f"{found} av dem visade avvikelser." if found else "Inget visade avvikelser."),)),
                  table(["Process och kontrollmoment", "Metod", "Resultat", "Avvikelse", "Åtgärd"],
                        [[content(Span("strong", (p.process,)), Break(), p.point), p.method or fmt.DASH, p.result,
                          "Ja" if p.deviation else "Nej", p.action or fmt.DASH] for p in points],
                        css="internal-control", caption=f"Uppföljning av internkontrollplanen {year}.")]
    return Part(Section(tuple(parts), css="internal-control"))


def outlook(report: AnnualReport) -> Part:
    return text_section("Framtid och utmaningar", report.outlook, "outlook", "Inget framåtblickande avsnitt är "
                                                                              "skrivet för året.")


def about(report: AnnualReport) -> Part:
    legend = [(assessment_badge(v), f" – målet är {v}") for v in YEAR_ASSESSMENTS]
    legend += [(badge(s), f" – {s.meaning}") for s in Status]
    return Part(Section((
        Heading(2, ("Om rapporten",)),
        Paragraph((report.rule_text,)),
        Paragraph((f"Månadernas utfall är förvaltningens sammanvägda bedömning i månadsrapporterna; "
                   f"december ingår i {report.december.name_sv}.",)),
        Paragraph((report.budget_rule,)),
        ItemList(tuple(legend), css="legend")), css="about"))
