"""The interim report's own sections; the goal sections are :mod:`styrkort.pages.monthly`'s."""

from __future__ import annotations

from styrkort.data import fmt
from styrkort.data.periods import MONTHS_SHORT, year_to_date
from styrkort.document.markdown import markdown
from styrkort.document.model import Group, Heading, Node, Paragraph, Section
from styrkort.pages.monthly import area, unit_table
from styrkort.document.part import Part
from styrkort.pages.charts import budget_forecast_chart
from styrkort.pages.elements import adjustment_note, badge, figure, table
from styrkort.reports.interim import InterimEconomy, InterimReport


def scope(report: InterimReport) -> Part:
    """What the goal sections of an interim report rest on."""
    return Part(Paragraph((f"Målområdenas utfall och enheternas resultat avser {report.as_of.name_sv}, "
                           "den sista rapportperioden i delåret. Måluppfyllelsen per månad visar hela perioden.",),
                          css="scope"))


def forecasts(report: InterimReport) -> Part:
    """Will each goal area's goals be met this year: the forecast and why."""
    rows = [[f"{f.area}. {f.name}", f.forecast[:1].upper() + f.forecast[1:] + (" (förslag)" if f.proposed else ""),
             f.reasoning] for f in report.forecasts]
    parts: list[Node] = [Heading(2, ("Prognos för målen under året",)),
                         table(["Målområde", "Prognos för året", "Motivering"], rows, css="goal-forecast",
                               caption=f"Förvaltningens prognos per målområde, {report.period.name_sv}")]
    if any(f.proposed for f in report.forecasts):
        parts.append(Paragraph(("Där förvaltningen inte har lämnat någon prognos föreslås en utifrån periodens utfall "
                                "(Grön: uppfylls, Gul: uppfylls delvis, Röd: uppfylls inte).",), css="basis"))
    return Part(Section(tuple(parts), css="goal-forecasts"))


def areas(report: InterimReport) -> Part:
    """The goal areas for the period, without the units' results (they are in the appendix)."""
    return Part(*(area(s, report.period.year, report.budget_target, units=False).nodes for s in report.areas))


def staff(report: InterimReport) -> Part:
    """The people: permanent FTEs as the period ends, per activity area."""
    s = report.staff
    by_activity: dict[str, float] = {}
    for _, activity, fte in s.units:
        by_activity[activity] = by_activity.get(activity, 0.0) + fte
    rows = [[activity, fmt.number(fte, 1)] for activity, fte in by_activity.items()]
    return Part(Section((
        Heading(2, ("Personal",)),
        Paragraph((f"När perioden slutade arbetade {fmt.number(s.total, 1)} tillsvidareanställda årsarbetare i "
                   f"förvaltningens {fmt.count_word(len(s.units))} enheter. Sjukfrånvaro och personalomsättning "
                   "redovisas under målområdena.",)),
        table(["Verksamhet", "Årsarbetare"], rows, foot=["Totalt", fmt.number(s.total, 1)], numeric=(1,),
              css="staff", caption=f"Tillsvidareanställda årsarbetare, {report.as_of.name_sv}.")), css="staff"))


def unit_appendix(report: InterimReport) -> Part:
    """Each unit's assessment per goal area as the period ends: the detail behind the summary."""
    parts: list[Node] = [Heading(2, ("Bilaga: Enheternas resultat",)),
                         Paragraph((f"Enheternas bedömningar och kommentarer för {report.as_of.name_sv}.",))]
    for s in report.areas:
        parts += [Heading(3, (f"{s.number}. {s.name}",)), unit_table(s)]
    return Part(Section(tuple(parts), css="appendix"))


def _months(e: InterimEconomy) -> str:
    return year_to_date(e.month.month)


def economy_alt(e: InterimEconomy) -> str:
    parts = [f"{r.activity}: budget {fmt.tkr(r.budget)} tkr, helårsprognos {fmt.tkr(r.forecast)} tkr"
             for r in e.rows]
    return "Budget och helårsprognos per verksamhet, nettokostnad. " + "; ".join(parts) + "."


