"""HTML fragments of the annual plan (nämnd- och förvaltningsplan), in the seed's order."""

from __future__ import annotations

from styrkort.data import fmt
from styrkort.data.bridge import Bridge
from styrkort.html.charts import risk_heatmap, waterfall_chart
from styrkort.html.elements import Html, adjustment_note, badge, figure, join, table
from styrkort.html.textsafe import esc, markdown
from styrkort.reports.budget import NetCostTable
from styrkort.reports.plan import AnnualPlan, PlanArea, PlanIndicator
from styrkort.reports.risks import Risk, band_of, band_range, risk_grid


def _text_section(title: str, text: str | None, css: str, missing: str) -> Html:
    body = markdown(text, 1) if text else f"<p>{esc(missing)}</p>"
    return Html(f'<section class="{css}"><h2>{esc(title)}</h2>{body}</section>')


def priorities(plan: AnnualPlan) -> Html:
    return _text_section("Politiska prioriteringar", plan.priorities, "priorities",
                         "Inga politiska prioriteringar angivna.")


def situation(plan: AnnualPlan) -> Html:
    return _text_section("Nuläges- och omvärldsanalys", plan.situation, "situation", "Ingen nulägesanalys angiven.")


def vision(plan: AnnualPlan) -> Html:
    return _text_section("Vision och mål", plan.vision, "vision", "Ingen vision angiven.")


_DIRECTION = {"öka": "ökning jämfört med {y}", "minska": "minskning jämfört med {y}",
              "behålla": "behålla eller öka jämfört med {y}"}


def indicator_text(i: PlanIndicator, year: int) -> str:
    if i.direction == "mål":
        target = fmt.percent(i.target, 0) if i.unit == "%" else f"{fmt.number(i.target)} {i.unit}".strip()
        return f"{i.name} (mål: {target})"
    return f"{i.name} ({_DIRECTION[i.direction].format(y=year - 1)})"


def area(a: PlanArea, year: int) -> Html:
    goals = "".join(f"<li>{esc(g)}</li>" for g in a.board_goals)
    indicators = "".join(f"<li>{esc(indicator_text(i, year))}</li>" for i in a.indicators)
    parts = [f'<section class="plan-area" id="malomrade-{a.number}">',
             f"<h2>Målområde {a.number}: {esc(a.heading)}</h2>",
             f'<p class="council-goal"><span class="label">Kommunövergripande mål:</span> {esc(a.council_goal)}</p>']
    if a.assignment:
        parts += ["<h3>Politiskt uppdrag från kommunplanen</h3>", markdown(a.assignment, 3)]
    if a.priorities:
        parts += ["<h3>Nämndens inriktning och prioriteringar</h3>", markdown(a.priorities, 3)]
    parts += ["<h3>Nämnd- och förvaltningsmål</h3>", f'<ul class="goals">{goals}</ul>' if goals else
              "<p>Inget nämndmål angivet.</p>"]
    parts += ["<h3>Indikatorer och bedömning</h3>",
              f"<ul>{indicators}<li>Verksamheternas sammanvägda bedömning och analys om verksamheterna når målet "
              "under året.</li></ul>", "</section>"]
    return join(parts)


def areas(plan: AnnualPlan) -> Html:
    return join(area(a, plan.year) for a in plan.areas)


def accessibility(plan: AnnualPlan) -> Html:
    rows = [[esc(a.text), esc(a.comment) or fmt.DASH, badge(a.status)] for a in plan.activities]
    body = (table(["Aktivitet", "Kommentar", "Bedömning"], rows, css="activities") if rows
            else "<p>Inga aktiviteter angivna.</p>")
    return Html(f'<section class="accessibility"><h2>Aktiviteter från tillgänglighetsplanen</h2>{body}</section>')


def heatmap_alt(risks: tuple[Risk, ...]) -> str:
    placed = [f"{r.risk_id} i cellen sannolikhet {r.probability}, konsekvens {r.consequence} (riskvärde {r.value}, "
              f"{r.band.label.lower()})" for r in risks if r.placed]
    rest = [f"{r.risk_id} ({r.value_text})" for r in risks if not r.placed]
    text = "Riskmatris med sannolikhet mot konsekvens. " + ("; ".join(placed) + "." if placed else "Inga placerade risker.")
    return text + (f" Ej placerade: {'; '.join(rest)}." if rest else "")


