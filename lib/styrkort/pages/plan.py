"""The annual plan's sections (nämnd- och förvaltningsplan), in the seed's order."""

from __future__ import annotations

from styrkort.data import fmt
from styrkort.data.bridge import Bridge
from styrkort.data.periods import MONTHS_LONG
from styrkort.document.markdown import markdown
from styrkort.document.model import Break, Content, Heading, ItemList, Node, Paragraph, Section, Span, content
from styrkort.document.part import Part
from styrkort.pages.charts import risk_heatmap, waterfall_chart
from styrkort.pages.elements import adjustment_note, badge, figure, table, text_section
from styrkort.pages.indicators import target_text
from styrkort.reports.budget import NetCostTable
from styrkort.reports.indicators import ACCOUNT, TARGETS
from styrkort.reports.plan import AnnualPlan, Appendix, PlanArea, PlanIndicator
from styrkort.reports.risks import Action, Risk, band_of, band_range, risk_grid


def priorities(plan: AnnualPlan) -> Part:
    return text_section("Politiska prioriteringar", plan.priorities, "priorities",
                        "Inga politiska prioriteringar angivna.", 1)


def situation(plan: AnnualPlan) -> Part:
    return text_section("Nuläges- och omvärldsanalys", plan.situation, "situation", "Ingen nulägesanalys angiven.", 1)


def vision(plan: AnnualPlan) -> Part:
    return text_section("Vision och mål", plan.vision, "vision", "Ingen vision angiven.", 1)


_DIRECTION = {"öka": "ökning jämfört med {y}", "minska": "minskning jämfört med {y}",
              "behålla": "behålla eller öka jämfört med {y}"}


def indicator_text(i: PlanIndicator, year: int) -> str:
    if i.direction == ACCOUNT:
        return i.name
    if i.direction in TARGETS:
        return f"{i.name} (mål: {target_text(i.direction, i.target, i.target_max, i.unit, i.decimals)})"
    return f"{i.name} ({_DIRECTION[i.direction].format(y=i.baseline_year)})"


def area(a: PlanArea, year: int, administration: str = "förvaltningen") -> Part:
    parts: list[Node] = [
        Heading(2, (f"Målområde {a.number}: {a.heading}",)),
        Paragraph(content(Span("strong", ("Kommunövergripande mål:",)), " ", a.council_goal), css="council-goal")]
    if len(a.assignments) == 1:
        parts += [Heading(3, ("Politiskt uppdrag från kommunplanen",)), Paragraph(a.assignments)]
    elif a.assignments:
        parts += [Heading(3, ("Politiska uppdrag från kommunplanen",)),
                  ItemList(tuple((u,) for u in a.assignments), css="assignments")]
    elif a.assignment:
        parts += [Heading(3, ("Politiskt uppdrag från kommunplanen",)), *markdown(a.assignment, 3)]
    if a.priorities:
        parts += [Heading(3, ("Nämndens inriktning och prioriteringar",)), *markdown(a.priorities, 3)]
    parts.append(Heading(3, ("Nämnd- och förvaltningsmål",)))
    parts.append(ItemList(tuple((g,) for g in a.board_goals), css="goals") if a.board_goals
                 else Paragraph(("Inget nämndmål angivet.",)))
    indicators = [(indicator_text(i, year),) for i in a.indicators]
    indicators.append(("Verksamheternas sammanvägda bedömning och analys om verksamheterna når målet under året.",))
    parts += [Heading(3, ("Indikatorer och bedömning",)), ItemList(tuple(indicators))]
    if a.agenda_2030:
        parts += [Heading(3, ("Bidrag till Agenda 2030",)),
                  Paragraph((f"Genom att arbeta mot det här målområdet bidrar {administration} framförallt till följande "
                             "mål i Agenda 2030:",)),
                  ItemList(tuple((f"Mål {n}: {name}",) for n, name in a.agenda_2030), css="agenda-2030")]
    return Part(Section(tuple(parts), css="plan-area", id=f"malomrade-{a.number}"))


def areas(plan: AnnualPlan) -> Part:
    administration = plan.header.administration[:1].lower() + plan.header.administration[1:]
    return Part(*(area(a, plan.year, administration).nodes for a in plan.areas))


def accessibility(plan: AnnualPlan) -> Part:
    rows = [[a.text, a.comment or fmt.DASH, badge(a.status)] for a in plan.activities]
    body = (table(["Aktivitet", "Kommentar", "Bedömning"], rows, css="activities") if rows
            else Paragraph(("Inga aktiviteter angivna.",)))
    return Part(Section((Heading(2, ("Aktiviteter från tillgänglighetsplanen",)), body), css="accessibility"))


def heatmap_alt(risks: tuple[Risk, ...]) -> str:
    placed = [f"{r.risk_id} i cellen sannolikhet {r.probability}, konsekvens {r.consequence} (riskvärde {r.value}, "
              f"{r.band.label.lower()})" for r in risks if r.placed]
    rest = [f"{r.risk_id} ({r.value_text})" for r in risks if not r.placed]
    text = "Riskmatris med sannolikhet mot konsekvens. " + ("; ".join(placed) + "." if placed else "Inga placerade risker.")
    return text + (f" Ej placerade: {'; '.join(rest)}." if rest else "")


