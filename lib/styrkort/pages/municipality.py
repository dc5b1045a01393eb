"""The municipality's summary of every board: what each board reported, side by side."""

from __future__ import annotations

from styrkort.data import fmt
from styrkort.data.status import NOT_ASSESSED, Status
from styrkort.document.model import Heading, ItemList, Link, Node, Paragraph, Section, Span, content
from styrkort.document.part import Part
from styrkort.pages.charts import deviation_bars
from styrkort.pages.elements import badge, figure, marked, table
from styrkort.pages.monthly import status_count
from styrkort.reports.municipality import BoardSummary, MunicipalityReport


def scope(report: MunicipalityReport) -> Part:
    """What the summary rests on, and which boards it lacks."""
    reported = [b for b in report.boards if not b.missing]
    parts: list[Node] = [Paragraph((
        f"Sammanställningen bygger på nämndernas egna rapporter för {report.period.name_sv}, från "
        f"{len(reported)} av kommunens {len(report.boards)} nämnder. Siffrorna är desamma som i nämndernas "
        "rapporter, med deras egna inställningar och justeringar.",), css="scope")]
    parts += [Paragraph((Span("strong", (f"{b.name}:",)), f" {b.missing}"), css="missing")
              for b in report.boards if b.missing]
    return Part(*parts)


def _report_link(b: BoardSummary) -> Node:
    return Link(b.report_href, (b.report_title,), local=True) if b.report_href else fmt.DASH


def goals(report: MunicipalityReport) -> Part:
    """Every board's goal areas with their status for the period."""
    rows = []
    for b in report.boards:
        if b.missing:
            rows.append([b.name, "Ingen rapport för perioden.", fmt.DASH])
            continue
        areas = ItemList(tuple(content(f"{a.number}. {a.name} ", marked(badge(a.status), a.set_by_hand))
                               for a in b.areas), css="board-areas")
        rows.append([b.name, areas, _report_link(b)])
    counts = {s: sum(a.status is s for b in report.boards for a in b.areas) for s in Status}
    total = sum(counts.values())
    return Part(Section((
        Heading(2, ("Måluppfyllelse per nämnd",)),
        Paragraph((f"Nämnderna har tillsammans {total} målområden med utfall för perioden: "
                   + ", ".join(status_count(s, counts[s]) for s in Status) + ".",)),
        table(["Nämnd", "Målområden och utfall", "Nämndens rapport"], rows, css="board-goals",
              caption=f"Nämndernas utfall per målområde, {report.period.name_sv}.")), css="board-goals"))


def economy(report: MunicipalityReport) -> Part:
    """Every board's full-year forecast against its allocation, the total, and at T2 the balance."""
    rows = [[b.name, fmt.tkr(b.budget), fmt.tkr(b.forecast), fmt.tkr(b.deviation), fmt.percent(b.deviation_percent),
             badge(b.status, NOT_ASSESSED) if b.deviation is not None else fmt.DASH] for b in report.boards]
    counted = report.with_forecast
    parts: list[Node] = [Heading(2, ("Ekonomi – nämndernas helårsprognos",))]
    if counted:
        verdict = "ett överskott" if report.deviation >= 0 else "ett underskott"
        parts.append(Paragraph((
            f"Nämndernas samlade helårsprognos är {fmt.tkr(report.forecast)} tkr mot kommunbidrag på "
            f"{fmt.tkr(report.budget)} tkr, {verdict} på {fmt.tkr(abs(report.deviation))} tkr "
            f"({fmt.percent(report.deviation_percent)}). Budgetavvikelse: ", badge(report.status))))
    parts.append(table(
        ["Nämnd (tkr)", "Kommunbidrag", "Helårsprognos", "Avvikelse", "Avvikelse %", "Bedömning"], rows,
        foot=["Totalt", fmt.tkr(report.budget), fmt.tkr(report.forecast), fmt.tkr(report.deviation),
              fmt.percent(report.deviation_percent), badge(report.status, NOT_ASSESSED)] if counted else None,
        numeric=(1, 2, 3, 4), css="board-economy",
        caption="Nettokostnad, tkr. Avvikelse = helårsprognos − kommunbidrag; positiv är lägre kostnad. Varje "
                "nämnds bedömning följer dess egna gränser; totalen kommunens."))
    if len(counted) < len(report.boards):
        parts.append(Paragraph(("Nämnder utan helårsprognos för perioden räknas inte in i totalen.",), css="basis"))
    if counted:
        parts.append(figure(deviation_bars([b.name for b in counted], [b.deviation for b in counted],
                                           "Helårsprognos − kommunbidrag, mnkr"),
                            "Helårsprognosens avvikelse mot kommunbidraget per nämnd: "
                            + "; ".join(f"{b.name} {fmt.mnkr(b.deviation)}" for b in counted) + ".",
                            "Prognostiserad avvikelse mot kommunbidraget per nämnd, mnkr.", css="bars"))
    if report.balance_checked and counted:
        kept = "håller" if report.deviation >= 0 else "håller inte"
        parts += [Heading(3, ("Balanskrav",)),
                  Paragraph((f"Nämnderna {kept} tillsammans sina kommunbidrag: prognosen är "
                             f"{fmt.number(report.deviation, sign=True)} tkr mot kommunbidragen för helåret. "
                             "Balanskravsresultatet fastställs för kommunen som helhet, med skatteintäkter och "
                             "finansnetto, som inte ingår i nämndernas rapporter.",))]
    return Part(Section(tuple(parts), css="economy"))


def about(report: MunicipalityReport) -> Part:
    return Part(Section((
        Heading(2, ("Om rapporten",)),
        Paragraph(("Varje nämnds utfall per målområde och ekonomi är hämtade ur nämndens egen rapport för "
                   "perioden, beräknade med nämndens regler och med de justeringar förvaltningen sparat. "
                   "Kommunbidraget är nämndens budget för året.",)),
        ItemList(tuple((badge(s), f" – {s.meaning}") for s in Status), css="legend")), css="about"))
