"""The data contract: every file, column, type and allowed value, written down once.

:mod:`styrkort.loading` validates against these specs and ``docs/data.md`` is generated
from them (``styrkort docs``; a test keeps the committed file in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .status import ALLOWED as STATUSES

# Column kinds and what a cell of that kind may hold, for the docs.
KINDS = {
    "text": "text",
    "integer": "heltal",
    "number": "tal; svensk form (1 234,5 eller −12) eller Excel-tal",
    "year": "år, fyra siffror",
    "month": "månad, ÅÅÅÅ-MM",
    "period": "rapportperiod: ÅÅÅÅ-MM, eller ÅÅÅÅ-MM..ÅÅÅÅ-MM för en sammanslagen period",
    "document_period": "ÅÅÅÅ-MM, ÅÅÅÅ-MM..ÅÅÅÅ-MM, ÅÅÅÅ-T1, ÅÅÅÅ-T2 eller ÅÅÅÅ",
    "status": "Grön, Gul eller Röd (stora/små bokstäver och grön/gron godtas)",
    "choice": "ett av de tillåtna värdena",
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


REPORT_KINDS = ("månadsrapport", "delårsrapport", "plan")
DIRECTIONS = ("öka", "minska", "behålla", "mål")

TABLES: tuple[Table, ...] = (
    Table(
        "organisation", "Nämnd och förvaltning",
        "En rad: kommunen, nämnden och förvaltningen som rapporterna gäller.",
        (
            Column("kommun", "text", "Kommunens namn.", "Exempelkommun"),
            Column("namnd", "text", "Nämndens namn.", "Arbetsmarknads- och socialnämnden"),
            Column("namnd_forkortning", "text", "Nämndens förkortning, som i diarienumret.", "ASN"),
            Column("forvaltning", "text", "Förvaltningens namn.", "Arbetsmarknads- och socialförvaltningen"),
        ),
        single_row=True,
    ),
    Table(
        "dokument", "Diarienummer",
        "Diarienummer per rapport. En rapport utan rad här får inget diarienummer.",
        (
            Column("rapport", "choice", "Rapporttyp.", "plan", allowed=REPORT_KINDS),
            Column("period", "document_period", "Perioden rapporten gäller.", "2024"),
            Column("diarienummer", "text", "Diarienummer, tryckt i varje sidhuvud.", "2023/ASN 0109"),
        ),
        key=("rapport", "period"), required=False,
    ),
    Table(
        "verksamheter", "Verksamhetsområden",
        "Budgetens rader, i den ordning de visas.",
        (
            Column("verksamhet", "text", "Verksamhetsområdets namn.", "Barn- och ungdomsvård"),
            Column("ordning", "integer", "Ordning i tabeller, lägst först.", "3", minimum=0),
        ),
        key=("verksamhet",),
    ),
    Table(
        "enheter", "Enheter",
        "Förvaltningens enheter, som var och en rapporterar varje månad.",
        (
            Column("enhet_id", "text", "Kort, stabil identitet.", "VUX"),
            Column("namn", "text", "Enhetens namn som det visas.", "Vuxenenheten"),
            Column("verksamhet", "text", "Verksamhetsområdet enheten hör till.", "Vård för vuxna"),
            Column("arsarbetare", "number", "Tillsvidareanställda årsarbetare.", "21,5", minimum=0),
            Column("ordning", "integer", "Ordning i tabeller, lägst först.", "10", minimum=0),
        ),
        key=("enhet_id",),
        references=(("verksamhet", "verksamheter", "verksamhet"),),
    ),
    Table(
        "malomraden", "Målområden",
        "Målområdena per år med kommunfullmäktiges kommunövergripande mål.",
        (
            Column("ar", "year", "Året målen gäller.", "2024"),
            Column("malomrade", "integer", "Målområdets nummer.", "1", minimum=1, maximum=9),
            Column("namn", "text", "Kort namn, som i översikten.", "Medarbetare"),
            Column("rubrik", "text", "Målområdets rubrik i nämndplanen.", "Motiverade medarbetare hos Sveriges bästa offentliga arbetsgivare"),
            Column("kommunmal", "text", "Kommunövergripande mål.", "Medarbetare i Exempelkommun är motiverade och delaktiga i kommunens utveckling"),
        ),
        key=("ar", "malomrade"),
    ),
    Table(
        "namndmal", "Nämnd- och förvaltningsmål",
        "Nämndens egna mål, ett eller flera per målområde och år.",
        (
            Column("ar", "year", "Året målet gäller.", "2024"),
            Column("malomrade", "integer", "Målområdets nummer.", "1", minimum=1, maximum=9),
            Column("mal_id", "text", "Målets identitet inom året.", "1.1"),
            Column("mal", "text", "Målet.", "Motiverade och kompetenta medarbetare med fokus på medborgarna"),
        ),
        key=("ar", "mal_id"),
    ),
    Table(
        "indikatorer", "Indikatorer",
        "Vad som mäts per målområde och år, med riktning och målvärde där det finns.",
        (
            Column("ar", "year", "Året indikatorn gäller.", "2024"),
            Column("indikator_id", "text", "Indikatorns identitet inom året.", "SJUK"),
            Column("malomrade", "integer", "Målområdets nummer.", "1", minimum=1, maximum=9),
            Column("namn", "text", "Indikatorn som den visas.", "Sjukfrånvaro"),
            Column("riktning", "choice",
                   "Önskad utveckling jämfört med samma period föregående år, eller `mål` för ett målvärde.",
                   "minska", allowed=DIRECTIONS),
            Column("malvarde", "number", "Målvärde när riktningen är `mål`.", "100", required=False),
            Column("mattenhet", "text", "Måttenhet som visas efter värdet.", "%", required=False),
        ),
        key=("ar", "indikator_id"),
        required=False,
    ),
    Table(
        "bedomningar", "Enheternas bedömningar",
        "Varje enhets bedömning av varje målområde varje rapportperiod, med kommentar.",
        (
            Column("period", "period", "Rapportperioden.", "2023-06..2023-07"),
            Column("enhet_id", "text", "Enheten.", "VUX"),
            Column("malomrade", "integer", "Målområdets nummer.", "1", minimum=1, maximum=9),
            Column("status", "status", "Enhetens bedömning.", "Grön", allowed=STATUSES),
            Column("kommentar", "text", "Enhetens kommentar (oformaterad text).", "Stabil bemanning under sommaren.",
                   required=False),
        ),
        key=("period", "enhet_id", "malomrade"),
        references=(("enhet_id", "enheter", "enhet_id"),),
    ),
    Table(
        "indikatorvarden", "Indikatorvärden",
        "Utfall per indikator och period, för förvaltningen (tom enhet) eller per enhet.",
        (
            Column("period", "period", "Rapportperioden.", "2024-03"),
            Column("indikator_id", "text", "Indikatorn.", "SJUK"),
            Column("enhet_id", "text", "Enheten, eller tomt för hela förvaltningen.", "", required=False),
            Column("varde", "number", "Värdet.", "7,9"),
        ),
        key=("period", "indikator_id", "enhet_id"),
        required=False,
        references=(("enhet_id", "enheter", "enhet_id"),),
    ),
    Table(
        "ekonomi", "Ekonomi per verksamhetsområde",
        "Per månad och verksamhetsområde, i tkr och med nettokostnad negativ: årsbudget, "
        "utfall hittills i år och helårsprognos.",
        (
            Column("period", "month", "Månaden siffrorna gäller (utfall till och med månaden).", "2024-08"),
            Column("verksamhet", "text", "Verksamhetsområdet.", "Barn- och ungdomsvård"),
            Column("budget", "number", "Årsbudget, tkr.", "−79 162"),
            Column("utfall", "number", "Utfall från januari till och med månaden, tkr.", "−53 870"),
            Column("prognos", "number", "Helårsprognos, tkr; tomt när ingen prognos gjorts.", "−80 350",
                   required=False),
        ),
        key=("period", "verksamhet"),
        references=(("verksamhet", "verksamheter", "verksamhet"),),
    ),
)

BY_NAME = {t.name: t for t in TABLES}

# Markdown texts, one file each, under texter/<period>/.
TEXTS = {
    "viktiga-handelser": "Viktiga händelser under perioden.",
    "analys-<n>": "Förvaltningens analys för målområde n (1, 2, …).",
    "ekonomi": "Kommentar till det ekonomiska läget.",
}


def text_name_allowed(stem: str) -> bool:
    if stem in ("viktiga-handelser", "ekonomi"):
        return True
    prefix, _, n = stem.partition("-")
    return prefix == "analys" and n.isdigit()


def markdown_docs() -> str:
    """docs/data.md, generated from the specs above."""
    out = [
        "# The data contract",
        "",
        "<!-- Generated by `styrkort docs` from lib/styrkort/contract.py. Do not edit by hand. -->",
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
    ]
    for t in TABLES:
        out += [f"## `{t.name}` — {t.title}", "", t.description, ""]
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
            out.append(f"| `{c.name}` | {KINDS[c.kind]} | {'yes' if c.required else 'no'} | {allowed} | "
                       f"{c.example} | {c.description} |")
        out.append("")
    out += [
        "## Texts — `texter/<period>/<name>.md`",
        "",
        "Markdown, UTF-8, one file per text and period, the folder named by the period key "
        "(`texter/2023-06..2023-07/viktiga-handelser.md`). Raw HTML in a text is shown as text, never run.",
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