def action_list(actions: tuple[Action, ...]) -> Node:
    """The actions as a list, a lead-in's steps nested under it."""
    if not actions:
        return fmt.DASH
    return ItemList(tuple(content(a.text, ItemList(tuple((s,) for s in a.steps)) if a.steps else None)
                          for a in actions))


def risks(plan: AnnualPlan) -> Part:
    s = plan.risk_settings
    rows = [[r.risk_id, r.area_name, r.text, content(r.value_text, [Break(), r.band.label] if r.band else None),
             action_list(r.actions), r.assessment or fmt.DASH] for r in plan.risks]
    bands = ", ".join(f"{b.label} {band_range(s, i)}" for i, b in enumerate(s.bands))
    unplaced = [r for r in plan.risks if not r.placed]
    parts: list[Node] = [
        Heading(2, ("Riskhantering",)), *markdown(plan.risk_intro, 2),
        table(["ID", "Målområde", "Risk", "Riskvärde och nivå", "Åtgärder", "Bedömning av åtgärder"], rows,
              css="risk-register", row_headers=True,
              caption=f"Riskhanteringsplan {plan.year}. Riskvärde = sannolikhet × konsekvens, vardera "
                      f"1{fmt.DASH}{s.scale}; nivåer: {bands}."),
        Heading(3, ("Riskmatris",)),
        figure(risk_heatmap(risk_grid(list(plan.risks), s.scale), s.scale, lambda v: band_of(v, s)[0]),
               heatmap_alt(plan.risks), f"Riskerna placerade efter sannolikhet och konsekvens. Nivåer: {bands}.",
               css="heatmap")]
    if unplaced:
        parts.append(Paragraph(("Risker utan sannolikhet och konsekvens placeras inte i matrisen: "
                                + ", ".join(f"{r.risk_id} ({r.value_text})" for r in unplaced) + ".",)))
    parts += risk_adjustments(plan)
    return Part(Section(tuple(parts), css="risks"))


def risk_adjustments(plan: AnnualPlan) -> list[Paragraph]:
    stated = {r.risk_id: r for r in plan.stated_risks}
    now = {r.risk_id: r for r in plan.risks}

    def what(e) -> str:
        risk = e.get("risk")
        parts = []
        if e.get("sannolikhet") is not None:
            parts.append(f"bedömd efter åtgärder till {now[risk].value_text} (i underlaget {stated[risk].value_text})")
        if e.get("bedomning"):
            parts.append(f"åtgärderna bedömda: {e.get('bedomning')}")
        return f"{risk} " + "; ".join(parts)

    return [adjustment_note(what(e), e.reason, e.by, e.at) for e in plan.risk_adjustments]


def staff(plan: AnnualPlan) -> Content:
    units = plan.staff.units
    rows = [[name, activity, fmt.number(fte, 1)] for name, activity, fte in units]
    return (Paragraph((f"Inom förvaltningen arbetar {fmt.number(plan.staff.total, 1)} tillsvidareanställda "
                       f"årsarbetare fördelat på {fmt.count_word(len(units))} enheter.",)),
            table(["Enhet", "Verksamhet", "Årsarbetare"], rows, foot=["Totalt", "", fmt.number(plan.staff.total, 1)],
                  numeric=(2,), css="staff", caption="Tillsvidareanställda årsarbetare per enhet."))


_COLUMN_NAMES = {"outcome": "utfall", "forecast": "prognos", "budget": "budget"}
_SUPERSCRIPTS = " ¹²³"


def net_costs(t: NetCostTable, board_short: str) -> Content:
    y = t.year
    head = ["Nettokostnad per verksamhet (tkr)", f"Utfall {y - 2}", f"{t.forecast_label} {y - 1}*", f"Budget {y}"]
    rows = [[r.activity, fmt.tkr(r.outcome), fmt.tkr(r.forecast), fmt.tkr(r.budget)] for r in t.rows]
    shown = t.stated or t.computed
    label = t.forecast_label[:1].lower() + t.forecast_label[1:]  # "Prognos T2" → "prognos T2"
    notes = [f"* Avser {label}."]
    # A stated total that the rounded rows do not add up to keeps its figure, with a footnote that
    # says what the rows add up to, as a finance department prints it.
    marks = {}
    for n, (col, computed, stated) in enumerate(t.differences(), start=1):
        marks[col] = _SUPERSCRIPTS[n]
        notes.append(f"{marks[col]} Raderna för {_COLUMN_NAMES[col]} summerar till {fmt.tkr(computed)} tkr medan "
                     f"angiven total är {fmt.tkr(stated)} tkr; skillnaden beror på att varje belopp är avrundat.")
    foot = [f"Resultat {board_short}"] + [fmt.tkr(getattr(shown, col)) + marks.get(col, "")
                                          for col in ("outcome", "forecast", "budget")]
    return (table(head, rows, foot=foot, numeric=(1, 2, 3), css="net-costs",
                  caption=f"Budget {y}: nettokostnad per verksamhet, tkr."),
            *(Paragraph((n,), css="note") for n in notes))