def risks(plan: AnnualPlan) -> Html:
    s = plan.risk_settings
    rows = []
    for r in plan.risks:
        actions = "".join(f"<li>{esc(a)}</li>" for a in r.actions)
        level = f"<br>{esc(r.band.label)}" if r.band else ""
        rows.append([esc(r.risk_id), esc(r.area_name), esc(r.text), esc(r.value_text) + level,
                     f"<ul>{actions}</ul>" if actions else fmt.DASH, esc(r.assessment) or fmt.DASH])
    bands = ", ".join(f"{esc(b.label)} {band_range(s, i)}" for i, b in enumerate(s.bands))
    unplaced = [r for r in plan.risks if not r.placed]
    note = ""
    if unplaced:
        note = ("<p>Risker utan sannolikhet och konsekvens placeras inte i matrisen: "
                + ", ".join(f"{esc(r.risk_id)} ({esc(r.value_text)})" for r in unplaced) + ".</p>")
    parts = ['<section class="risks"><h2>Riskhantering</h2>', markdown(plan.risk_intro, 2),
             table(["ID", "Målområde", "Risk", "Riskvärde och nivå", "Åtgärder", "Bedömning av åtgärder"], rows,
                   css="risk-register", row_headers=True,
                   caption=f"Riskhanteringsplan {plan.year}. Riskvärde = sannolikhet × konsekvens, vardera "
                           f"1{fmt.DASH}{s.scale}; nivåer: {bands}."),
             "<h3>Riskmatris</h3>",
             figure(risk_heatmap(risk_grid(list(plan.risks), s.scale), s.scale, lambda v: band_of(v, s)[0]),
                    heatmap_alt(plan.risks), f"Riskerna placerade efter sannolikhet och konsekvens. Nivåer: {bands}.",
                    css="heatmap"),
             note, risk_adjustments(plan), "</section>"]
    return join(parts)


def risk_adjustments(plan: AnnualPlan) -> str:
    stated = {r.risk_id: r for r in plan.stated_risks}
    now = {r.risk_id: r for r in plan.risks}
    def what(e) -> str:
        risk = e.get("risk")
        parts = []
        if e.get("sannolikhet") is not None:
            parts.append(f"bedömd efter åtgärder till {esc(now[risk].value_text)} (i underlaget "
                         f"{esc(stated[risk].value_text)})")
        if e.get("bedomning"):
            parts.append(f"åtgärderna bedömda: {esc(e.get('bedomning'))}")
        return f"{esc(risk)} " + "; ".join(parts)

    return "".join(adjustment_note(what(e), e.reason, e.by, e.at) for e in plan.risk_adjustments)


def staff(plan: AnnualPlan) -> str:
    units = plan.staff.units
    rows = [[esc(name), esc(activity), fmt.number(fte, 1)] for name, activity, fte in units]
    return (f"<p>Inom förvaltningen arbetar {fmt.number(plan.staff.total, 1)} tillsvidareanställda årsarbetare "
            f"fördelat på {fmt.count_word(len(units))} enheter.</p>"
            + table(["Enhet", "Verksamhet", "Årsarbetare"], rows, foot=["Totalt", "", fmt.number(plan.staff.total, 1)],
                    numeric=(2,), css="staff", caption="Tillsvidareanställda årsarbetare per enhet."))


_COLUMN_NAMES = {"outcome": "utfall", "forecast": "prognos", "budget": "budget"}


def net_costs(t: NetCostTable, board_short: str) -> str:
    y = t.year
    head = ["Nettokostnad per verksamhet (tkr)", f"Utfall {y - 2}", f"{esc(t.forecast_label)} {y - 1}*",
            f"Budget {y}"]
    rows = [[esc(r.activity), fmt.tkr(r.outcome), fmt.tkr(r.forecast), fmt.tkr(r.budget)] for r in t.rows]
    total_name = f"Resultat {esc(board_short)}"
    shown = t.stated or t.computed
    foot = [total_name, fmt.tkr(shown.outcome), fmt.tkr(shown.forecast), fmt.tkr(shown.budget)]
    label = t.forecast_label[:1].lower() + t.forecast_label[1:]  # "Prognos T2" → "prognos T2"
    notes = [f"* Avser {esc(label)}."]
    diffs = t.differences()
    if diffs:
        rows.append(["Summa av raderna", fmt.tkr(t.computed.outcome), fmt.tkr(t.computed.forecast),
                     fmt.tkr(t.computed.budget)])
        for col, computed, stated in diffs:
            notes.append(f"Raderna för {_COLUMN_NAMES[col]} summerar till {fmt.tkr(computed)} tkr medan angiven "
                         f"total är {fmt.tkr(stated)} tkr; skillnaden beror på att varje belopp är avrundat.")
    return (table(head, rows, foot=foot, numeric=(1, 2, 3), css="net-costs",
                  caption=f"Budget {y}: nettokostnad per verksamhet, tkr.")
            + "".join(f'<p class="note">{n}</p>' for n in notes))