def economy(report: InterimReport) -> Part:
    e, t = report.economy, report.economy.total
    months = _months(e)
    parts: list[Node] = [
        Heading(2, ("Ekonomi – utfall och helårsprognos",)),
        Paragraph((f"Utfallet för {months} är {fmt.tkr(t.outcome)} tkr mot en budget för perioden på "
                   f"{fmt.tkr(t.budget_to_date)} tkr, en avvikelse på {fmt.tkr(t.deviation_to_date)} tkr.",))]
    if t.forecast is not None:
        parts.append(Paragraph((f"Helårsprognosen är {fmt.tkr(t.forecast)} tkr mot en budget på {fmt.tkr(t.budget)} "
                                f"tkr, en avvikelse på {fmt.tkr(t.deviation)} tkr ({fmt.percent(t.deviation_percent)}). "
                                "Budgetavvikelse: ", badge(e.status))))
    if t.forecast_change is not None and e.previous_month is not None:
        since = ("delårsrapport 1" if e.previous_month.month == 4 and report.period.label == "T2"
                 else "föregående prognos")
        parts.append(Paragraph((f"Prognosen har förändrats med {fmt.mnkr(t.forecast_change)} sedan {since} "
                                f"({MONTHS_SHORT[e.previous_month.month - 1]} {e.previous_month.year}).",)))
    parts += [
        Heading(3, ("Utfall hittills i år",)),
        table(["Verksamhet (tkr)", f"Budget {months}", f"Utfall {months}", "Avvikelse"],
              [[r.activity, fmt.tkr(r.budget_to_date), fmt.tkr(r.outcome), fmt.tkr(r.deviation_to_date)]
               for r in e.rows],
              foot=["Totalt", fmt.tkr(t.budget_to_date), fmt.tkr(t.outcome), fmt.tkr(t.deviation_to_date)],
              numeric=(1, 2, 3), css="economy-table",
              caption=f"{e.basis} Avvikelse = utfall − budget; positiv är lägre kostnad än budget."),
        Heading(3, ("Helårsprognos per verksamhet",)),
        table(["Verksamhet (tkr)", "Budget", "Helårsprognos", "Avvikelse", "Avvikelse %", "Förändring av prognos"],
              [[r.activity, fmt.tkr(r.budget), fmt.tkr(r.forecast) + (" (justerad)" if r.adjustment else ""),
                fmt.tkr(r.deviation), fmt.percent(r.deviation_percent), fmt.number(r.forecast_change, sign=True)]
               for r in e.rows],
              foot=["Totalt", fmt.tkr(t.budget), fmt.tkr(t.forecast), fmt.tkr(t.deviation),
                    fmt.percent(t.deviation_percent), fmt.number(t.forecast_change, sign=True)],
              numeric=(1, 2, 3, 4, 5), css="economy-table",
              caption="Nettokostnad, tkr. Avvikelse = prognos − budget. Förändringen avser föregående prognos."),
    ]
    parts += [adjustment_note(f"prognosen för {r.activity} är ändrad med "
                              f"{fmt.number(r.adjustment.get('justering'), sign=True)} tkr till {fmt.tkr(r.forecast)} tkr",
                              r.adjustment.reason, r.adjustment.by, r.adjustment.at)
              for r in e.rows if r.adjustment]
    if all(r.forecast is not None for r in e.rows):
        parts.append(figure(budget_forecast_chart([r.activity for r in e.rows], [r.budget for r in e.rows],
                                                  [r.forecast for r in e.rows]),
                            economy_alt(e), "Budget och helårsprognos per verksamhet, mnkr.", css="bars"))
    if e.balance_checked and e.forecast_result is not None:
        verdict = ("Nämnden beräknas hålla sin budgetram och bidrar därmed positivt till kommunens balanskrav."
                   if e.keeps_balance else
                   f"Nämnden beräknas inte hålla sin budgetram: underskottet mot kommunbidraget är "
                   f"{fmt.tkr(-e.forecast_result)} tkr.")
        parts += [Heading(3, ("Balanskrav",)),
                  Paragraph((f"Prognostiserat resultat mot kommunbidraget för helåret: "
                             f"{fmt.number(e.forecast_result, sign=True)} tkr. {verdict} Balanskravsresultatet "
                             "fastställs för kommunen som helhet.",))]
    if report.economy_text:
        parts.append(Group(markdown(report.economy_text, 2), css="analysis"))
    return Part(Section(tuple(parts), css="economy"))