def bridge_alt(b: Bridge) -> str:
    steps = "; ".join(f"{s.label} {'ökar' if s.amount < 0 else 'minskar'} med {fmt.tkr(abs(s.amount))} tkr"
                      for s in b.steps)
    return (f"Vattenfallsdiagram: {b.start.label} {fmt.tkr(abs(b.start.amount))} tkr; {steps}; "
            f"{b.end.label} {fmt.tkr(abs(b.end.amount))} tkr.")


def bridge_adjustments(plan: AnnualPlan) -> list[Paragraph]:
    b, stated = plan.bridge, plan.stated_bridge
    if not plan.bridge_adjustments or b is None or stated is None:
        return []
    before = {s.label: s for s in stated.steps}
    notes = []
    for e in plan.bridge_adjustments:
        step = next(s for s in b.steps if s.label == e.get("steg"))
        was = before[step.label]
        rate = (f" {fmt.percent(step.rate, 1)} (i underlaget {fmt.percent(was.rate, 1)})"
                if e.get("procent") is not None else "")
        notes.append(adjustment_note(f"{step.label}{rate}: {fmt.tkr(step.amount)} tkr (i underlaget "
                                     f"{fmt.tkr(was.amount)} tkr)", e.reason, e.by, e.at))
    notes.append(Paragraph((f"{b.end.label} är beräknat från de justerade stegen: {fmt.tkr(b.end.amount)} "
                            f"tkr (i underlaget {fmt.tkr(stated.end.amount)} tkr).",), css="adjusted"))
    return notes


def allocation(plan: AnnualPlan) -> Part:
    b = plan.bridge
    rows = [[b.start.label, fmt.tkr(b.start.amount)]]
    rows += [[s.label_signed, fmt.tkr(s.amount)] for s in b.steps]
    chart = waterfall_chart([b.start.label] + [s.label + (f" {fmt.percent(s.rate, 1)}" if s.rate else "")
                                               for s in b.steps] + [b.end.label],
                            b.start.amount, [s.amount for s in b.steps], b.end.amount)
    comments: list[Node] = []
    for s in b.steps:
        if s.comment:
            comments += [Heading(4, (s.label[:1].upper() + s.label[1:],)), *markdown(s.comment, 3)]
    return Part(Paragraph((f"{b.change_text()}.",)), *bridge_adjustments(plan),
                table(["Kommunbidrag (tkr)", "Belopp"], rows, foot=[b.end.label, fmt.tkr(b.end.amount)],
                      numeric=(1,), css="bridge",
                      caption="Förändring av kommunbidraget; negativt belopp ökar bidraget (nettokostnadens tecken)."),
                figure(chart, bridge_alt(b), "Kommunbidragets förändring som vattenfall, tkr. Axeln börjar inte på noll.",
                       css="waterfall"),
                comments)


def resources(plan: AnnualPlan) -> Part:
    parts: list[Node] = [Heading(2, ("Resurser",)), Heading(3, ("Organisation och personal",)),
                         *markdown(plan.resources_intro, 3), *staff(plan)]
    if plan.net_costs is not None:
        parts += [Heading(3, (f"Budget {plan.year}",)), *net_costs(plan.net_costs, plan.header.board_short)]
    if plan.bridge is not None:
        parts += [Heading(3, ("Kommunbidrag",)), *allocation(plan).nodes]
    return Part(Section(tuple(parts), css="resources"))


def rates(plan: AnnualPlan) -> Part:
    parts: list[Node] = [Heading(2, ("Ersättningsnivåer",))]
    services: dict[str, list] = {}
    for r in plan.rates:
        services.setdefault(r.service, []).append(r)
    for service, items in services.items():
        parts.append(Heading(3, (service,)))
        parts += [Paragraph((r.description,)) for r in items if r.description]
        rows = [[r.variant or service, f"{fmt.number(r.amount)} {r.per}"] for r in items]
        parts.append(table(["Ersättning", "Belopp"], rows, css="rates", numeric=(1,)))
    if not services:
        parts.append(Paragraph(("Inga ersättningsnivåer angivna.",)))
    return Part(Section(tuple(parts), css="rates"))


def appendices(plan: AnnualPlan) -> Part:
    return Part(*(Section(content(Heading(2, (a.title,)), markdown(a.body, 1), year_wheel(a, plan.year)),
                          css="appendix", id=f"bilaga-{a.number}")
                  for a in plan.appendices))


def year_wheel(a: Appendix, year: int) -> Node | None:
    """The year's wheel as a table: each month and what happens in it."""
    if not a.wheel:
        return None
    rows = [[MONTHS_LONG[m - 1].capitalize(), ItemList(tuple((x,) for x in things))] for m, things in a.wheel]
    return table(["Månad", "Vad som sker"], rows, css="year-wheel", caption=f"Årshjul {year}")
