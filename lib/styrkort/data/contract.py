"""The data contract: every file, column, type and allowed value, written down once.

:mod:`styrkort.data.loading` validates against these specs and ``docs/data.md`` is generated
from them (``styrkort docs``; a test keeps the committed file in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from styrkort.data.status import ALLOWED as STATUSES

# Column kinds and what a cell of that kind may hold: Swedish for error messages …
KINDS = {
    "text": "text",
    "integer": "heltal",
    "number": "tal; svensk form (1 234,5 eller −12) eller Excel-tal",
    "year": "år, fyra siffror",
    "month": "månad, ÅÅÅÅ-MM",
    "month_ahead": "månad, ÅÅÅÅ-MM (även en kommande månad)",
    "period": "rapportperiod: ÅÅÅÅ-MM, eller ÅÅÅÅ-MM..ÅÅÅÅ-MM för en sammanslagen period",
    "document_period": "ÅÅÅÅ-MM, ÅÅÅÅ-MM..ÅÅÅÅ-MM, ÅÅÅÅ-T1, ÅÅÅÅ-T2 eller ÅÅÅÅ",
    "date": "datum, ÅÅÅÅ-MM-DD",
    "status": "Grön, Gul eller Röd (stora/små bokstäver och grön/gron godtas)",
    "choice": "ett av de tillåtna värdena",
}
# … and English for the docs.
KINDS_EN = {
    "text": "text",
    "integer": "integer",
    "number": "number; Swedish form (1 234,5 or −12) or an Excel number",
    "year": "year, four digits",
    "month": "month, YYYY-MM",
    "month_ahead": "month, YYYY-MM (a month to come too)",
    "period": "reporting period: YYYY-MM, or YYYY-MM..YYYY-MM for a combined period",
    "document_period": "YYYY-MM, YYYY-MM..YYYY-MM, YYYY-T1, YYYY-T2 or YYYY",
    "date": "date, YYYY-MM-DD",
    "status": "Grön, Gul or Röd (any case; grön/gron accepted)",
    "choice": "one of the allowed values",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    example: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    #: Running text (comments, goals, actions): control characters are removed from it. In any other
    #: text column (ids, names) an invisible or control character is refused, so that two units
    #: cannot differ by a zero-width space and print alike.
    prose: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    required: bool = True
    single_row: bool = False
    # (column, table, column): every non-empty value must exist in the other table.
    references: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


REPORT_KINDS = ("månadsrapport", "delårsrapport", "plan", "verksamhetsberättelse", "kommunövergripande uppföljning")
#: The net-cost table's sum row, in place of an activity area.
TOTAL = "Totalt"
DIRECTIONS = ("öka", "minska", "behålla", "mål", "högst", "intervall", "redovisning")

TABLES: tuple[Table, ...] = (
    Table(
        "organisation", "Nämnd och förvaltning",
        "One row: the municipality, board and administration the reports are for.",
        (
            Column("kommun", "text", "Name of the municipality.", "Exempelkommun"),
            Column("namnd", "text", "Name of the board.", "Arbetsmarknads- och socialnämnden"),
            Column("namnd_forkortning", "text", "The board's abbreviation, as in the registry number.", "ASN"),
            Column("forvaltning", "text", "Name of the administration.", "Arbetsmarknads- och socialförvaltningen"),
        ),
        single_row=True,
    ),
    Table(
        "dokument", "Diarienummer",
        "Registry number (diarienummer) and dates per report, as the cover prints them. A report without a "
        "row here is printed without them; the time it was rendered is in its colophon either way.",
        (
            Column("rapport", "choice", "Report type.", "plan", allowed=REPORT_KINDS),
            Column("period", "document_period", "The period the report covers.", "2024"),
            Column("diarienummer", "text", "Registry number, printed in every page header.", "2023/ASN 0109"),
            Column("datum", "date", "The report's date (upprättad).", "2023-11-20", required=False),
            Column("sammantradesdatum", "date", "The date of the board meeting that treats it.", "2023-12-12",
                   required=False),
            Column("ekonomisk_uppfoljning", "choice", "`nej` for a monthly report without its own economic "
                   "follow-up (June–July, say): its economy section then holds the period's economy text only, "
                   "and the economy goal area no budget deviation. Empty: `ja`.", "nej", required=False,
                   allowed=("ja", "nej")),
        ),
        key=("rapport", "period"), required=False,
    ),
    Table(
        "verksamheter", "Verksamhetsområden",
        "Activity areas: the budget's rows, in the order they are shown.",
        (
            Column("verksamhet", "text", "Name of the activity area.", "Barn- och ungdomsvård"),
            Column("ordning", "integer", "Order in tables, lowest first.", "3", minimum=0),
        ),
        key=("verksamhet",),
    ),
    Table(
        "enheter", "Enheter",
        "The administration's units; each reports every month it exists. A unit that opens or closes in "
        "the period the data covers says when in `fran` and `till`: it is counted, listed and expected to "
        "report only in the months between (\"X av Y enheter\" counts the units that existed). A unit's data "
        "outside its months is refused.",
        (
            Column("enhet_id", "text", "Short, stable identifier.", "VUX"),
            Column("namn", "text", "The unit's name as shown.", "Vuxenenheten"),
            Column("verksamhet", "text", "The activity area the unit belongs to.", "Vård för vuxna"),
            Column("arsarbetare", "number", "Full-time equivalents (årsarbetare) in permanent employment.", "21,5", minimum=0),
            Column("ordning", "integer", "Order in tables, lowest first.", "10", minimum=0),
            Column("fran", "month_ahead", "First month the unit exists; empty: it existed before the data begins.",
                   "2023-09", required=False),
            Column("till", "month_ahead", "Last month the unit exists; empty: it still exists.", "2024-05",
                   required=False),
        ),
        key=("enhet_id",),
        references=(("verksamhet", "verksamheter", "verksamhet"),),
    ),
    Table(
        "omorganisationer", "Omorganisationer",
        "Units that became other units: one row per old and new unit, so a split is two rows with the same "
        "`fran_enhet`, a merger two rows with the same `till_enhet`. The old unit must end before `datum` "
        "(its `till`), and the new one exist from `datum`. Reports of the year say what changed, and a "
        "unit's history continues in its successors.",
        (
            Column("datum", "month_ahead", "The first month of the new organisation.", "2023-09"),
            Column("fran_enhet", "text", "The unit that ended.", "MUBU"),
            Column("till_enhet", "text", "A unit that took over (part of) its work.", "MUBU1"),
            Column("beskrivning", "text", "What changed, as the reports print it.",
                   "Mottagning och utredning delades i två enheter.", required=False, prose=True),
        ),
        key=("fran_enhet", "till_enhet"), required=False,
        references=(("fran_enhet", "enheter", "enhet_id"), ("till_enhet", "enheter", "enhet_id")),
    ),
    Table(
        "malomraden", "Målområden",
        "Goal areas per year, with the council's municipality-wide goal.",
        (
            Column("ar", "year", "The year the goals apply to.", "2024"),
            Column("malomrade", "integer", "Number of the goal area.", "1", minimum=1),
            Column("namn", "text", "Short name, as in the overview.", "Medarbetare"),
            Column("rubrik", "text", "The goal area's heading in the annual plan.", "Motiverade medarbetare hos Sveriges bästa offentliga arbetsgivare"),
            Column("kommunmal", "text", "The council's municipality-wide goal (kommunövergripande mål).", "Medarbetare i Exempelkommun är motiverade och delaktiga i kommunens utveckling", prose=True),
        ),
        key=("ar", "malomrade"),
    ),
    Table(
        "namndmal", "Nämnd- och förvaltningsmål",
        "The board's own goals (nämnd- och förvaltningsmål), one or more per goal area and year.",
        (
            Column("ar", "year", "The year the goal applies to.", "2024"),
            Column("malomrade", "integer", "Number of the goal area.", "1", minimum=1),
            Column("mal_id", "text", "Identifier of the goal within the year.", "1.1"),
            Column("mal", "text", "The goal.", "Motiverade och kompetenta medarbetare med fokus på medborgarna", prose=True),
        ),
        key=("ar", "mal_id"),
    ),
    Table(
        "indikatorer", "Indikatorer",
        "What is measured per goal area and year, with the wanted direction and a target where there is one.",
        (
            Column("ar", "year", "The year the indicator applies to.", "2024"),
            Column("indikator_id", "text", "Identifier of the indicator within the year.", "SJUK"),
            Column("malomrade", "integer", "Number of the goal area.", "1", minimum=1),
            Column("namn", "text", "The indicator as shown.", "Sjukfrånvaro"),
            Column("riktning", "choice",
                   "Wanted change compared with the same period of the baseline year (`öka`, `minska`, `behålla`), "
                   "or a target: `mål` at least `malvarde` (higher is better), `högst` at most `malvarde` (lower is "
                   "better, as for sick leave), `intervall` between `malvarde` and `malvarde_max`; `redovisning` for "
                   "what is followed up by an account rather than a figure (listed in the plan, shown in a report "
                   "only where it has a value).",
                   "minska", allowed=DIRECTIONS),
            Column("malvarde", "number", "Target value when the direction is `mål`, `högst` or `intervall`.", "100",
                   required=False),
            Column("malvarde_max", "number", "Upper end of the target interval when the direction is `intervall`.",
                   "95", required=False),
            Column("decimaler", "integer", "Decimals the indicator's values are shown with; empty: one where any "
                   "of its values has decimals, else none.", "1", required=False, minimum=0, maximum=3),
            Column("mattenhet", "text", "Unit of measure shown after the value (`%`, `antal`, `tkr`).", "%", required=False),
            Column("jamforelsear", "year", "The year whose same period the outcome is compared with (the baseline); "
                   "empty: the year before.", "2022", required=False),
        ),
        key=("ar", "indikator_id"),
        required=False,
    ),
    Table(
        "bedomningar", "Enheternas bedömningar",
        "Each unit's assessment of each goal area each reporting period, with a comment.",
        (
            Column("period", "period", "The reporting period.", "2023-06..2023-07"),
            Column("enhet_id", "text", "The unit.", "VUX"),
            Column("malomrade", "integer", "Number of the goal area.", "1", minimum=1),
            Column("status", "status", "The unit's assessment.", "Grön", allowed=STATUSES),
            Column("kommentar", "text", "The unit's comment (plain text; shown as text, never as markup).", "Stabil bemanning under sommaren.",
                   required=False, prose=True),
        ),
        key=("period", "enhet_id", "malomrade"),
        references=(("enhet_id", "enheter", "enhet_id"),),
    ),
    Table(
        "indikatorvarden", "Indikatorvärden",
        "Outcome per indicator and period, for the administration (empty unit) or per unit.",
        (
            Column("period", "period", "The reporting period.", "2024-03"),
            Column("indikator_id", "text", "The indicator.", "SJUK"),
            Column("enhet_id", "text", "The unit, or empty for the whole administration.", "", required=False),
            Column("varde", "number", "The value.", "7,9"),
        ),
        key=("period", "indikator_id", "enhet_id"),
        required=False,
        references=(("enhet_id", "enheter", "enhet_id"),),
    ),
    Table(
        "ekonomi", "Ekonomi per verksamhetsområde",
        "Per month and activity area, in tkr with net costs negative: annual budget, "
        "outcome to date and full-year forecast.",
        (
            Column("period", "month", "The month the figures are for (outcome up to and including it).", "2024-08"),
            Column("verksamhet", "text", "The activity area.", "Barn- och ungdomsvård"),
            Column("budget", "number", "Annual budget, tkr.", "−79 162"),
            Column("utfall", "number", "Outcome from January up to and including the month, tkr.", "−53 870"),
            Column("prognos", "number", "Full-year forecast, tkr; empty when no forecast was made.", "−80 350",
                   required=False),
        ),
        key=("period", "verksamhet"),
        references=(("verksamhet", "verksamheter", "verksamhet"),),
    ),
    Table(
        "malprognos", "Prognos för målen",
        "The administration's forecast for the year per goal area in an interim report, with its reasoning. "
        "Without a row the report proposes one from the period's outcome, and says so.",
        (
            Column("period", "document_period", "The interim period.", "2024-T2"),
            Column("malomrade", "integer", "Goal area.", "1", minimum=1),
            Column("prognos", "choice", "Will the goal be met this year?", "uppfylls delvis",
                   allowed=("uppfylls", "uppfylls delvis", "uppfylls inte")),
            Column("motivering", "text", "Why.", "Sjukfrånvaron minskar men personalomsättningen är fortsatt hög.",
                   prose=True),
        ),
        key=("period", "malomrade"), required=False,
    ),
    Table(
        "manadsbudget", "Periodiserad budget",
        "The budget per month, tkr with net costs negative, for an activity area (empty `enhet_id`) or a "
        "unit: salaries with holiday pay in June–July and grants paid in lump sums make an even split wrong. "
        "A year's months are given all twelve or not at all, and add up to the annual budget in `ekonomi` "
        "(for a unit, in `ekonomi_enhet`) within 1 tkr. Reports compare the outcome to date with the sum of "
        "the months to date; without this table they use the annual budget × months / 12, and say which.",
        (
            Column("period", "month_ahead", "The month.", "2024-07"),
            Column("verksamhet", "text", "The activity area.", "Barn- och ungdomsvård"),
            Column("enhet_id", "text", "The unit, or empty for the activity area as a whole.", "", required=False),
            Column("budget", "number", "The month's budget, tkr.", "−8 950"),
        ),
        key=("period", "verksamhet", "enhet_id"), required=False,
        references=(("verksamhet", "verksamheter", "verksamhet"), ("enhet_id", "enheter", "enhet_id")),
    ),
    Table(
        "ekonomi_enhet", "Ekonomi per enhet",
        "Per month and unit, in tkr with net costs negative: the unit's annual budget, outcome to date and "
        "full-year forecast. The monthly report shows each unit's deviation. `styrkort ledger --ansvar` "
        "writes it from the ledger's responsibility codes.",
        (
            Column("period", "month", "The month the figures are for.", "2024-08"),
            Column("enhet_id", "text", "The unit.", "VUX"),
            Column("budget", "number", "The unit's annual budget, tkr.", "−14 200"),
            Column("utfall", "number", "Outcome from January up to and including the month, tkr.", "−9 650"),
            Column("prognos", "number", "Full-year forecast, tkr; empty when none was made.", "−14 350",
                   required=False),
        ),
        key=("period", "enhet_id"), required=False,
        references=(("enhet_id", "enheter", "enhet_id"),),
    ),
    Table(
        "ekonomikommentarer", "Enheternas kommentarer till ekonomin",
        "Each unit's own comment on its economy per reporting period, as units report it in their Excel "
        "template (sheet Ekonomi) or in this file. The monthly report shows it beside the unit's figures.",
        (
            Column("period", "period", "The reporting period.", "2024-08"),
            Column("enhet_id", "text", "The unit.", "VUX"),
            Column("kommentar", "text", "The comment (plain text; shown as text, never as markup).",
                   "Högre kostnader för konsulter under sommaren.", prose=True),
        ),
        key=("period", "enhet_id"), required=False,
        references=(("enhet_id", "enheter", "enhet_id"),),
    ),
)

#: The 17 goals of Agenda 2030, as the Swedish government names them.
AGENDA_2030 = ("Ingen fattigdom", "Ingen hunger", "Hälsa och välbefinnande", "God utbildning för alla", "Jämställdhet",
               "Rent vatten och sanitet för alla", "Hållbar energi för alla",
               "Anständiga arbetsvillkor och ekonomisk tillväxt", "Hållbar industri, innovationer och infrastruktur",
               "Minskad ojämlikhet", "Hållbara städer och samhällen", "Hållbar konsumtion och produktion",
               "Bekämpa klimatförändringarna", "Hav och marina resurser", "Ekosystem och biologisk mångfald",
               "Fredliga och inkluderande samhällen", "Genomförande och globalt partnerskap")

PLAN_TABLES: tuple[Table, ...] = (
    Table(
        "nettokostnad", "Nettokostnad per verksamhet i nämndplanen",
        "The annual plan's net-cost table per activity area, in tkr with net costs negative: outcome of the "
        "year before last, forecast of last year, budget of the plan's year. A row with verksamhet `Totalt` "
        "states the printed totals; the report computes its own totals from the rows and shows both where "
        "they differ.",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("verksamhet", "text", "The activity area, or `Totalt` for the stated totals.", "Integration"),
            Column("utfall", "number", "Outcome of the year before last (year − 2), tkr.", "−4 263", required=False),
            Column("prognos", "number", "Forecast of last year (year − 1), tkr.", "−4 301", required=False),
            Column("prognos_avser", "text", "Which forecast `prognos` is, as printed under the table.",
                   "Prognos T2", required=False),
            Column("budget", "number", "Budget of the plan's year, tkr.", "−7 942"),
        ),
        key=("ar", "verksamhet"), required=False,
    ),
    Table(
        "kommunbidrag", "Kommunbidragets förändring",
        "The council's allocation to the board explained from last year to this year as ordered steps: one "
        "`start` (last year's allocation), any number of `förändring`, one `slut` (this year's allocation). "
        "Amounts in tkr with the net-cost sign: a negative step increases the allocation. A percentage step "
        "(prisuppräkning) may give `procent` and leave `belopp` empty: the amount is then `procent` of `bas` "
        "(or of the start value when `bas` is empty). The steps must add up to the end value exactly.",
        (
            Column("ar", "year", "The year the allocation is for.", "2024"),
            Column("ordning", "integer", "Order of the step.", "3", minimum=0),
            Column("typ", "choice", "Kind of row.", "förändring", allowed=("start", "förändring", "slut")),
            Column("rubrik", "text", "The step as printed.", "prisuppräkning"),
            Column("belopp", "number", "Amount, tkr.", "−12 241", required=False),
            Column("procent", "number", "Rate of a percentage step, in percent.", "4,1", required=False),
            Column("bas", "number", "Base of a percentage step, tkr.", "−298 561", required=False),
            Column("kommentar", "text", "Explanation printed under the table.",
                   "Avser främst kompensation för högre pensionskostnad.", required=False, prose=True),
        ),
        key=("ar", "ordning"), required=False,
    ),
    Table(
        "risker", "Riskhanteringsplan",
        "The risk register per year and goal area. Risk value = probability × consequence, each on the scale "
        "set in params (`risk.scale`, 3 to 7 levels; a value outside it is refused by `styrkort check`). A risk "
        "may carry only a stated risk value, or no value yet.",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("risk_id", "text", "Short identifier, shown in the heatmap.", "R1"),
            Column("malomrade", "integer", "Goal area.", "1", minimum=1),
            Column("risk", "text", "The risk.", "Hög sjukfrånvaro och fortsatt hög personalomsättning", prose=True),
            Column("sannolikhet", "integer", "Probability, 1 to the params' scale.", "5", required=False, minimum=1,
                   maximum=7),
            Column("konsekvens", "integer", "Consequence, 1 to the params' scale.", "4", required=False, minimum=1,
                   maximum=7),
            Column("riskvarde", "integer", "Stated risk value; must equal probability × consequence when both "
                   "are given.", "20", required=False, minimum=1, maximum=49),
            Column("atgarder", "text", "Actions, one per line.", "Resurssocionomer (interna konsulter)",
                   required=False, prose=True),
            Column("bedomning", "text", "Assessment of the actions.", "Åtgärderna har effekt", required=False, prose=True),
        ),
        key=("ar", "risk_id"), required=False,
    ),
    Table(
        "agenda2030", "Bidrag till Agenda 2030",
        "The goals of Agenda 2030 that work in a goal area contributes to, per plan year; the plan lists them "
        "under the goal area.",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("malomrade", "integer", "Goal area.", "1", minimum=1),
            Column("mal", "integer", "The Agenda 2030 goal, 1–17 (3: Hälsa och välbefinnande).", "3", minimum=1,
                   maximum=17),
        ),
        key=("ar", "malomrade", "mal"), required=False,
    ),
    Table(
        "arshjul", "Årshjul",
        "The year's wheel of the steering process (årshjul): what happens which month. The plan prints it as "
        "a table of months, in the appendix whose title names the årshjul (or in an appendix of its own).",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("manad", "integer", "The month, 1–12.", "4", minimum=1, maximum=12),
            Column("aktivitet", "text", "What happens, in the order given.", "Drift- och investeringsbudget revideras.",
                   prose=True),
        ),
        key=("ar", "manad", "aktivitet"), required=False,
    ),
    Table(
        "ersattningar", "Ersättningsnivåer",
        "Compensation rates paid to providers, per year and service.",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("insats", "text", "The service.", "Sysselsättning"),
            Column("variant", "text", "Variant of the rate, if the service has several.", "Heltid",
                   required=False),
            Column("belopp", "number", "Amount, kronor.", "6 979"),
            Column("enhet", "text", "What the amount is paid per.", "kr per månad"),
            Column("beskrivning", "text", "How the rate is paid (printed once per service).",
                   "Ersättningen utgår från ett individuellt biståndsbeslut.", required=False, prose=True),
        ),
        key=("ar", "insats", "variant"), required=False,
    ),
    Table(
        "tillganglighetsplan", "Aktiviteter från tillgänglighetsplanen",
        "Activities from the municipality's accessibility plan that the board carries out.",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("aktivitet", "text", "The activity.", "Minst 10 procent av kommunens feriejobb ska gå till "
                   "ungdomar med funktionsnedsättning.", prose=True),
            Column("kommentar", "text", "Comment.", "", required=False, prose=True),
            Column("bedomning", "status", "Assessment, where made.", "Gul", required=False, allowed=STATUSES),
        ),
        key=("ar", "aktivitet"), required=False,
    ),
)

#: How far an assignment of the plan has come at the year's end.
ASSIGNMENT_STATUSES = ("genomfört", "pågår", "ej påbörjat")

YEAR_END_TABLES: tuple[Table, ...] = (
    Table(
        "uppdrag", "Politiska uppdrag",
        "The political assignments (politiska uppdrag) of the plan, per year and goal area. The plan lists them "
        "under their goal area (in place of the text `politiskt-uppdrag-<n>.md`), the verksamhetsberättelse "
        "follows each up.",
        (
            Column("ar", "year", "The plan's year.", "2024"),
            Column("uppdrag_id", "text", "Short identifier.", "U3"),
            Column("malomrade", "integer", "Goal area.", "3", minimum=1),
            Column("uppdrag", "text", "The assignment as the plan words it.",
                   "Kommunkoncernen ska samverka för att fånga upp ungdomar i riskzon.", prose=True),
        ),
        key=("ar", "uppdrag_id"), required=False,
    ),
    Table(
        "uppdragsuppfoljning", "Uppföljning av politiska uppdrag",
        "How far each of the plan's assignments came in the year, as the verksamhetsberättelse reports it. "
        "`uppdrag_id` must be one of that year's assignments in `uppdrag`.",
        (
            Column("ar", "year", "The year followed up.", "2024"),
            Column("uppdrag_id", "text", "The assignment.", "U3"),
            Column("status", "choice", "Where it stands at the year's end.", "pågår", allowed=ASSIGNMENT_STATUSES),
            Column("kommentar", "text", "What was done.", "Samverkan med polisen och skolan har inletts.", prose=True),
        ),
        key=("ar", "uppdrag_id"), required=False,
    ),
    Table(
        "riskuppfoljning", "Uppföljning av riskhanteringsplanen",
        "Each risk of the year's risk register followed up at the year's end: whether its actions were carried "
        "out, whether it materialised, and the closing probability and consequence (on the params' risk "
        "scale). `risk_id` must be one of that year's risks in `risker`.",
        (
            Column("ar", "year", "The year followed up.", "2024"),
            Column("risk_id", "text", "The risk.", "R1"),
            Column("genomforda", "choice", "Were the planned actions carried out?", "delvis",
                   allowed=("ja", "delvis", "nej")),
            Column("intraffad", "choice", "Did the risk materialise during the year?", "nej", allowed=("ja", "nej")),
            Column("sannolikhet", "integer", "Closing probability, 1 to the params' scale.", "4", required=False,
                   minimum=1, maximum=7),
            Column("konsekvens", "integer", "Closing consequence, 1 to the params' scale.", "4", required=False,
                   minimum=1, maximum=7),
            Column("kommentar", "text", "The closing assessment.", "Sjukfrånvaron har minskat men omsättningen är "
                   "fortsatt hög.", prose=True),
        ),
        key=("ar", "risk_id"), required=False,
    ),
    Table(
        "internkontroll", "Uppföljning av intern kontroll",
        "The year's internal control plan followed up: each control point (kontrollmoment) and its result.",
        (
            Column("ar", "year", "The year.", "2024"),
            Column("kontroll_id", "text", "Short identifier.", "IK2"),
            Column("process", "text", "The process or routine controlled.", "Ekonomiskt bistånd"),
            Column("kontrollmoment", "text", "What is controlled.", "Utbetalningar görs enligt beslut.", prose=True),
            Column("metod", "text", "How it was controlled.", "Stickprov av 20 utbetalningar per kvartal.",
                   required=False, prose=True),
            Column("resultat", "text", "What the control found.", "Två av 80 utbetalningar saknade attest.",
                   prose=True),
            Column("avvikelse", "choice", "Did the control find deviations?", "ja", allowed=("ja", "nej")),
            Column("atgard", "text", "What is done about a deviation.", "Rutinen för attest har förtydligats.",
                   required=False, prose=True),
        ),
        key=("ar", "kontroll_id"), required=False,
    ),
    Table(
        "arsutfall", "Årets utfall per verksamhet",
        "The closed year's outcome per activity area, in tkr with net costs negative, with the explanation of "
        "its deviation. `utfall` must equal December's outcome to date in `ekonomi` (within 1 tkr).",
        (
            Column("ar", "year", "The year.", "2024"),
            Column("verksamhet", "text", "The activity area.", "Barn- och ungdomsvård"),
            Column("budget", "number", "The year's budget, tkr.", "−79 162"),
            Column("utfall", "number", "The year's outcome, tkr.", "−82 046"),
            Column("kommentar", "text", "Why the outcome deviates from the budget.",
                   "Fler externa placeringar än budgeterat.", required=False, prose=True),
        ),
        key=("ar", "verksamhet"), required=False,
        references=(("verksamhet", "verksamheter", "verksamhet"),),
    ),
    Table(
        "balanskrav", "Balanskravsutredning",
        "The items that take the board's result against its allocation to its part of the balance requirement "
        "result (balanskravsresultat), in tkr as they change the result: realisation gains are subtracted, "
        "say. Without rows the two are equal.",
        (
            Column("ar", "year", "The year.", "2024"),
            Column("ordning", "integer", "Order of the item.", "1", minimum=0),
            Column("rubrik", "text", "The item as printed.", "Avgår: realisationsvinster"),
            Column("belopp", "number", "Amount, tkr.", "−120"),
        ),
        key=("ar", "ordning"), required=False,
    ),
    Table(
        "personal", "Personalnyckeltal",
        "The year's staff figures, as HR closes them: the verksamhetsberättelse compares each year with the "
        "one before.",
        (
            Column("ar", "year", "The year.", "2024"),
            Column("arsarbetare", "number", "Full-time equivalents in permanent employment.", "203,4", minimum=0),
            Column("sjukfranvaro", "number", "Sick leave, % of scheduled hours.", "6,9", minimum=0, maximum=100),
            Column("personalomsattning", "number", "Staff turnover, %.", "14,8", minimum=0, maximum=100),
        ),
        key=("ar",), required=False,
    ),
)

TABLES = TABLES + PLAN_TABLES + YEAR_END_TABLES

BY_NAME = {t.name: t for t in TABLES}

#: A table is a file in the data folder named after it, with one of these endings.
TABLE_SUFFIXES = (".csv", ".xlsx")


def table_paths(folder: Path, table: str) -> list[Path]:
    """The files that may hold ``table`` in ``folder``, there or not (one of them may be)."""
    return [folder / f"{table}{suffix}" for suffix in TABLE_SUFFIXES]

# Markdown texts, one file each, under texter/<period>/ (monthly and interim) or texter/<year>/ (plan and
# verksamhetsberättelse: there `viktiga-handelser`, `analys-<n>` and `ekonomi` are the year's).
TEXTS = {
    "viktiga-handelser": "Important events of the period (viktiga händelser); under `texter/<year>/`, the year's.",
    "analys-<n>": "The administration's analysis for goal area n (1, 2, …); under `texter/<year>/`, the year's.",
    "ekonomi": "Comment on the economic situation; under `texter/<year>/`, on the year's outcome.",
    "politiska-prioriteringar": "Plan: the political priorities.",
    "nulagesanalys": "Plan: the situation analysis; `Förändringstryck` lists as Markdown lists.",
    "vision": "Plan: the vision and the goal structure.",
    "politiskt-uppdrag-<n>": "Plan: the political assignment for goal area n.",
    "inriktning-<n>": "Plan: the board's priorities for goal area n.",
    "riskhantering": "Plan: introduction to the risk register.",
    "resurser": "Plan: introduction to resources (organisation and staff).",
    "bilaga-<n>": "Plan: appendix n; its first heading is the appendix's title.",
    "sammanfattning": "Verksamhetsberättelse: the year in summary (`texter/<year>/`).",
    "personal": "Verksamhetsberättelse: comment on the year's staff figures.",
    "framtid": "Verksamhetsberättelse: looking ahead (framtid och utmaningar).",
}
_NUMBERED = ("analys", "politiskt-uppdrag", "inriktning", "bilaga")


def text_name_allowed(stem: str) -> bool:
    if stem in TEXTS:
        return True
    prefix, _, n = stem.rpartition("-")
    return prefix in _NUMBERED and n.isdigit()


def markdown_docs() -> str:
    """docs/data.md, generated from the specs above."""
    out = [
        "# The data contract",
        "",
        "<!-- Generated by `styrkort docs` from lib/styrkort/data/contract.py. Do not edit by hand. -->",
        "",
        "The example data in `data/` follows this contract; so must yours. Each table is one file in the",
        "data folder, named after the table: `enheter.csv` or `enheter.xlsx` (not both). CSV files are",
        "UTF-8 (a byte-order mark is fine; files saved by Excel as Windows-1252 are read as such) with `;`",
        "or `,` between columns and a header row with the column names below. Excel files are read from",
        "their first sheet, header in row 1.",
        "",
        "Every load validates every file. A bad value stops the run with a message in Swedish naming the",
        "file, row (as numbered in Excel, header = row 1), column, the value and what is allowed. Statuses",
        "are read case-insensitively and without diacritics (`grön`, `GRON`); numbers may be written the",
        "Swedish way (`1 234,5`, `−12`). Amounts are in tkr; net costs are negative.",
        "",
        "Units' assessments may also come through the intake (`styrkort import`, see the README). They are",
        "kept in `inlamningar.sqlite` in the data folder, and a unit's latest submission for a period",
        "replaces that unit's rows for the period in `bedomningar` and its own rows in `indikatorvarden`,",
        "validated by the same rules.",
        "",
    ]
    for t in TABLES:
        out += [f"## `{t.name}` ({t.title})", "", t.description, ""]
        facts = ["Required file." if t.required else "Optional file."]
        if t.single_row:
            facts.append("Exactly one row.")
        if t.key:
            facts.append("Each row is identified by " + ", ".join(f"`{k}`" for k in t.key) + "; no two rows may share it.")
        for col, other, ocol in t.references:
            facts.append(f"`{col}` must name a `{ocol}` in `{other}`.")
        out += [" ".join(facts), "", "| column | type | required | allowed | example | meaning |",
                "|---|---|---|---|---|---|"]
        for c in t.columns:
            allowed = ", ".join(c.allowed)
            if c.minimum is not None or c.maximum is not None:
                rng = f"{c.minimum:g}" if c.minimum is not None else ""
                rng += f"–{c.maximum:g}" if c.maximum is not None else " or more"
                allowed = (allowed + "; " if allowed else "") + rng
            kind = KINDS_EN[c.kind] + (" (running text)" if c.prose else "")
            out.append(f"| `{c.name}` | {kind} | {'yes' if c.required else 'no'} | {allowed} | "
                       f"{c.example} | {c.description} |")
        out += ["", f"Example, `{t.name}.csv`:", "", "```",
                ";".join(c.name for c in t.columns),
                ";".join(c.example.replace("\u2212", "-") for c in t.columns), "```", ""]
    out += [
        "## Reading the files",
        "",
        "A table is `<name>.csv` or `<name>.xlsx`, not both. CSV may be UTF-8 (with or without BOM), "
        "Windows-1252 or UTF-16, separated by `;`, `,` or tabs. A workbook is read from the sheet named "
        "like the table, else from its only visible sheet. The first row with text is the header; every "
        "column must be one of the table's, once. Numbers are read as Excel shows them, or in Swedish form. "
        "In text columns an invisible or control character (a zero-width space, a direction mark) is "
        "refused; in running text control characters are removed. Text is normalised to NFC.",
        "",
        "## Texts — `texter/<period>/<name>.md`",
        "",
        "Markdown, UTF-8, one file per text and period, the folder named by the period key "
        "(`texter/2023-06..2023-07/viktiga-handelser.md`, `texter/2024-T2/ekonomi.md`) or, for the annual "
        "plan and the verksamhetsberättelse, by its year (`texter/2024/vision.md`). Raw HTML in a text is shown as text, never run.",
        "",
        "| file | content |",
        "|---|---|",
    ]
    out += [f"| `{name}.md` | {desc} |" for name, desc in TEXTS.items()]
    out += [
        "",
        "## Periods",
        "",
        "A reporting period is a month (`2024-03`) or a combined period of consecutive months in one year",
        "(`2023-06..2023-07`, as June–July is reported together). A month may belong to one reporting period",
        "only. Interim reports are named `2024-T1` (January–April) and `2024-T2` (January–August); the",
        "annual plan by its year, `2024`. Periods after the current month are refused.",
        "",
    ]
    return "\n".join(out)