def bridge_alt(b: Bridge) -> str:
    steps = "; ".join(f"{s.label} {'ökar' if s.amount < 0 else 'minskar'} med {fmt.tkr(abs(s.amount))} tkr"
                      for s in b.steps)
    return (f"Vattenfallsdiagram: {b.start.label} {fmt.tkr(abs(b.start.amount))} tkr; {steps}; "
            f"{b.end.label} {fmt.tkr(abs(b.end.amount))} tkr.")


def bridge_adjustments(plan: AnnualPlan) -> str:
    b, stated = plan.bridge, plan.stated_bridge
    if not plan.bridge_adjustments or b is None or stated is None:
        return ""
    before = {s.label: s for s in stated.steps}
    notes = []
    for e in plan.bridge_adjustments:
        step = next(s for s in b.steps if s.label == e.get("steg"))
        was = before[step.label]
        rate = (f" {fmt.percent(step.rate, 1)} (i underlaget {fmt.percent(was.rate, 1)})"
                if e.get("procent") is not None else "")
        notes.append(adjustment_note(f"{esc(step.label)}{rate}: {fmt.tkr(step.amount)} tkr (i underlaget "
                                     f"{fmt.tkr(was.amount)} tkr)", e.reason, e.by, e.at))
    notes.append(f'<p class="adjusted">{esc(b.end.label)} är beräknat från de justerade stegen: {fmt.tkr(b.end.amount)} '
                 f"tkr (i underlaget {fmt.tkr(stated.end.amount)} tkr).</p>")
    return "".join(notes)


def allocation(plan: AnnualPlan) -> str:
    b = plan.bridge
    adjusted = bridge_adjustments(plan)
    rows = [[esc(b.start.label), fmt.tkr(b.start.amount)]]
    rows += [[esc(s.label_signed), fmt.tkr(s.amount)] for s in b.steps]
    chart = waterfall_chart([b.start.label] + [s.label + (f" {fmt.percent(s.rate, 1)}" if s.rate else "")
                                               for s in b.steps] + [b.end.label],
                            -b.start.amount, [-s.amount for s in b.steps], -b.end.amount)
    comments = "".join(f"<h4>{esc(s.label[:1].upper() + s.label[1:])}</h4>{markdown(s.comment, 3)}"
                       for s in b.steps if s.comment)
    return (f"<p>{esc(b.change_text())}.</p>" + adjusted
            + table(["Kommunbidrag (tkr)", "Belopp"], rows, foot=[esc(b.end.label), fmt.tkr(b.end.amount)],
                    numeric=(1,), css="bridge",
                    caption="Förändring av kommunbidraget; negativt belopp ökar bidraget (nettokostnadens tecken).")
            + figure(chart, bridge_alt(b), "Kommunbidragets förändring som vattenfall, tkr. Axeln börjar inte på noll.",
                     css="waterfall")
            + comments)


def resources(plan: AnnualPlan) -> Html:
    parts = ['<section class="resources"><h2>Resurser</h2>', "<h3>Organisation och personal</h3>",
             markdown(plan.resources_intro, 3), staff(plan)]
    if plan.net_costs is not None:
        parts += [f"<h3>Budget {plan.year}</h3>", net_costs(plan.net_costs, plan.header.board_short)]
    if plan.bridge is not None:
        parts += ["<h3>Kommunbidrag</h3>", allocation(plan)]
    parts.append("</section>")
    return join(parts)


def rates(plan: AnnualPlan) -> Html:
    parts = ['<section class="rates"><h2>Ersättningsnivåer</h2>']
    services: dict[str, list] = {}
    for r in plan.rates:
        services.setdefault(r.service, []).append(r)
    for service, items in services.items():
        parts.append(f"<h3>{esc(service)}</h3>")
        parts += [f"<p>{esc(r.description)}</p>" for r in items if r.description]
        rows = [[esc(r.variant or service), f"{fmt.number(r.amount)} {esc(r.per)}"] for r in items]
        parts.append(table(["Ersättning", "Belopp"], rows, css="rates", numeric=(1,)))
    if not services:
        parts.append("<p>Inga ersättningsnivåer angivna.</p>")
    parts.append("</section>")
    return join(parts)


def appendices(plan: AnnualPlan) -> Html:
    return join(f'<section class="appendix" id="bilaga-{a.number}"><h2>{esc(a.title)}</h2>{markdown(a.body, 1)}'
                "</section>" for a in plan.appendices)
