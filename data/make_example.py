#!/usr/bin/env python3
"""Write the example data folder ``data/example/`` for styrkort.

The example is a fictional "Exempelkommun" and its Arbetsmarknads- och socialnämnden (ASN),
built on the two seed documents (a monthly report for June–July 2023 and the annual plan
2024) with the municipality's name replaced. Everything else is invented, but shaped so that
the default roll-up rule (share-of-green) reproduces the seed's month-by-month strips for 2023.
The annual plan 2024 (its tables and texts) is taken from the seed; the interim reports' texts
(2023-T1/T2, 2024-T1/T2) compute their figures from the same data as the CSV files.

Standard library only and deterministic: the same script always writes the same files.

    python data/make_example.py            # writes data/example/
    python data/make_example.py OUTDIR     # writes somewhere else
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from pathlib import Path

SEED = 20230817
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "example"

G, Y, R = "Grön", "Gul", "Röd"

# --------------------------------------------------------------------------------------------
# Organisation, documents, activity areas
# --------------------------------------------------------------------------------------------

ORGANISATION = {
    "kommun": "Exempelkommun",
    "namnd": "Arbetsmarknads- och socialnämnden",
    "namnd_forkortning": "ASN",
    "forvaltning": "Arbetsmarknads- och socialförvaltningen",
}

ACTIVITIES = [
    "Förvaltningsövergripande",
    "Vård för vuxna",
    "Barn- och ungdomsvård",
    "Ekonomiskt bistånd",
    "Arbetsmarknad",
    "Integration",
]

# Reporting periods: every month on its own, except June–July which is reported together.
def reporting_periods(year: int, last_month: int) -> list[tuple[str, list[int]]]:
    out = []
    m = 1
    while m <= last_month:
        if m == 6:
            if last_month < 7:
                break
            out.append((f"{year}-06..{year}-07", [6, 7]))
            m = 8
            continue
        out.append((f"{year}-{m:02d}", [m]))
        m += 1
    return out


PERIODS = {2023: reporting_periods(2023, 12), 2024: reporting_periods(2024, 8)}
SEED_PERIOD = "2023-06..2023-07"

MONTHS_LONG = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december")

MONTHLY_DIARIE = {
    "2023-01": "2023/ASN 0007", "2023-02": "2023/ASN 0016", "2023-03": "2023/ASN 0026",
    "2023-04": "2023/ASN 0035", "2023-05": "2023/ASN 0048", "2023-06..2023-07": "2023/ASN 0057",
    "2023-08": "2023/ASN 0079", "2023-09": "2023/ASN 0093", "2023-10": "2023/ASN 0113",
    "2023-11": "2023/ASN 0121", "2023-12": "2023/ASN 0130",
    "2024-01": "2024/ASN 0006", "2024-02": "2024/ASN 0015", "2024-03": "2024/ASN 0027",
    "2024-04": "2024/ASN 0036", "2024-05": "2024/ASN 0050", "2024-06..2024-07": "2024/ASN 0063",
    "2024-08": "2024/ASN 0080",
}
OTHER_DIARIE = [
    ("plan", "2023", "2022/ASN 0098"),
    ("plan", "2024", "2023/ASN 0109"),
    ("delårsrapport", "2023-T1", "2023/ASN 0040"),
    ("delårsrapport", "2023-T2", "2023/ASN 0085"),
    ("delårsrapport", "2024-T1", "2024/ASN 0041"),
    ("delårsrapport", "2024-T2", "2024/ASN 0087"),
]

# --------------------------------------------------------------------------------------------
# Units: id, name, activity area, FTE in tenths (sum 2047 = 204,7), and words for comments
# --------------------------------------------------------------------------------------------

UNITS = [
    dict(id="MUBU1", namn="Mottagning och utredning barn och unga 1", verksamhet="Barn- och ungdomsvård", fte=225,
         arenden="förhandsbedömningar och utredningar", grupp="barn och unga", metod="Signs of Safety",
         samverkan="skolan och elevhälsan", kostnad="kostnaderna för socionomkonsulter",
         trouble=(0.7, 0.3, 0.4, 0.6)),
    dict(id="CAI", namn="Centrum för arbete och integration", verksamhet="Arbetsmarknad", fte=240,
         arenden="deltagarnas planeringar", grupp="deltagarna", metod="IPS och individuellt stöd till arbete",
         samverkan="Arbetsförmedlingen och näringslivet", kostnad="kostnaderna för anställningsstöd",
         trouble=(0.1, 0.1, 0.15, 0.1)),
    dict(id="IUBU2", namn="Insats och utredning barn och unga 2", verksamhet="Barn- och ungdomsvård", fte=210,
         arenden="utredningar och uppföljningar av insatser", grupp="barn och unga", metod="Signs of Safety",
         samverkan="skolan och polisen", kostnad="kostnaderna för externa placeringar",
         trouble=(0.5, 0.5, 0.5, 0.75)),
    dict(id="FAM", namn="Familjevårdsenheten med familjerätt", verksamhet="Barn- och ungdomsvård", fte=145,
         arenden="familjehemsutredningar och familjerättsärenden", grupp="placerade barn och familjehem",
         metod="BBIC i familjehemsvården", samverkan="barn- och ungdomsenheterna",
         kostnad="kostnaderna för konsulentstödda familjehem", trouble=(0.5, 0.4, 0.3, 0.7)),
    dict(id="EKB", namn="Enheten för ekonomiskt bistånd", verksamhet="Ekonomiskt bistånd", fte=190,
         arenden="ansökningar om ekonomiskt bistånd", grupp="hushållen",
         metod="digital ansökan och strukturerade uppföljningar", samverkan="Arbetsförmedlingen och CAI",
         kostnad="utbetalningarna av försörjningsstöd", trouble=(0.4, 0.2, 0.2, 0.2)),
    dict(id="HAST", namn="Hästskons stöd- och boendeenhet", verksamhet="Vård för vuxna", fte=235,
         arenden="boendeinsatser och boendestöd", grupp="de boende", metod="genomförandeplaner",
         samverkan="psykiatrin", kostnad="kostnaderna för bemanning", trouble=(0.3, 0.4, 0.7, 0.3)),
    dict(id="RES1", namn="Resursenheten 1", verksamhet="Barn- och ungdomsvård", fte=120,
         arenden="förebyggande insatser", grupp="familjerna", metod="föräldraskapsstöd och SSPF",
         samverkan="skolan, polisen och fritid", kostnad="kostnaderna för gruppverksamheter",
         trouble=(0.2, 0.4, 0.2, 0.1)),
    dict(id="RES2", namn="Resursenheten 2", verksamhet="Barn- och ungdomsvård", fte=135,
         arenden="behandlingsinsatser", grupp="familjerna i behandling", metod="familjebehandling med MI",
         samverkan="barn- och ungdomsenheterna", kostnad="kostnaderna för köpt öppenvård",
         trouble=(0.2, 0.2, 0.3, 0.2)),
    dict(id="SSS", namn="Enheten för socialt stöd och skydd", verksamhet="Vård för vuxna", fte=160,
         arenden="ärenden om våld i nära relation", grupp="våldsutsatta", metod="FREDA-bedömningar",
         samverkan="polisen och kvinnojouren", kostnad="kostnaderna för skyddat boende",
         trouble=(0.5, 0.5, 0.5, 0.5)),
    dict(id="VUX", namn="Vuxenenheten", verksamhet="Vård för vuxna", fte=205,
         arenden="utredningar och vårdplaner", grupp="klienterna", metod="ASI och samordnade individuella planer",
         samverkan="beroendevården", kostnad="kostnaderna för HVB och LVM-vård", trouble=(0.2, 0.2, 0.4, 0.5)),
    dict(id="BOG", namn="Bogruppen/förvaltningsstöd", verksamhet="Förvaltningsövergripande", fte=182,
         arenden="bostadsärenden och administrativt stöd", grupp="de bostadssökande hushållen",
         metod="rutinerna för dokumentation och diarium", samverkan="bostadsbolaget", kostnad="lokalkostnaderna",
         trouble=(0.5, 0.2, 0.7, 0.2)),
]
UNIT_IDS = [u["id"] for u in UNITS]
UNIT = {u["id"]: u for u in UNITS}
assert sum(u["fte"] for u in UNITS) == 2047, "årsarbetare must sum to 204,7"

# --------------------------------------------------------------------------------------------
# Goal areas, board goals, indicators
# --------------------------------------------------------------------------------------------

AREA_NAMES = {1: "Medarbetare", 2: "Kvalitet", 3: "Leverans", 4: "Ekonomi"}
RUBRIK_2024 = {
    1: "Motiverade medarbetare hos Sveriges bästa offentliga arbetsgivare",
    2: "Kvalitetsförbättringar skapar vi tillsammans, hela tiden",
    3: "Exempelkommun levererar bra välfärdstjänster som skapar goda livsvillkor – här finns plats för alla",
    4: "Ekonomi – balanserad, kostnadseffektiv & cirkulär",
}
# 2023: the same areas; the economy area under the kommunplan's list wording.
RUBRIK_2023 = dict(RUBRIK_2024)
RUBRIK_2023[4] = "Hållbar ekonomi – kostnadseffektiv, balanserad och cirkulär"
KOMMUNMAL = {
    1: "Medarbetare i Exempelkommuns kommunkoncern är motiverade och delaktiga i kommunens utveckling",
    2: "Exempelkommun driver en verksamhet med god kvalitet",
    3: "Exempelkommun levererar bra välfärdstjänster för de som bor, verkar och vistas här, nu och i framtiden",
    4: "Exempelkommuns inköp, investeringar och resursanvändning sker inom den cirkulära ekonomins villkor – "
       "kostnadseffektiv, balanserad och klimatneutral",
}

NAMNDMAL = {
    2023: [
        ("1.1", 1, "Motiverade och kompetenta medarbetare med fokus på medborgarna"),
        ("2.1", 2, "Samverkan och ständiga förbättringar säkerställer att medborgare ges rätt stöd i rätt tid"),
        ("3.1", 3, "Genom stöd och förebyggande insatser till barn, vuxna och familjer främjas en trygg "
                   "livssituation, ökad självständighet och goda livsvillkor"),
        ("4.1", 4, "Verksamheterna ska använda resurser så effektivt som möjligt för att skapa största möjliga "
                   "nytta nu och i framtiden"),
    ],
    2024: [
        ("1.1", 1, "En hållbar organisation med fokus på medborgarna där kompetenta, motiverade och trygga "
                   "medarbetare utvecklas och trivs"),
        ("2.1", 2, "Förhållningssätt och arbetsmetoder utgår alltid från förebyggande och familjeorienterat "
                   "perspektiv"),
        ("2.2", 2, "Samordning av kommunens resurser och verksamheter främjar att barn och unga har trygga "
                   "livsvillkor"),
        ("3.1", 3, "Familjers och individers resurser, delaktighet och motivation är alltid utgångspunkt för stöd "
                   "och insatser"),
        ("3.2", 3, "Tidiga samordnade insatser och stöd närmare familjer och individer som främjar trygghet, "
                   "tillhörighet och välmående"),
        ("4.1", 4, "Verksamheterna ska använda resurser så effektivt som möjligt för att skapa största möjliga "
                   "nytta nu och i framtiden"),
    ],
}

# id, area, name, direction, target, unit of measure. From the plan's "Indikatorer och bedömning".
# Costs (tkr) and SJALV are year to date; SJUK, AVV are for the period; the rest are levels at period end.
INDICATORS = [
    ("SJUK", 1, "Sjukfrånvaro", "minska", None, "%"),
    ("OMS", 1, "Personalomsättning", "minska", None, "%"),
    ("FRISK", 1, "Frisktal", "öka", None, "%"),
    ("VALD", 2, "Enheter som tillämpar metoder för att upptäcka och förebygga våld", "mål", 100, "%"),
    ("AVV", 2, "Avvikelser beroende på organisatoriska hinder", "minska", None, "antal"),
    ("FS10", 3, "Hushåll med försörjningsstöd mer än tio månader", "minska", None, "antal"),
    ("BARNFAM", 3, "Barnfamiljer med försörjningsstöd", "minska", None, "antal"),
    ("SJALV", 3, "Inskrivna hos CAI som blir självförsörjande", "öka", None, "antal"),
    ("PLAC", 3, "Externa placeringar", "minska", None, "antal"),
    ("KOPT", 4, "Kostnader för köpta insatser och externa placeringar", "minska", None, "tkr"),
    ("KONS", 4, "Kostnader för konsulter", "minska", None, "tkr"),
    ("LFS", 4, "Kostnader för långvarigt försörjningsstöd", "minska", None, "tkr"),
]

# --------------------------------------------------------------------------------------------
# Target outcomes per area (what the share-of-green rule must give), and the seed period
# --------------------------------------------------------------------------------------------

TARGET_STRIPS = {
    # 2023: 11 periods jan feb mar apr maj [jun–jul from seed] aug sep okt nov dec
    2023: {
        1: [G, G, G, G, G, None, G, G, G, G, Y],
        2: [G, Y, Y, G, G, None, G, G, G, G, G],
        3: [G, G, Y, G, Y, None, G, G, G, G, G],
        4: [G, G, Y, G, G, None, R, R, R, Y, Y],
    },
    # 2024: 7 periods jan feb mar apr maj jun–jul aug (invented)
    2024: {
        1: [Y, Y, G, G, G, Y, G],
        2: [G, G, Y, G, G, G, Y],
        3: [Y, R, Y, Y, G, Y, Y],
        4: [Y, Y, Y, R, Y, R, Y],
    },
}

# The seed's unit statuses for June–July 2023 (Resursenheten 1 och 2 split as briefed).
SEED_STATUSES = {
    1: dict(MUBU1=Y, CAI=G, IUBU2=G, FAM=Y, EKB=Y, HAST=G, RES1=G, RES2=G, SSS=Y, VUX=G, BOG=Y),
    2: dict(MUBU1=G, CAI=G, IUBU2=Y, FAM=Y, EKB=G, HAST=Y, RES1=Y, RES2=G, SSS=Y, VUX=G, BOG=G),
    3: dict(MUBU1=G, CAI=G, IUBU2=Y, FAM=G, EKB=G, HAST=R, RES1=G, RES2=G, SSS=Y, VUX=Y, BOG=R),
    4: dict(MUBU1=Y, CAI=G, IUBU2=Y, FAM=Y, EKB=G, HAST=G, RES1=G, RES2=G, SSS=Y, VUX=Y, BOG=G),
}

# One unit's submission left out, to show "Ej rapporterat".
MISSING = {("2024-03", "BOG")}

# Deliberate test of untrusted text: must be shown as text in the report.
SCRIPT_COMMENT = ("2024-08", "VUX", 2)


def rollup(statuses: list[str]) -> str | None:
    """The share-of-green rule with styrkort's defaults (0.5 Grön, no Röd in Grön, 0.3 Röd for Röd)."""
    n = len(statuses)
    if n == 0:
        return None
    if statuses.count(R) / n >= 0.3:
        return R
    if statuses.count(G) / n >= 0.5 and statuses.count(R) == 0:
        return G
    return Y


# --------------------------------------------------------------------------------------------
# Unit statuses: persistent from period to period, nudged until the roll-up gives the target
# --------------------------------------------------------------------------------------------

def draw_status(rng: random.Random, trouble: float) -> str:
    p_red = 0.3 * trouble
    p_yellow = 0.2 + 0.45 * trouble
    x = rng.random()
    return R if x < p_red else Y if x < p_red + p_yellow else G


def fit_to_target(rng: random.Random, statuses: dict[str, str], target: str, area: int) -> dict[str, str]:
    s = dict(statuses)
    units = list(s)

    def trouble(u: str) -> float:
        return UNIT[u]["trouble"][area - 1] + rng.uniform(-0.15, 0.15)

    def current() -> str:
        return rollup(list(s.values()))

    if target == G:
        for u in units:
            if s[u] == R:
                s[u] = Y
        while current() != G:
            u = min((u for u in units if s[u] != G), key=trouble)
            s[u] = G
    elif target == R:
        while current() != R:
            cands = [u for u in units if s[u] != R]
            u = max(cands, key=lambda u: trouble(u) + (0.3 if s[u] == Y else 0))
            s[u] = R
    else:  # Gul
        while current() == R:
            u = min((u for u in units if s[u] == R), key=trouble)
            s[u] = Y
        if current() == G:
            risky = [u for u in units if UNIT[u]["trouble"][area - 1] >= 0.5]
            if risky and rng.random() < 0.35:
                s[max(risky, key=trouble)] = R
            else:
                while current() == G:
                    u = max((u for u in units if s[u] == G), key=trouble)
                    s[u] = Y
    assert current() == target, (statuses, target, s)
    return s


def make_statuses(rng: random.Random) -> dict[tuple[str, str, int], str]:
    out: dict[tuple[str, str, int], str] = {}
    for year in (2023, 2024):
        prev: dict[int, dict[str, str]] = {}
        for i, (key, _months) in enumerate(PERIODS[year]):
            reporters = [u for u in UNIT_IDS if (key, u) not in MISSING]
            for area in (1, 2, 3, 4):
                if key == SEED_PERIOD:
                    s = dict(SEED_STATUSES[area])
                else:
                    start = {}
                    for u in reporters:
                        t = UNIT[u]["trouble"][area - 1]
                        if year == 2024 and area == 4 and UNIT[u]["verksamhet"] == "Barn- och ungdomsvård":
                            t = min(1.0, t + 0.15)
                        if area in prev and u in prev[area] and rng.random() < 0.65:
                            start[u] = prev[area][u]
                        else:
                            start[u] = draw_status(rng, t)
                    s = fit_to_target(rng, start, TARGET_STRIPS[year][area][i], area)
                for u, st in s.items():
                    out[(key, u, area)] = st
                merged = dict(prev.get(area, {}))
                merged.update(s)
                prev[area] = merged
    return out


# --------------------------------------------------------------------------------------------
# Comments: phrase pools per area × status, unit words, and unit-specific details
# --------------------------------------------------------------------------------------------

POOLS = {
    1: {
        G: [
            "Stabil bemanning {tid} och låg sjukfrånvaro i arbetsgruppen.",
            "Alla tjänster är tillsatta och introduktionen av nya medarbetare har fungerat väl.",
            "Arbetsbelastningen har varit rimlig och medarbetarna beskriver god trivsel på arbetsplatsträffarna.",
            "Pulsmätningen visar ett fortsatt högt engagemang i arbetsgruppen.",
            "Kompetensutvecklingen följer planen och flera medarbetare har gått utbildning i {metod}.",
            "Gott samarbete i gruppen och korttidsfrånvaron har minskat {tid}.",
            "Full bemanning {tid} utan behov av konsulter.",
            "Medarbetarna är delaktiga i utvecklingsarbetet och arbetsmiljön upplevs som god.",
        ],
        Y: [
            "Hög arbetsbelastning {tid} med många {arenden} i förhållande till bemanningen.",
            "Två vakanser är under rekrytering och arbetet fördelas tillfälligt om i gruppen.",
            "Sjukfrånvaron har ökat något {tid}, vilket påverkar arbetsbelastningen för övriga medarbetare.",
            "Byte av gruppledare har skapat viss oro och stödet från enhetschefen har förstärkts.",
            "Arbetsmiljön är ansträngd men hanterbar och arbetsbelastningen stäms av varje vecka.",
            "Flera nyanställda är under introduktion, vilket tar tid från erfarna kollegor.",
            "Pulsmätningen visar något sämre resultat än tidigare, främst kring arbetsbelastning.",
        ],
        R: [
            "Hög sjukfrånvaro och flera avslut {tid} gör att arbetsbelastningen inte är hållbar.",
            "Tre tjänster är vakanta och det är svårt att rekrytera erfarna socionomer, konsulter har anlitats.",
            "Pulsmätningen visar tydligt försämrade resultat och medarbetarna beskriver hög stress.",
            "Personalomsättningen är hög och introduktionen av nya medarbetare tar mycket tid från kärnuppdraget.",
        ],
    },
    2: {
        G: [
            "Arbetet med {metod} fungerar väl och följs upp i ärendedragningar.",
            "Samverkan med {samverkan} har fungerat väl {tid}.",
            "Inga avvikelser har rapporterats {tid} och egenkontrollen visar goda resultat.",
            "Metoder för att upptäcka våld används i alla nya ärenden.",
            "Brukarenkäten visar att de flesta är nöjda med bemötandet.",
            "Rutinerna för dokumentation har setts över och följs.",
            "Förbättringsarbetet i enheten går enligt plan och nya arbetssätt har införts.",
        ],
        Y: [
            "Arbetet med {metod} har delvis fått stå tillbaka på grund av hög arbetsbelastning.",
            "Två avvikelser har rapporterats {tid} och åtgärder har vidtagits.",
            "Samverkan med {samverkan} behöver utvecklas och en gemensam rutin tas fram.",
            "Rutinen för att upptäcka våld är införd men används ännu inte fullt ut i hela enheten.",
            "Egenkontrollen visar brister i dokumentationen som nu åtgärdas.",
            "Förbättringsarbetet har gått långsammare än planerat {tid}.",
        ],
        R: [
            "Flera avvikelser på grund av organisatoriska hinder har rapporterats {tid}.",
            "Kvaliteten i {arenden} har inte kunnat säkras fullt ut på grund av hög belastning.",
            "Egenkontrollen visar brister i arbetet med {metod} och en åtgärdsplan tas fram.",
        ],
    },
    4: {
        G: [
            "Enheten håller budget och {kostnad} ligger i nivå med plan.",
            "Utfallet följer budget {tid}.",
            "{Kostnad} är lägre än budgeterat.",
            "Ekonomin är i balans och inga oförutsedda kostnader har uppstått {tid}.",
            "Resurserna används effektivt och enheten prognostiserar ett mindre överskott.",
        ],
        Y: [
            "{Kostnad} ligger något över budget och följs upp varje månad.",
            "Prognosen visar ett mindre underskott som enheten arbetar för att hämta hem.",
            "Högre kostnader {tid} ger en risk för underskott vid årets slut.",
            "Enheten håller budget totalt sett, men {kostnad} har ökat {tid}.",
        ],
        R: [
            "{Kostnad} överstiger budget kraftigt och prognosen visar underskott.",
            "Nya placeringar och fler köpta insatser ger ett tydligt underskott mot budget.",
            "Underskottet har ökat {tid} och åtgärder för att minska kostnaderna tas fram.",
        ],
    },
}

# Leverans is specific to what each unit delivers.
DELIVERY = {
    "MUBU1": {
        G: ["Alla förhandsbedömningar har gjorts inom 14 dagar {tid}.",
            "Utredningarna har avslutats inom lagstadgad tid och barnen har fått stöd i rätt tid."],
        Y: ["Ett ökat inflöde av orosanmälningar {tid} har gjort att några förhandsbedömningar dröjt.",
            "Några utredningar har förlängts på grund av hög arbetsbelastning."],
        R: ["Flera utredningar har inte avslutats inom fyra månader {tid}.",
            "Inflödet av orosanmälningar är så högt att förhandsbedömningar inte hinns med inom 14 dagar."],
    },
    "CAI": {
        G: ["Fem deltagare har gått vidare till arbete eller studier {tid}.",
            "Alla nya deltagare har fått en planering inom två veckor."],
        Y: ["Färre praktikplatser än planerat har gjort att några deltagare väntar på arbetsträning.",
            "Inflödet av nya deltagare har varit högre än kapaciteten {tid}."],
        R: ["Kön till arbetsträning har vuxit och deltagarna får inte insatser i rätt tid."],
    },
    "IUBU2": {
        G: ["Uppföljningen av beviljade insatser sker enligt plan.",
            "Alla utredningar har avslutats inom lagstadgad tid {tid}."],
        Y: ["Kön till familjebehandling har byggt på sig och några insatser har köpts externt.",
            "Några uppföljningar av insatser har skjutits upp {tid}."],
        R: ["Flera beslut om insatser har inte kunnat verkställas inom rimlig tid {tid}.",
            "Utredningstiderna överskrids i flera ärenden."],
    },
    "FAM": {
        G: ["Alla placerade barn har fått sina uppföljningsbesök enligt plan.",
            "Två nya familjehem har godkänts {tid}."],
        Y: ["Det är svårt att hitta jour- och familjehem och några barn har placerats i konsulentstödda hem.",
            "Familjerättens väntetid för samarbetssamtal har ökat {tid}."],
        R: ["Bristen på familjehem gör att barn inte kan placeras i egna familjehem.",
            "Flera familjehemsutredningar har inte kunnat påbörjas {tid}."],
    },
    "EKB": {
        G: ["Alla ansökningar har handlagts inom tio arbetsdagar {tid}.",
            "Nybesök har erbjudits inom en vecka och fler hushåll har gått vidare till egen försörjning."],
        Y: ["Handläggningstiden för ansökningar har ökat något {tid}.",
            "Fler hushåll söker bistånd på grund av höjda levnadskostnader, vilket förlänger väntetiden."],
        R: ["Handläggningstiden överskrider riktlinjernas tio arbetsdagar i flera ärenden."],
    },
    "HAST": {
        G: ["Alla beslut om boendeinsats har verkställts {tid}.",
            "Boendestödet har levererats enligt genomförandeplanerna."],
        Y: ["Boendeplatserna är fullbelagda och några beslut väntar på verkställighet.",
            "Boendestödet har fått prioriteras om {tid} på grund av frånvaro."],
        R: ["Boendeplatserna har varit fullbelagda och flera beslut om boendeinsats har inte kunnat verkställas {tid}.",
            "Bristen på utslussningslägenheter gör att de boende inte kan gå vidare och nya beslut inte verkställs."],
    },
    "RES1": {
        G: ["Föräldraskapsstödet har genomförts enligt plan med fulla grupper {tid}.",
            "SSPF-arbetet har nått de unga som identifierats i samverkan med skola och polis."],
        Y: ["Några föräldragrupper har fått skjutas upp {tid}.",
            "Efterfrågan på förebyggande stöd är större än kapaciteten."],
        R: ["Den förebyggande verksamheten har inte kunnat erbjuda insatser i den omfattning som planerats."],
    },
    "RES2": {
        G: ["Familjebehandlingen har kunnat starta inom två veckor från beslut {tid}.",
            "Behandlingsinsatserna har genomförts enligt plan."],
        Y: ["En kö till familjebehandling har uppstått och väntetiden är cirka fyra veckor.",
            "Några behandlingsinsatser har fått kortare omfattning {tid}."],
        R: ["Kön till familjebehandlingen har vuxit och flera familjer väntar mer än sex veckor."],
    },
    "SSS": {
        G: ["Alla våldsutsatta som sökt stöd har fått skyddsbedömning samma dag.",
            "Ärendena om våld i nära relation har hanterats inom utsatt tid {tid}."],
        Y: ["Antalet ärenden om våld i nära relation har ökat {tid}, vilket förlänger väntetiden för stödsamtal.",
            "Några skyddsplaceringar har fått göras i köpta platser."],
        R: ["Ärendeinflödet inom våld är så högt att stödsamtal inte kan erbjudas i rätt tid."],
    },
    "VUX": {
        G: ["Alla utredningar har avslutats inom lagstadgad tid och vårdplaner är upprättade.",
            "Öppenvården har kunnat ta emot nya klienter utan väntetid {tid}."],
        Y: ["Flera LVM-anmälningar {tid} har gjort att andra ärenden fått vänta.",
            "Väntetiden till öppenvården har ökat något."],
        R: ["Flera beslut om vård har inte kunnat verkställas {tid}."],
    },
    "BOG": {
        G: ["Alla hushåll med beslut om bostad har fått ett erbjudande {tid}.",
            "Förvaltningsstödet har levererat enligt plan."],
        Y: ["Färre lägenheter än planerat har blivit lediga, vilket förlänger väntetiden för bostad.",
            "Förvaltningsstödet har haft hög belastning {tid} och vissa ärenden har dröjt."],
        R: ["Bristen på lägenheter gör att flera hushåll inte fått bostad inom planerad tid.",
            "Inga lägenheter har kunnat förmedlas {tid} och beslut om bostad väntar på verkställighet."],
    },
}

# Second sentences: general per area × status, and details per unit that fit any status.
FOLLOW = {
    1: {G: ["Enheten fortsätter arbetet med arbetsmiljön på arbetsplatsträffarna.",
            "En medarbetare har gått vidare till en gruppledartjänst inom förvaltningen."],
        Y: ["Läget följs upp tillsammans med HR.", "Resurssocionomerna har avlastat enheten.",
            "Arbetsbelastningen följs upp varannan vecka."],
        R: ["En handlingsplan tas fram tillsammans med HR och företagshälsovården.",
            "En riskbedömning av arbetsmiljön är gjord och åtgärder pågår."]},
    2: {G: ["Goda exempel delas i förvaltningens kvalitetsforum."],
        Y: ["Arbetet följs upp på nästa ledningsgruppsmöte.", "Enheten har tagit fram en åtgärdsplan."],
        R: ["Avvikelserna har rapporterats till förvaltningsledningen.", "En åtgärdsplan följs upp varje vecka."]},
    3: {G: ["Enheten har god beredskap inför nästa period."],
        Y: ["Läget följs upp varje vecka.", "Prioriteringar görs i samråd med enhetschefen."],
        R: ["Ej verkställda beslut rapporteras till nämnden.", "Förvaltningsledningen har informerats."]},
    4: {G: ["Kostnaderna stäms av med controller varje månad.", "Enheten har god kontroll på kostnaderna."],
        Y: ["Kostnadsutvecklingen följs upp varje månad med controller.", "Åtgärder för att minska kostnaderna ses över."],
        R: ["En åtgärdsplan för att minska underskottet tas fram.", "Alla nya kostnader prövas av enhetschefen."]},
}

DETAILS = {
    "MUBU1": {1: ["Resurssocionomerna avlastar mottagningen vid toppar i inflödet.",
                  "Mottagningsgruppen har fått en ny gruppledare."],
              2: ["Barnets egen berättelse dokumenteras i alla utredningar.",
                  "Förhandsbedömningarna görs med stöd av BBIC."],
              4: ["Konsultkostnaderna följs varje månad.", "Tolkkostnaderna har ökat."]},
    "CAI": {1: ["Handledarna för feriejobben har introducerats.", "Två arbetsmarknadskonsulenter har gått utbildning i IPS."],
            2: ["Allverkstan och Sågen har infört nya rutiner för resurssortering.",
                "Deltagarnas synpunkter samlas in efter varje avslutad insats."],
            4: ["Statsbidrag och ESF-medel har rekvirerats enligt plan.",
                "Intäkterna från cafeterian och Allverkstan följer plan."]},
    "IUBU2": {1: ["Ny enhetschef har varit på plats sedan i våras.", "Gruppledarna har fått ledarskapsutbildning."],
              2: ["Ärendedragningar med Signs of Safety hålls varje vecka.",
                  "Barnsamtal genomförs i alla utredningar."],
              4: ["Placeringskostnaderna följs upp i varje ärende.",
                  "Egen öppenvård prövas alltid före köpta insatser."]},
    "FAM": {1: ["Familjehemssekreterarna har fått extern handledning.",
                "En ny familjerättssekreterare har börjat."],
            2: ["Familjehemmen har erbjudits utbildning i traumamedvetet förhållningssätt.",
                "Rutinen för umgänge med placerade barn har setts över."],
            4: ["Arvoden till familjehem har räknats upp enligt SKR:s rekommendationer.",
                "Fler barn placeras i egna familjehem i stället för konsulentstödda hem."]},
    "EKB": {1: ["Enheten har infört digitala ärendedragningar.", "Handläggarna har gått utbildning i motiverande samtal."],
            2: ["Fler hushåll använder den digitala ansökan.", "Rutinen för att upptäcka våld används vid nybesök."],
            4: ["Kontroller mot andra myndigheter görs för att förhindra välfärdsbrott.",
                "Hushåll med långvarigt bistånd följs upp tillsammans med CAI."]},
    "HAST": {1: ["Schemaläggningen har setts över för att minska ensamarbete.",
                 "Personalen har gått utbildning i lågaffektivt bemötande."],
             2: ["Genomförandeplanerna följs upp tillsammans med de boende.",
                 "Boenderåd har hållits med de boende."],
             4: ["Timanställda används endast vid frånvaro.", "Matkostnaderna har ökat till följd av prishöjningar."]},
    "RES1": {1: ["Två socionomer delar på SSPF-uppdraget.", "Fältassistenterna har fått nya arbetstider."],
             2: ["Föräldraskapsstöd erbjuds nu även på arabiska och somaliska.",
                 "Deltagarna i föräldragrupperna utvärderar varje kurs."],
             4: ["Gruppverksamheterna finansieras delvis med statsbidrag.",
                 "Material till föräldragrupperna tas fram digitalt."]},
    "RES2": {1: ["Behandlarna har gått fördjupningsutbildning i MI.", "Gruppen har haft handledning varannan vecka."],
             2: ["Behandlingsresultaten mäts före och efter insats.",
                 "Familjebehandlingen arbetar familjeorienterat tillsammans med vuxenenheten."],
             4: ["Egen öppenvård ersätter köpta insatser där det är möjligt.",
                 "Behandlingsplatserna är fullt utnyttjade."]},
    "SSS": {1: ["Säkerhetsrutinerna för medarbetare har uppdaterats.", "Nya medarbetare har fått introduktion i våldsarbetet."],
            2: ["FREDA-bedömningar görs i alla ärenden om våld i nära relation.",
                "Samverkan med kvinnojouren har formaliserats i en överenskommelse."],
            4: ["Kostnaderna för skyddat boende följs i varje placering.",
                "Egna träningslägenheter används i stället för köpta platser där det går."]},
    "VUX": {1: ["Gruppen har stöttats av en resurssocionom.", "Två nya socialsekreterare har börjat."],
            2: ["Samordnade individuella planer upprättas tillsammans med beroendevården.",
                "Brukarrådet har träffats och gett synpunkter på bemötandet."],
            4: ["Egna öppenvårdsinsatser prioriteras före köpt vård.", "LVM-placeringarna följs upp varje vecka."]},
    "BOG": {1: ["Förvaltningsstödet har fördelat om uppgifter mellan administratörerna.",
                "Bogruppen har fått en ny samordnare."],
            2: ["Rutinerna för diarieföring har setts över.", "Rutinen för hyresavtal i andra hand har uppdaterats."],
            4: ["Hyresförlusterna i försökslägenheterna följs upp.", "Lokalbehovet ses över inför flytten till flexkontor."]},
}

# Hand-written comments for the seed period, built on the seed report's texts.
SEED_COMMENTS = {
    ("MUBU1", 1): "Hög belastning under större delen av sommaren och socionomkonsulter har fått anlitas i juni och juli.",
    ("IUBU2", 1): "Läget är stabiliserat efter en ansträngd sommar och nya medarbetare börjar i augusti.",
    ("SSS", 1): "Ärendebelastningen inom våld ökar markant, vilket kräver åtgärder under hösten.",
    ("RES1", 1): "Två socionomer har anställts för SSPF-uppdraget inom den förebyggande verksamheten.",
    ("BOG", 1): "Informationen om flexkontor i kommunhuset har väckt både positiva reaktioner och viss oro.",
    ("MUBU1", 2): "Lokal barn- och ungdomssamverkan har genomförts och dialogen fortsätter i en arbetsgrupp.",
    ("SSS", 2): "Aktiviteter för att upptäcka våld utvecklas och införs i verksamheten.",
    ("RES1", 2): "Den förebyggande verksamhetens samverkan med skolan fungerar bra men rutinerna för SSPF är inte klara.",
    ("IUBU2", 3): "Kön till familjebehandlingen har byggt på sig under sommaren.",
    ("HAST", 3): "Boendeplatserna har varit fullbelagda under sommaren och två beslut om boendeinsats har inte kunnat verkställas.",
    ("SSS", 3): "Många nya ansökningar och anmälningar om våld under sommarperioden.",
    ("VUX", 3): "Flera LVM-anmälningar under sommaren, framför allt från sjukvården men även från polisen.",
    ("BOG", 3): "Bristen på lägenheter har gjort att flera hushåll inte fått bostad inom planerad tid.",
    ("IUBU2", 4): "Ökningen av LVU under våren och sommaren har gett höga kostnader för jour- och familjehem.",
    ("FAM", 4): "Svårt att få fram jour- och familjehem, vilket ger högre kostnader för konsulentstödda hem.",
    ("CAI", 4): "Allverkstan återanvänder material och Sågen har bytt dieselbil mot elbil.",
}


def time_phrase(key: str) -> str:
    if ".." in key:
        a, b = key.split("..")
        return f"under {MONTHS_LONG[int(a[5:]) - 1]}–{MONTHS_LONG[int(b[5:]) - 1]}"
    return f"i {MONTHS_LONG[int(key[5:]) - 1]}"


def fill(template: str, unit: dict, key: str) -> str:
    words = {k: unit[k] for k in ("arenden", "grupp", "metod", "samverkan", "kostnad")}
    words["Kostnad"] = unit["kostnad"][0].upper() + unit["kostnad"][1:]
    words["tid"] = time_phrase(key)
    text = template.format(**words)
    return text[0].upper() + text[1:]


def make_comment(rng: random.Random, unit: dict, area: int, status: str, key: str) -> str:
    first_pool = DELIVERY[unit["id"]][status] if area == 3 else POOLS[area][status]
    first = fill(rng.choice(first_pool), unit, key)
    x = rng.random()
    if x < 0.35:
        return first
    if x < 0.65 and area in DETAILS[unit["id"]]:
        second = rng.choice(DETAILS[unit["id"]][area])
    else:
        second = rng.choice(FOLLOW[area][status])
    return f"{first} {fill(second, unit, key)}"


def split_sentences(text: str) -> list[str]:
    return [p.strip() for p in text.replace(". ", ".|").split("|") if p.strip()]


def make_comments(rng: random.Random, statuses: dict[tuple[str, str, int], str]) -> dict:
    comments = {}
    for year in (2023, 2024):
        last: dict[tuple[str, int], str] = {}
        for key, _ in PERIODS[year]:
            for uid in UNIT_IDS:
                for area in (1, 2, 3, 4):
                    if (key, uid, area) not in statuses:
                        continue
                    status = statuses[(key, uid, area)]
                    if key == SEED_PERIOD and (uid, area) in SEED_COMMENTS:
                        text = SEED_COMMENTS[(uid, area)]
                    else:
                        before = set(split_sentences(last.get((uid, area), "")))
                        for _ in range(40):
                            text = make_comment(rng, UNIT[uid], area, status, key)
                            if not before & set(split_sentences(text)):
                                break
                    if (key, uid, area) == SCRIPT_COMMENT:
                        text = ("Ny rutin <script>alert(1)</script> införd för samordnade individuella planer "
                                "tillsammans med beroendevården.")
                    comments[(key, uid, area)] = text
                    last[(uid, area)] = text
    return comments


# --------------------------------------------------------------------------------------------
# Indicator values (administration level)
# --------------------------------------------------------------------------------------------

def period_months(year: int) -> list[tuple[str, list[int]]]:
    return PERIODS[year]


def make_indicator_values(rng: random.Random) -> dict[tuple[str, str], float]:
    vals: dict[tuple[str, str], float] = {}
    sjuk_season = [9.4, 9.1, 8.7, 8.2, 7.6, 6.4, 5.9, 7.1, 8.0, 8.4, 8.9, 9.2]
    oms = {2023: [15.2, 15.4, 15.5, 15.9, 16.2, 16.5, 16.8, 16.9, 17.1, 17.4, 17.6, 17.8],
           2024: [17.5, 17.1, 16.8, 16.4, 15.9, 15.5, 15.2, 15.0]}
    frisk = {2023: [61.2, 60.8, 60.5, 60.1, 59.6, 59.2, 58.9, 58.6, 58.2, 57.9, 57.6, 57.4],
             2024: [57.9, 58.3, 58.8, 59.1, 59.4, 59.3, 59.0, 59.6]}
    vald_units = {2023: [4, 4, 5, 5, 6, 7, 7, 7, 8, 8, 9, 9], 2024: [9, 9, 10, 10, 10, 11, 11, 11]}
    fs10 = {2023: [96, 97, 99, 98, 100, 102, 103, 104, 105, 106, 107, 108],
            2024: [106, 107, 108, 108, 109, 110, 111, 112]}
    barnfam = {2023: [148, 150, 151, 153, 154, 155, 156, 156, 155, 154, 153, 152],
               2024: [151, 150, 148, 147, 145, 143, 141, 139]}
    plac = {2023: [31, 31, 32, 33, 33, 34, 35, 35, 36, 36, 37, 37],
            2024: [36, 37, 37, 38, 38, 39, 39, 40]}
    for year in (2023, 2024):
        n_months = 12 if year == 2023 else 8
        sjuk = [round(s * (1.0 if year == 2023 else 0.93) + rng.uniform(-0.25, 0.25), 1) for s in sjuk_season]
        sjalv, kopt, kons, lfs = [], [], [], []
        cum = [0.0, 0.0, 0.0, 0.0]
        for m in range(1, 13):
            summer = m in (6, 7)
            gain = rng.randint(4, 7) if year == 2023 else rng.randint(5, 8)
            if summer:
                gain -= 2
            cum[0] += gain
            cum[1] += (5100 if year == 2023 else 5480) * rng.uniform(0.93, 1.08) * (1.06 if m >= 8 else 1.0)
            cum[2] += ((1250 if summer else 690) if year == 2023 else (620 if summer else 430)) * rng.uniform(0.85, 1.15)
            cum[3] += (1150 if year == 2023 else 1235) * rng.uniform(0.95, 1.05)
            sjalv.append(cum[0])
            kopt.append(round(cum[1]))
            kons.append(round(cum[2]))
            lfs.append(round(cum[3]))
        avv = [rng.randint(3, 8) if year == 2023 else rng.randint(2, 7) for _ in range(12)]
        for key, months in period_months(year):
            last = months[-1] - 1
            if last >= n_months:
                continue
            sj = round(sum(sjuk[m - 1] for m in months) / len(months), 1)
            vals[(key, "SJUK")] = sj
            vals[(key, "OMS")] = oms[year][last]
            vals[(key, "FRISK")] = frisk[year][last]
            vals[(key, "VALD")] = round(vald_units[year][last] / 11 * 100, 1)
            vals[(key, "AVV")] = sum(avv[m - 1] for m in months)
            vals[(key, "FS10")] = fs10[year][last]
            vals[(key, "BARNFAM")] = barnfam[year][last]
            vals[(key, "SJALV")] = sjalv[last]
            vals[(key, "PLAC")] = plac[year][last]
            vals[(key, "KOPT")] = kopt[last]
            vals[(key, "KONS")] = kons[last]
            vals[(key, "LFS")] = lfs[last]
    return vals


# --------------------------------------------------------------------------------------------
# Economy (tkr, net cost negative)
# --------------------------------------------------------------------------------------------

BUDGET = {
    2023: [-93900, -79400, -73600, -28100, -16900, -8713],     # sums to -300 613
    # The plan's budget 2024. Its printed rows (-96 798, -81 607, -79 162, -25 737, -17 606, -7 942) add up to
    # -308 852 against the printed total -308 853: the rows are rounded. Unrounded rows that print as the plan's
    # and add up exactly to -308 853:
    2024: [-96798.4, -81607.3, -79162.3, -25737, -17606, -7942],
}
T2_2023 = [-90272, -77512, -79565, -25514, -16179, -4301]       # the plan's "Prognos 2023*" (T2)

# Full-year forecasts per month and activity area. None: no forecast (January, and June, which has no
# economic report of its own).
# Values marked exact are kept as written; the others get a little noise.
FORECAST_2023 = {
    1: None,
    2: [-93200, -79100, -74600, -27700, -16800, -7900],
    3: [-92100, -78500, -75400, -26900, -16500, -6200],
    4: [-91000, -77900, -76200, -26100, -16300, -4900],
    5: [-90272, -77512, -76930, -25514, -16179, -4301],          # exact: total -290 708
    6: None,                                                    # no economic report for the summer: the
                                                                # June–July report compares July with May
    7: [-90272, -77512, -79530, -25514, -16179, -4301],          # exact: total -293 308
    8: T2_2023,                                                 # exact: the plan's T2 column
    9: [-90400, -77700, -80400, -25450, -16200, -4290],
    10: [-90600, -77900, -81000, -25400, -16220, -4280],
    11: [-90750, -78050, -81250, -25380, -16230, -4270],
    12: "outcome",                                              # the year's outcome
}
EXACT_2023 = {5, 7, 8}
OUTCOME_2023 = [-90843, -78126, -81388, -25371, -16244, -4262]  # sums to -296 234

FORECAST_2024 = {
    1: None,
    2: [-96400, -81500, -80100, -25800, -17550, -7500],
    3: [-96500, -81400, -80600, -25950, -17500, -7600],
    4: [-96300, -81300, -81300, -26100, -17450, -7300],
    5: [-96200, -81500, -81800, -26200, -17400, -7100],
    6: None,
    7: [-96100, -81700, -82600, -26300, -17350, -6900],
    8: [-96050, -81800, -82950, -26350, -17300, -6800],
}

# Rough seasonal profile of monthly net cost (holiday pay in June, year-end accruals in December).
SEASON = [0.96, 0.97, 1.0, 0.99, 1.0, 1.08, 0.86, 0.95, 1.01, 1.02, 1.01, 1.15]


def make_economy(rng: random.Random) -> list[dict]:
    rows = []
    for year, forecasts, last_month in ((2023, FORECAST_2023, 12), (2024, FORECAST_2024, 8)):
        resolved: dict[int, list[int] | None] = {}
        for m in range(1, last_month + 1):
            f = forecasts[m]
            if f == "outcome":
                f = list(OUTCOME_2023)
            elif f is not None and not (year == 2023 and m in EXACT_2023):
                f = [v + rng.randint(-60, 60) for v in f]
            resolved[m] = f
        # The year's cost per area that the outcome to date builds towards.
        if year == 2023:
            year_cost = OUTCOME_2023
        else:
            year_cost = resolved[last_month]
        for a, activity in enumerate(ACTIVITIES):
            w = [SEASON[i] * rng.uniform(0.96, 1.04) for i in range(12)]
            total_w = sum(w)
            cum = 0.0
            for m in range(1, last_month + 1):
                cum += w[m - 1]
                utfall = round(year_cost[a] * cum / total_w)
                fc = resolved[m]
                rows.append({
                    "period": f"{year}-{m:02d}",
                    "verksamhet": activity,
                    "budget": BUDGET[year][a],
                    "utfall": utfall,
                    "prognos": None if fc is None else fc[a],
                })
    rows.sort(key=lambda r: (r["period"], ACTIVITIES.index(r["verksamhet"])))
    return rows


# --------------------------------------------------------------------------------------------
# Texts (Markdown)
# --------------------------------------------------------------------------------------------

def sv(x: float, decimals: int = 0) -> str:
    """Swedish number for running text: space as thousands separator, comma as decimal sign."""
    neg = x < 0 and round(abs(x), decimals) != 0
    s = f"{abs(x):,.{decimals}f}".replace(",", " ").replace(".", ",")
    return ("-" if neg else "") + s


def mnkr(tkr: float) -> str:
    return f"{sv(tkr / 1000, 1)} mnkr"


def pct(x: float, decimals: int = 1) -> str:
    return f"{sv(x, decimals)} %"


SEED_EVENTS = """\
Många nya ansökningar och anmälningar har inkommit kring våld under sommarperioden.

Det har inkommit flertal LVM-anmälningar under sommaren, framförallt från sjukvård men även från polisen.

Hög belastning på barn- och ungdomsenheterna under större delen av sommaren. Läget är stabiliserat för tillfället.

SSPF-anställningar har gjorts i förvaltningen. SSPF står för samordning skola, socialtjänst, polis och fritid och \
uppdraget är placerat inom Resursenhetens förebyggande verksamhet. Två socionomer kommer att dela på uppdraget.

För att minimera behovet av konsulter har två resurssocionomer rekryterats internt. Syftet är att minska kostnader, \
förbättra arbetsmiljö och få en högre kvalitet i det sociala arbetet. Resurssocionomerna har kunskap om arbetssätt \
och målarbete i Exempelkommun, de är kända i arbetsgrupperna och har ett upparbetat kontaktnätverk. Rollen är \
dessutom en karriärväg för erfarna socialsekreterare som vill stanna i Exempelkommun, men utvecklas i yrkesrollen.

Införandet av det nya verksamhetssystemet är planerat till april 2024.

17 augusti kom 20 ukrainska barn för att vara på sommarläger i Exempelkommun. De stannar i två veckor och de kommer \
att ha ett gediget, men anpassat aktivitetsschema under tiden i Sverige. Situationen för många barn i Ukraina är svår \
med ständiga flyglarm och risk för bombningar. Barnen kommer från Bilohorodka, Exempelkommuns partnerkommun sedan \
slutet av juni i år. Två lärare är medföljande på resan.

Informationen om omställningen till flexkontor i kommunhuset har genererat både positiva reaktioner och viss oro för \
hur det kommer att fungera. Omställningen är tänkt att förbättra den bristande arbetsmiljön som har varit en realitet \
för många av förvaltningens medarbetare under lång tid.

Ingen separat ekonomisk rapport görs för juni–juli, utan först till delårsrapport 2 som redovisas i september. En kort \
beskrivning av det ekonomiska läget görs under målområde 4.
"""

SEED_ANALYSIS = {
    1: """\
Arbetsbelastningen var ansträngd inom stora delar av förvaltningen. Mot bakgrund av att vissa enheter har haft hög \
belastning under lång tid har det funnits oro över hur personalen skulle orka hela vägen fram till semestern. En högre \
personalomsättning, chefs- och arbetsledarbyten, hög sjukfrånvaro och dessutom många barn, vuxna och familjer i behov \
av stöd, har påverkat arbetsmiljön negativt för många av medarbetarna.

Enhetschefer, gruppledare och medarbetare har samarbetat effektivt för att hantera den ansträngda situationen på \
Barn- och ungdomsenheterna. Tyvärr har det varit nödvändigt att anlita fler socionomkonsulter under juni och juli. \
Framåt hösten kommer det dock att finnas förutsättningar för att återställa stabiliteten med nya medarbetare och nytt \
ledarskap på plats.

Ärendebelastningen och arbetsbelastningen inom våld ökar markant, vilket kräver åtgärder under hösten.
""",
    2: """\
Lokal Barn- och ungdomssamverkan har genomförts under våren och utifrån dessa möten sker fortsatt dialog i utsedd \
arbetsgrupp kring hur vi kan forma en egen variant av tidiga samordnade insatser inom Exempelkommun.

Samverkan med barn- och utbildningsförvaltningen sker fortlöpande och regelbundet genom möten med enhetschef BUE, \
grundskolechef samt verksamhetschef för centrala elevhälsan en gång i månaden.

Aktiviteter för att upptäcka våld utvecklas och införs i verksamheterna.
""",
    3: """\
En ökning av ärenden under längre tid påverkar socialtjänstens leverans till medborgarna. Genom samverkan, samarbete \
och flexibilitet hos chefer och medarbetare har medborgarna fått det stöd de har behov av.

Kön till familjebehandlingen har dock under sommaren byggt på sig. Några beslut under början av sommaren har inte \
verkställts inom lagstadgad tid.
""",
    4: """\
Sex av elva enheter bedömer att målet är uppfyllt. Barn- och ungdomsenheterna och enheterna inom vård för vuxna \
redovisar ökade kostnader, främst för placeringar, jour- och familjehem och socionomkonsulter.

Helårsprognosen visar fortfarande ett överskott mot budget, och budgetavvikelsen bedöms som Grön. Ingen separat \
ekonomisk rapport görs för juni–juli; det ekonomiska läget beskrivs kort under Ekonomi i korthet.
""",
}

SEED_ECONOMY = """\
Den preliminära avvikelsen mot föregående prognos i maj beräknas till -2,6 mnkr. De ökade kostnaderna kan härledas \
exklusivt till barn- och ungdomsenheterna. Orsakerna är flera men ökningen av nya ärenden (18 % fler än samma period \
2022), men även allvarlighetsgrad och komplexitet. Detta i kombination med hög arbetsbelastning, hög \
personalomsättning och högre sjukfrånvaro påverkar kostnaderna. När det inte går att uppehålla en hög grad av stöd \
ökar risken för placeringar. Det har dessutom bildats kö till egen familjebehandling, vilket resulterar i köpta \
insatser till högre kostnad.

Ökningen av LVU under vår och sommar har lett till att det varit mycket svårt att få fram jour- och familjehem till \
barnen, något som också medför högre kostnader. Kostnader för externa socionomkonsulter förväntas vara höga resten av \
året på grund av pågående rekryteringar. Ärenden på grund av våld i nära relation har ökat. En beräkning av \
genomsnittet visar på en ökning med 75 procent av antal aktualiseringar under innevarande period 2023 i jämförelse \
med 2022.

Helårsprognos för utbetalt ekonomiskt bistånd uppgår för Individ- och familjeomsorgen till 26,1 mnkr och för \
integrationsområdet till 5,6 mnkr.

**Cirkulära resultat:**

Verksamheterna inom CAI har upprättat flera arbetssätt och rutiner för att bli mer miljö- och klimatsmarta.

- Allverkstan resurssorterar tyger, tvättar upp och återanvänder material för produkter som säljs i cafeterian.
- Allverkstan sopsorterar i våra lunchrum på plan 1 och Regnbågsgatan samt Radiovägen.
- Sågen och Servicegruppen använder HVO100 Drivmedel och har bytt ut dieselbil till elbil.
- Cafeterian sopsorterar, handlar ekonomismart, har minimalt med matsvinn, har minimerat plastförbrukningen, minskat \
engångsartiklar och använder miljövänliga städprodukter.
- Den småskaliga odlingen på Sågen har gett skörd.
- Tidsrapporteringen för feriejobbarna görs i år på prov digitalt för ett antal ungdomar.
- Digitala signeringsprocesser införs.
"""

EVENTS = {
    "2023-01": [
        "Enhetsplanerna för 2023 har startats upp på alla enheter och målen har brutits ned till enhetsmål.",
        "Arbetet med en gemensam rutin för att upptäcka och förebygga våld har påbörjats.",
        "Fler hushåll söker ekonomiskt bistånd på grund av höjda kostnader för el och livsmedel.",
    ],
    "2023-02": [
        "Nämnden har behandlat verksamhetsberättelsen för 2022.",
        "Centrum för arbete och integration har öppnat en ny praktikverkstad på Sågen.",
        "Avtalet om nytt verksamhetssystem är klart och projektet har startat.",
    ],
    "2023-03": [
        "Inflödet av orosanmälningar till mottagningen har ökat, särskilt från skolan.",
        "Rekrytering av två gruppledare till barn- och ungdomsenheterna pågår.",
        "Förvaltningen har deltagit i strategidagar inför kommunplan 2024.",
    ],
    "2023-04": [
        "Lokal barn- och ungdomssamverkan har startat med möten mellan socialtjänst, skola, polis och fritid.",
        "Årets feriejobb har annonserats och antalet ansökningar är högre än förra året.",
        "Nämnden har behandlat månadsrapporten för mars.",
    ],
    "2023-05": [
        "Nämnden har behandlat delårsrapport 1.",
        "Ökningen av LVU-ärenden under våren har gjort det svårt att hitta jour- och familjehem.",
        "Semesterplaneringen är klar. Bemanningen på barn- och ungdomsenheterna är ansträngd inför sommaren.",
    ],
    "2023-08": [
        "Nya medarbetare och en ny enhetschef är på plats på Insats och utredning barn och unga 2.",
        "Sommarlägret för de ukrainska barnen från partnerkommunen Bilohorodka har avslutats.",
        "Arbetet med delårsrapport 2 pågår. Helårsprognosen har försämrats något sedan maj, främst inom "
        "barn- och ungdomsvården.",
    ],
    "2023-09": [
        "Nämnden har behandlat delårsrapport 2.",
        "Ett förstärkt arbete mot våld i nära relation har startat med en extra socialsekreterare på Enheten för "
        "socialt stöd och skydd.",
        "Förslaget till nämnd- och förvaltningsplan 2024 har tagits fram.",
    ],
    "2023-10": [
        "Nämnden har beslutat om nämnd- och förvaltningsplan 2024.",
        "Omställningen till flexkontor i kommunhuset är genomförd.",
        "Kostnaderna för externa placeringar fortsätter att öka.",
    ],
    "2023-11": [
        "Nämnden har behandlat månadsrapporten för oktober.",
        "Resurssocionomerna har avlastat barn- och ungdomsenheterna och konsultkostnaderna minskar.",
        "Höstens pulsmätning visar förbättrade resultat kring ledarskap.",
    ],
    "2023-12": [
        "Enhetsplaner för 2024 har tagits fram.",
        "Superanvändare har utbildats inför införandet av det nya verksamhetssystemet i april 2024.",
        "Årets utfall visar ett överskott mot budget, men barn- och ungdomsvården går med underskott.",
    ],
    "2024-01": [
        "Den årliga utredningen av arbetsmiljön 2023 har genomförts.",
        "Arbetet med en familjecentral tillsammans med regionen har startat.",
        "SSPF-arbetet har utvidgats till två nya skolområden.",
    ],
    "2024-02": [
        "Nämnden har antagit verksamhetsberättelsen för 2023.",
        "Förvaltningen har deltagit i strategidagen inför kommunplan 2025.",
        "Inflödet av ärenden till barn- och ungdomsenheterna är fortsatt högt.",
    ],
    "2024-03": [
        "Det nya verksamhetssystemet har testats av superanvändarna inför driftstarten i april.",
        "Bogruppen/förvaltningsstöd har inte lämnat någon bedömning för mars på grund av arbetet med migreringen "
        "till det nya verksamhetssystemet.",
        "Den nya lagen om skyddat boende har trätt i kraft och rutinerna har uppdaterats.",
    ],
    "2024-04": [
        "Det nya verksamhetssystemet har tagits i drift.",
        "Nämnden har behandlat månadsrapporten för mars.",
        "Den årliga översynen av taxor och avgifter har gjorts.",
    ],
    "2024-05": [
        "Nämnden har behandlat delårsrapport 1.",
        "Avtalet med regionen om en gemensam familjecentral är klart.",
        "Fler ungdomar än förra året har fått ett första feriejobb, varav drygt tio procent ungdomar med "
        "funktionsnedsättning.",
    ],
    "2024-06..2024-07": [
        "Sommaren har varit lugnare än förra året på barn- och ungdomsenheterna tack vare stabilare bemanning.",
        "Antalet ärenden om våld i nära relation är fortsatt högt.",
        "Ingen separat ekonomisk rapport görs för juni–juli. Det ekonomiska läget beskrivs kort under målområde 4 "
        "och redovisas i delårsrapport 2.",
    ],
    "2024-08": [
        "Arbetet med delårsrapport 2 pågår.",
        "Förberedelserna för den nya socialtjänstlagen 2025 har startat i alla enheter.",
        "Uppföljningen av strategidagen för nämnd- och förvaltningsplan 2025 har genomförts.",
    ],
}

NARRATIVE = {
    1: {G: ["Arbetsmiljön bedöms som stabil i flertalet enheter. Rekryteringarna har gått enligt plan och "
            "introduktionen av nya medarbetare fungerar väl.",
            "Enheterna beskriver en rimlig arbetsbelastning och ett gott samarbete mellan grupperna. Arbetet med "
            "karriärvägar och resurssocionomer fortsätter.",
            "Medarbetarna är i huvudsak motiverade och delaktiga. Kompetensutvecklingen följer planen."],
        Y: ["Arbetsbelastningen är ansträngd i delar av förvaltningen, särskilt inom barn- och ungdomsenheterna. "
            "Vakanser och sjukfrånvaro påverkar och arbetsbelastningen följs upp kontinuerligt.",
            "Flera enheter har haft chefs- och gruppledarbyten, vilket har skapat viss oro. Stödet till nya ledare har "
            "förstärkts.",
            "Sjukfrånvaron är fortsatt för hög i några enheter. Förvaltningen arbetar tillsammans med HR och "
            "företagshälsovården med förebyggande åtgärder."],
        R: ["Hög sjukfrånvaro och personalomsättning gör att arbetsbelastningen inte är hållbar i flera enheter. "
            "En handlingsplan tas fram tillsammans med HR."]},
    2: {G: ["Samverkan inom förvaltningen och med skola, polis och fritid fungerar väl. Metoderna för att upptäcka "
            "våld används i allt fler enheter.",
            "Förbättringsarbetet följer planen och få avvikelser har rapporterats.",
            "Arbetet med familjeorienterade arbetssätt har kommit långt och följs upp i ärendedragningar."],
        Y: ["Förbättringsarbetet har delvis fått stå tillbaka på grund av hög arbetsbelastning, och uppföljningen av "
            "nya rutiner har dröjt i några enheter.",
            "Några avvikelser på grund av organisatoriska hinder har rapporterats och åtgärder har vidtagits.",
            "Samverkan med barn- och utbildningsförvaltningen fungerar, men rutinerna för tidiga samordnade insatser "
            "behöver utvecklas."],
        R: ["Flera avvikelser på grund av organisatoriska hinder visar att kvaliteten inte kan säkras fullt ut. "
            "Förvaltningsledningen följer upp åtgärderna varje vecka."]},
    3: {G: ["Medborgarna har fått stöd och insatser i rätt tid. Inga beslut har rapporterats som ej verkställda.",
            "Flödet av ärenden har varit stabilt och enheterna har kunnat leverera enligt plan.",
            "Fler deltagare hos CAI har gått vidare till arbete eller studier, och de förebyggande insatserna har "
            "nått fler familjer."],
        Y: ["Ett ökat inflöde av ärenden påverkar leveransen. Genom samarbete mellan enheterna har medborgarna ändå "
            "i huvudsak fått det stöd de behöver.",
            "Köer har uppstått till några insatser, främst familjebehandling och boende.",
            "Bristen på bostäder gör att en del beslut om boende inte kan verkställas i tid."],
        R: ["Flera beslut har inte kunnat verkställas i tid och köerna till boende och familjebehandling har vuxit. "
            "Ej verkställda beslut rapporteras till nämnden."]},
    4: {G: ["Verksamheterna använder resurserna effektivt och nämnden prognostiserar ett resultat i nivå med eller "
            "bättre än budget.",
            "Kostnadsutvecklingen är under kontroll. Arbetet med att minska köpta insatser och konsulter fortsätter."],
        Y: ["Kostnaderna för placeringar och köpta insatser ökar, främst inom barn- och ungdomsvården. Övriga "
            "verksamheter håller i stort sett budget.",
            "Flera enheter redovisar kostnader över budget. Åtgärder för att minska köpta insatser och konsulter "
            "pågår."],
        R: ["Flera enheter, främst inom barn- och ungdomsvården, redovisar tydliga underskott på grund av nya "
            "placeringar och köpta insatser. En åtgärdsplan tas fram.",
            "Kostnaderna för externa placeringar och konsulter överstiger budget i flera enheter. Alla nya kostnader "
            "prövas av förvaltningsledningen."]},
}


def same_period_last_year(key: str) -> str:
    if ".." in key:
        a, b = key.split("..")
        return f"{int(a[:4]) - 1}{a[4:]}..{int(b[:4]) - 1}{b[4:]}"
    return f"{int(key[:4]) - 1}{key[4:]}"


def indicator_sentences(area: int, key: str, vals: dict) -> list[str]:
    year = int(key[:4])
    ly = same_period_last_year(key)
    out = []

    def cmp(ind: str, label: str, unit: str, dec: int, higher_better: bool) -> str:
        v = vals[(key, ind)]
        show = (lambda x: pct(x, dec)) if unit == "%" else (lambda x: sv(x, dec) + (" tkr" if unit == "tkr" else ""))
        text = f"{label} var {show(v)}"
        if year == 2024 and (ly, ind) in vals:
            w = vals[(ly, ind)]
            better = (v > w) if higher_better else (v < w)
            trend = "en förbättring" if better else ("oförändrat" if v == w else "en försämring")
            text += f", jämfört med {show(w)} samma period 2023 ({trend})"
        return text + "."

    if area == 1:
        out.append(cmp("SJUK", f"Sjukfrånvaron {time_phrase(key)}", "%", 1, False))
        out.append(cmp("OMS", "Personalomsättningen de senaste tolv månaderna", "%", 1, False))
    elif area == 2:
        v = vals[(key, "VALD")]
        n = round(v * 11 / 100)
        out.append(f"{n} av 11 enheter ({pct(v, 0 if float(v).is_integer() else 1)}) tillämpar metoder för att upptäcka och förebygga våld. "
                   "Målet är att alla enheter gör det.")
        out.append(cmp("AVV", f"Antalet avvikelser beroende på organisatoriska hinder {time_phrase(key)}", "antal", 0,
                       False))
    elif area == 3:
        out.append(cmp("FS10", "Antalet hushåll med försörjningsstöd mer än tio månader", "antal", 0, False))
        out.append(cmp("PLAC", "Antalet externa placeringar vid periodens slut", "antal", 0, False))
    else:
        out.append(cmp("KOPT", "Kostnaderna för köpta insatser och externa placeringar hittills i år", "tkr", 0,
                       False))
    return out


def distribution_sentence(key: str, area: int, statuses: dict) -> str:
    got = [(u, statuses[(key, u, area)]) for u in UNIT_IDS if (key, u, area) in statuses]
    n = len(got)
    cg, cy, cr = (sum(1 for _, s in got if s == x) for x in (G, Y, R))
    parts = [f"{cg} av {n} enheter bedömer att målet är uppfyllt"]
    if cy:
        parts.append(f"{cy} att det är delvis uppfyllt")
    if cr:
        parts.append(f"{cr} att det inte är uppfyllt")
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    text += "."
    reds = [UNIT[u]["namn"] for u, s in got if s == R]
    if reds:
        names = reds[0] if len(reds) == 1 else ", ".join(reds[:-1]) + " och " + reds[-1]
        text += f" Röd bedömning lämnas av {names}."
    missing = [UNIT[u]["namn"] for u in UNIT_IDS if (key, u, area) not in statuses]
    if missing:
        text += f" {', '.join(missing)} har inte rapporterat för perioden."
    return text


def make_analysis(rng: random.Random, key: str, area: int, outcome: str, statuses: dict, vals: dict,
                  last_choice: dict) -> str:
    pool = NARRATIVE[area][outcome]
    choices = [p for p in pool if p != last_choice.get(area)] or pool
    story = rng.choice(choices)
    last_choice[area] = story
    paras = [distribution_sentence(key, area, statuses), story, " ".join(indicator_sentences(area, key, vals))]
    return "\n\n".join(paras) + "\n"


AREA_REASON_OVER = {
    "Barn- och ungdomsvård": "främst på grund av fler placeringar, köpta insatser och kostnader för socionomkonsulter",
    "Vård för vuxna": "främst på grund av fler placeringar enligt LVM och i skyddat boende",
    "Ekonomiskt bistånd": "främst på grund av fler hushåll med långvarigt försörjningsstöd",
    "Förvaltningsövergripande": "främst på grund av högre lokalkostnader",
    "Arbetsmarknad": "främst på grund av fler anställningsstöd",
    "Integration": "främst på grund av fler anvisade nyanlända",
}
AREA_REASON_UNDER = {
    "Barn- och ungdomsvård": "tack vare färre köpta insatser",
    "Vård för vuxna": "tack vare färre köpta platser",
    "Ekonomiskt bistånd": "tack vare att fler hushåll har blivit självförsörjande",
    "Förvaltningsövergripande": "främst tack vare vakanser och ej utnyttjade utvecklingsmedel",
    "Arbetsmarknad": "främst tack vare statsbidrag och ESF-medel",
    "Integration": "eftersom färre nyanlända än beräknat har anvisats till kommunen",
}


def make_economy_text(key: str, economy: list[dict]) -> str:
    year = int(key[:4])
    month = int(key[-2:])
    month_key = f"{year}-{month:02d}"
    rows = [r for r in economy if r["period"] == month_key]
    budget = sum(r["budget"] for r in rows)
    outcome = sum(r["utfall"] for r in rows)
    mname = MONTHS_LONG[month - 1]
    paras = []
    if rows[0]["prognos"] is None:
        paras.append(f"Ingen helårsprognos görs för {mname}. Utfallet för {mname} uppgår till {mnkr(outcome)}, "
                     f"vilket motsvarar {pct(outcome / budget * 100)} av årsbudgeten på {mnkr(budget)}.")
        paras.append("Den första helårsprognosen för året görs i februari.")
        return "\n\n".join(paras) + "\n"
    forecast = sum(r["prognos"] for r in rows)
    dev = forecast - budget
    dev_pct = dev / abs(budget) * 100
    sign = "positiv" if dev >= 0 else "negativ"
    if month == 12:
        paras.append(f"Årets utfall uppgår till {mnkr(outcome)} mot en budget på {mnkr(budget)}. Det ger en {sign} "
                     f"avvikelse på {mnkr(abs(dev))} ({pct(abs(dev_pct), 2)}).")
    else:
        label = {4: " i delårsrapport 1", 8: " i delårsrapport 2"}.get(month, "")
        if abs(dev) < 500:
            paras.append(f"Helårsprognosen{label} uppgår till {mnkr(forecast)}, vilket är i nivå med budgeten på "
                         f"{mnkr(budget)} (en avvikelse på {sv(dev)} tkr). Utfallet till och med {mname} är "
                         f"{mnkr(outcome)}.")
        else:
            paras.append(f"Helårsprognosen{label} uppgår till {mnkr(forecast)} mot en budget på {mnkr(budget)}, "
                         f"vilket innebär en {sign} avvikelse på {mnkr(abs(dev))} ({pct(abs(dev_pct), 2)}). "
                         f"Utfallet till och med {mname} är {mnkr(outcome)}.")
    # change since the previous forecast of the same year
    prev = None
    for m in range(month - 1, 0, -1):
        prow = [r for r in economy if r["period"] == f"{year}-{m:02d}"]
        if prow[0]["prognos"] is not None and (".." not in key or m < 6):
            prev = (m, sum(r["prognos"] for r in prow))
            break
    if month != 12:
        if prev is None:
            paras[-1] += " Detta är årets första helårsprognos."
        else:
            change = forecast - prev[1]
            if abs(change) < 50:
                paras[-1] += f" Prognosen är i stort sett oförändrad jämfört med {MONTHS_LONG[prev[0] - 1]}."
            else:
                how = "förbättrats" if change > 0 else "försämrats"
                paras[-1] += (f" Jämfört med prognosen i {MONTHS_LONG[prev[0] - 1]} har den {how} med "
                              f"{mnkr(abs(change))}.")
    devs = [(r["verksamhet"], (r["prognos"] - r["budget"])) for r in rows]
    worst = min(devs, key=lambda d: d[1])
    best = max(devs, key=lambda d: d[1])
    verb = "visar" if month == 12 else "prognostiserar"
    if worst[1] < -100:
        paras.append(f"{worst[0]} {verb} ett underskott på {mnkr(-worst[1])}, {AREA_REASON_OVER[worst[0]]}.")
    if best[1] > 100:
        paras.append(f"{best[0]} {verb} ett överskott på {mnkr(best[1])}, {AREA_REASON_UNDER[best[0]]}.")
    if ".." in key:
        paras.insert(0, "Ingen separat ekonomisk rapport görs för juni–juli. Siffrorna avser läget efter juli.")
    return "\n\n".join(paras) + "\n"


def make_events(key: str) -> str:
    if key == SEED_PERIOD:
        return SEED_EVENTS
    return "\n".join(f"- {e}" for e in EVENTS[key]) + "\n"


# --------------------------------------------------------------------------------------------
# Annual plan 2024 (nämnd- och förvaltningsplan): tables and texts, from seed 003
# --------------------------------------------------------------------------------------------

PLAN_YEAR = 2024

# "Budget 2024 / Nettokostnad per verksamhet", tkr: utfall 2022, prognos 2023 (T2), budget 2024. The printed
# rows' budget column adds up to -308 852 against the printed total -308 853 (the rows are rounded): both are
# stored as printed.
NET_COSTS_2024 = [
    ("Förvaltningsövergripande", -85797, -90272, -96798),
    ("Vård för vuxna", -72031, -77512, -81607),
    ("Barn- och ungdomsvård", -70159, -79565, -79162),
    ("Ekonomiskt bistånd", -28131, -25514, -25737),
    ("Arbetsmarknad", -13263, -16179, -17606),
    ("Integration", -4263, -4301, -7942),
]
NET_COSTS_2024_TOTAL = ("Totalt", -273644, -293343, -308853)
NET_COSTS_FORECAST = "Prognos T2"
assert [r[0] for r in NET_COSTS_2024] == ACTIVITIES
assert [r[2] for r in NET_COSTS_2024] == T2_2023, "the plan's 2023 forecast is the T2 forecast in ekonomi"
assert sum(r[1] for r in NET_COSTS_2024) == NET_COSTS_2024_TOTAL[1]
assert sum(r[2] for r in NET_COSTS_2024) == NET_COSTS_2024_TOTAL[2]
assert sum(r[3] for r in NET_COSTS_2024) == NET_COSTS_2024_TOTAL[3] + 1   # the deliberate rounding difference
assert round(sum(BUDGET[2024])) == NET_COSTS_2024_TOTAL[3]

# "Kommunbidrag": (typ, rubrik, belopp, procent, bas, kommentar). Net-cost sign: negative increases the allocation.
ALLOCATION_2024 = [
    ("start", "Kommunbidrag 2023", -300613, None, None, None),
    ("förändring", "demografi", -1622, None, None, None),
    # The base makes the rate reproduce the amount (4,1 % of −298 561 = −12 241), so a changed rate is consistent.
    ("förändring", "prisuppräkning", -12241, "4,1", -298561, None),
    ("förändring", "teknisk justering", -3787, None, None,
     "Avser främst kompensation för en högre kostnad för kollektivavtalad pension 2024 jämfört med 2023."),
    ("förändring", "effektivisering", 8000, None, None, None),
    ("förändring", "nedtrappning beslutat i kommunplan 2022", 1410, None, None,
     "- Satsning insatser för lägre arbetslöshet och fler sommarjobb −500 tkr\n"
     "- Satsning på att köpa platser på sociala företag −410 tkr\n"
     "- Utökad satsning etableringscentrum −500 tkr"),
    ("slut", "Kommunbidrag 2024", -308853, None, None, None),
]
assert sum(r[2] for r in ALLOCATION_2024[:-1]) == ALLOCATION_2024[-1][2], "the bridge must add up"
assert ALLOCATION_2024[0][2] == round(sum(BUDGET[2023])) and ALLOCATION_2024[-1][2] == round(sum(BUDGET[2024]))

# "Riskhanteringsplan arbetsmarknads- och socialnämnden":
# (id, area, risk, sannolikhet, konsekvens, riskvärde, åtgärder). The seed gives "5x4=20", "4x4=16", "(20)" (value
# only) and "5x4" (factors only); the rest carry no value. No legible assessment of the actions.
RISKS_2024 = [
    ("R1", 1, "Hög sjukfrånvaro och fortsatt hög personalomsättning på grund av bristande psykosocial arbetsmiljö",
     5, 4, 20,
     ["Aktiviteter för att skapa förutsättningar för en rimlig arbetsbelastning:",
      "Resurssocionomer (interna konsulter)",
      "Introduktion för nyanställda",
      "Utökat samarbete mellan enheterna",
      "Uppföljning av arbetsbelastning kontinuerligt",
      "Utveckling av karriärvägar",
      "Använda företagshälsovården"]),
    ("R2", 1, "Otillbörlig påverkan och hot och/eller våld", None, None, None,
     ["Ökad kunskap hos chefer och medarbetare om otillbörlig påverkan",
      "Uppdatera rutiner",
      "Stärka säkerhetsmedvetenheten"]),
    ("R3", 2, "Nytt verksamhetssystem försenas kraftigt", 4, 4, 16,
     ["Styrgruppen utvärderar kontinuerligt med superanvändarna på enheterna",
      "Styrgruppen har tät dialog med leverantören om krav på leverans inom tidplan"]),
    ("R4", 3, "Barn och unga hamnar i kriminell livsstil", None, None, None,
     ["Samverkan mellan socialtjänst, polis, skola, fritid och andra samhällsaktörer",
      "Tidiga samordnade insatser",
      "Kommunikationsinsatser"]),
    ("R5", 3, "Bristande samverkan med regionen och statliga myndigheter vilket innebär en förskjutning av "
              "arbetsuppgifter och kostnader till kommunen", None, None, 20,
     ["Rapportera avvikelser",
      "Dialog",
      "Lyfta till högre nivå i olika nätverk"]),
    ("R6", 4, "Långsam digital utveckling", 5, 4, None,
     ["Dialog med ansvarig stab (ITD)",
      "Behovsanalyser",
      "Kontaktperson i förvaltningen"]),
    ("R7", 4, "Ökande kostnader för externa placeringar", None, None, None,
     ["Prioritering av interna boendeinsatser",
      "Egen öppenvård prioriteras",
      "Utveckling av kvalificerade insatser i eget hem"]),
]
for _r in RISKS_2024:
    assert _r[3] is None or _r[4] is None or _r[5] is None or _r[3] * _r[4] == _r[5], _r

# "Ersättningsnivåer": (insats, variant, belopp kr, enhet, beskrivning once per service).
RATES_2024 = [
    ("Boendestöd", None, 443, "kr per timme",
     "Utföraren ersätts för utförda timmar på dagtid, kvällstid och helg inom ramen för den enskildes "
     "biståndsbeslut/beställning där totalt antal timmar per vecka framgår."),
    ("Sysselsättning", "Heltid", 6979, "kr per månad",
     "Ersättningen utgår från ett individuellt biståndsbeslut. Samtliga kostnader för uppdraget ingår i "
     "ersättningen till Utföraren."),
    ("Sysselsättning", "Deltid", 5596, "kr per månad", None),
    ("Familjerådgivning", None, 1507, "kr per samtal",
     "Varje rådgivningssamtal omfattar 90 minuters samtalstid och 30 minuters administration relaterad till "
     "samtalet. Ersättningen gäller oavsett om en eller två rådgivare utfört rådgivningen. I ersättningen ingår "
     "egenavgift 300 kr som Utföraren tar ut direkt av kunden."),
]

# "Aktiviteter från Tillgänglighetsplanen": the plan leaves comment and assessment empty.
ACCESSIBILITY_2024 = [
    "Minst 10 procent av kommunens feriejobb ska gå till ungdomar med funktionsnedsättning.",
    "Aktivt arbeta för att rekrytera praktikplatser och arbetstillfällen med insteg, ”supported employment” eller "
    "andra anställningsstöd från Arbetsförmedlingen speciellt för funktionsnedsatta.",
    "Beakta tillgänglighetsperspektivet vid revidering av lokalbehovsanalyser.",
]

PLAN_TEXTS = {
    "politiska-prioriteringar": """\
I Exempelkommun ska familjer och individer som är i behov av samhällets skyddsnät få rätt stöd i rätt tid. Det är \
genom god samverkan inom kommunens alla verksamheter och tillsammans med externa aktörer som vi skapar en stärkt \
socialtjänst. Styret i Exempelkommun lägger stor vikt vid det förebyggande arbetet, för att nå brett, tidigt och rusta \
familjer och individer inför framtidens utmaningar. Det förebyggande arbetet börjar tidigt, redan vid födseln, därför \
ska förvaltningen under året arbeta tillsammans med regionen för att öppna en familjecentral i Exempelkommun.

Socialtjänsten spelar en viktig roll för att främja trygga livsvillkor för barn och unga. En förutsättning för ett \
framgångsrikt brottsförebyggande arbete är samverkan inom kommunens verksamheter. En viktig del i detta är arbetet \
med SSPF (samverkan mellan skola, socialtjänst, polis och fritid) som startades under 2023 och som fortsatt kommer \
att utvecklas.

Arbetet med att ställa om till ny socialtjänstlag och arbetet med en god och nära vård har påbörjats och kommer \
fortsatt utvecklas inom alla verksamheter. Arbetet som påbörjats för att bidra till vårt civila försvar ska fortsatt \
utvecklas.

En meningsfull sysselsättning och möjligheten till självförsörjning är en prioritet för styret, därför utvecklar vi \
fler arbetsmarknadsåtgärder och lägger särskilt stort fokus på unga vuxna.

När individens stödbehov förändras ska vi arbeta kommungemensamt i en sömlös organisation för att undvika att \
människor faller mellan stolarna. Grundförutsättningen för detta är kompetent personal som känner motivation till att \
utveckla sitt arbete och som trivs på sin arbetsplats.

Oavsett antalet anvisade nyanlända så kommer insatser för integration vara en viktig del av det kommungemensamma \
arbetet. Detta gäller även våra familjer och individer som omfattas av massflyktsdirektivet och som fortsatt ska \
stöttas.
""",
    "nulagesanalys": """\
Nuläges- och omvärldsanalysen beskriver viktiga händelser och områden som påverkar arbetsmarknads- och \
socialförvaltningen.

## Beredskap för förändrade förutsättningar i omvärlden

De senaste årens globala kriser har ökat fokus på risker och vår sårbarhet samt tydliggjort behovet av beredskap. \
Ingen vet precis hur kommande kriser kommer att se ut, men de blir sannolikt helt annorlunda och med andra och \
oväntade konsekvenser än tidigare. Det är viktigt att se krisberedskapen som den förmåga som skapas i många aktörers \
dagliga verksamhet och inte bara förmågan hos en utpekad organisation eller en aktör. Därför behöver förvaltningen se \
till att krisberedskapen och frågan om förstärkt civilt försvar får genomslag i hela verksamheten.

**Förändringstryck**

- Utveckla förvaltningens arbete med kontinuitetshantering.

## Ökad polarisering och utsatthet – värna det demokratiska samhället

I Sverige är befolkningens tillit till medmänniskor och till samhällets institutioner hög. Det finns dock tendenser \
sedan ett par år tillbaka att tilliten minskar, bland annat ökad misstro till socialtjänsten. Till detta kommer ökade \
skillnader vad gäller till exempel arbetslöshet och upplevd trygghet. Den höga inflationen i kombination med höjda \
elpriser och höjda räntor riskerar att öka fattigdomen vilket i sin tur kan leda till ökad social utsatthet. \
Förekomsten av gängkriminalitet i samband med ökad fattigdom innebär en stor risk för att barn rekryteras till grov \
brottslighet som det sedan blir svårt att lämna. Bristen på bostäder innebär att många familjer bor i osäkra \
andrahandslägenheter med risk att bli utslängda med kort varsel. Det innebär också att förutsättningar för att ta \
emot stöd av olika slag i hemmet inte är möjligt för många människor.

**Förändringstryck**

- Värna barn och ungas välmående och motverka framtida utanförskap genom främjande arbete.
- Förhindra rekrytering till och erbjuda sätt att lämna kriminell livsstil.
- Utvecklat samarbete med polis och civilsamhället.
- Utveckla alternativa stöd- och boendeinsatser.

## Ökat behov av livslångt lärande och kompetensförsörjning

Konkurrensen om arbetskraft är stor inom förvaltningens verksamhetsområden. Det är av största vikt att uppfattas som \
en bra arbetsgivare för att säkerställa kompetensförsörjningen på längre sikt.

Inom de enheter som arbetar med myndighetsutövning gällande barn och ungdomar har personalomsättningen och \
sjukfrånvaron varit oroande hög under 2023. Orsakerna till detta är flera. Viktigast är att arbetet som \
socialsekreterare har blivit mer krävande med mycket komplexa ärenden och svårare problematik hos allt yngre barn. \
För att möta detta krävs en arbetssituation som innebär tid för möten med de familjer man arbetar med, stöd i form av \
närvarande arbetsledning och tillgång till evidensbaserade metoder i mötet med barnen, ungdomarna och deras familjer.

En mer positiv anledning till viss personalomsättning är att många socialsekreterare arbetat en längre tid inom \
förvaltningen och vill gå vidare till andra tjänster som gruppledare, verksamhetsutvecklare och liknande.

I det hårdnande samhällsklimatet med gängkriminalitet och skjutningar har säkerheten för våra medarbetare blivit allt \
viktigare. Arbetet med säkerhet behöver utvecklas så att våra medarbetare känner sig trygga i mötet med medborgarna.

För att behålla medarbetare som gör ett bra arbete men som inte är intresserade av att gå vidare till arbetsledande \
tjänster behöver vi skapa alternativ. Det är av stor vikt för verksamheterna att erfarna, kompetenta medarbetare \
väljer att stanna kvar för att säkerställa en hög kvalitet på det stöd vi erbjuder bland annat genom att handleda \
mindre erfarna kollegor. Inom förvaltningen uppmuntras möjligheten att prova på anställningar inom andra enheter.

**Förändringstryck**

- Motverka personalomsättning med hjälp av bättre ledningsstöd till socialsekreterare.
- Utveckla karriärvägar samt möjlighet att prova andra tjänster inom förvaltningen.
- Förstärkt säkerhetsarbete för medarbetare i utsatt position.

## Digitalisering, digital säkerhet och delaktighet

Den ökade digitaliseringen i samhället ställer stora krav på medborgarnas förmåga att hantera olika digitala \
kommunikationsvägar. Många personer som lever i olika former av social utsatthet lever också i ett digitalt \
utanförskap. Detta innebär att de inte kan hantera sina ärenden hos olika myndigheter och än mindre delta i samhället \
på lika villkor som övriga medborgare. Omställningen inom socialtjänsten där färre medarbetare ska räcka till för \
fler ställer krav på ökad tillgång till digitala verktyg för medborgarna.

**Förändringstryck**

- Motverka digitalt utanförskap genom att tillhandahålla kunskapshöjande aktiviteter för kommunens medborgare.
- Utveckling av digitala lösningar för medborgarna.

## Globala klimatförändringar får konsekvenser, nu och i framtiden

Prioritering på verksamheter i Exempelkommun innebär ett minskat resande både för medborgarna och för medarbetarna. \
Digitala möten ersätter i allt högre grad fysiska möten.

**Förändringstryck**

- Fortsatt satsning på digitala möten där dessa utgör fullgoda alternativ.
- Fortsatt utveckla egna verksamheter som alternativ till externa placeringar.

## Ekonomins utveckling och ekonomiska förutsättningar

Inflationen och det ekonomiska läget leder till ekonomiska utmaningar. Inflationen innebär att kostnaderna för \
kommuner kommer att öka och att det blir svårare att klara av alla de utmaningar som socialtjänsten ställs inför. \
Inom flera av förvaltningens områden sker en förskjutning av uppdrag från staten och regionen utan att kommunen \
kompenseras för detta. Omställning till en mer tillgänglig och förebyggande socialtjänst kommer att leda till \
utmaningar. Behovet av individanpassade insatser kvarstår under en ganska lång tid, samtidigt som förebyggande \
lösningar inte får direkt effekt.

**Förändringstryck**

- Öka förmågan att anpassa verksamheten till förändrade förutsättningar med bibehållen leveransförmåga, kvalitet och \
god arbetsmiljö.
- Fortsätta arbetet med ständiga förbättringar och hitta smartare arbetssätt för att nå målen.
- Effektivisera genom minskad byråkrati i hela organisationen samt sätta processer och sedan följa dem.
- Ställa om till mer förebyggande insatser och stöd.

## Ny lagstiftning

Socialtjänsten står inför en rad nya lagar som kommer att påverka verksamheten. Det finns ett förslag om ny \
socialtjänstlag som i korthet ställer högre krav på kommunerna att erbjuda tidiga insatser utan biståndsbeslut, \
ökade krav på att verksamheten ska vara kunskapsbaserad och bygga på evidens samt att socialtjänsten ska främja \
människors jämställda levnadsvillkor. För att möta dessa krav behöver förvaltningen börja ställa om verksamheten \
redan under året. Lagen förväntas träda i kraft 1 juli 2025.

Den 1 mars träder troligen en ny lag i kraft, Ett fönster av möjligheter – stärkta rättigheter för barn och vuxna i \
skyddat boende. Regeringen föreslår att skyddat boende ska regleras i socialtjänstlagen. Barn som följer med en \
vårdnadshavare till ett skyddat boende ska bedömas och beviljas insatsen individuellt. Saknas samtycke från den \
vårdnadshavare som barnet inte placeras tillsammans med, ska socialnämnden, efter ansökan hos förvaltningsrätten, \
kunna placera barnet i ett skyddat boende med stöd av en ny lag. En sådan placering ska även kunna göras omedelbart \
av socialnämnden och underställas förvaltningsrätten. Regeringen föreslår att det ska krävas tillstånd från \
Inspektionen för vård och omsorg för att få bedriva verksamhet i form av skyddat boende.

**Förändringstryck**

- Anpassa verksamheten till kommande lagstiftning.
- Förbereda för ny socialtjänstlag 2025.
""",
    "vision": """\
Exempelkommuns vision beskriver den långsiktiga målsättningen med allt som görs av och i kommunen. Visionen är helt i \
samklang med det som eftersträvas i Agenda 2030.

## Vision

> I Exempelkommun finns det hållbara livet,\\
> nära storstad, skog och skärgård.\\
> I Exempelkommun finns plats för alla – här trivs nya tankar.\\
> Tillsammans skapar vi trygghet och tillit.\\
> Exempelkommun är hemma!

## Mål och uppdrag

Mål är viktiga för att leda allt som görs i rätt riktning mot den övergripande visionen. Exempelkommuns \
kommunkoncern har i fyra målområden konkretiserat vad som är viktigt att uppnå för att kommunen ska röra sig i rätt \
riktning mot visionen. Till varje målområde finns konkretiserade mål och indikatorer som mäter måluppfyllelsen. Det \
finns även politiska uppdrag kopplade till målen. Det är uppdrag som verksamheten ska arbeta särskilt med för att \
uppnå målen. Ett politiskt uppdrag är övergripande. För att läsa mer om hur målen följs upp, se bilaga 2.

De kommunövergripande mål som ska uppnås, för att på sikt nå visionen, finns formulerade i kommunplanen inom fyra \
målområden:

- Motiverade medarbetare hos Sveriges bästa offentliga arbetsgivare
- Kvalitetsförbättringar skapar vi tillsammans, hela tiden
- Exempelkommun levererar bra välfärdstjänster som skapar goda livsvillkor – här finns plats för alla
- Hållbar ekonomi – kostnadseffektiv, balanserad och cirkulär

Kommunplanen är utgångspunkten för hela måldelningskedjan. I nämnd- och förvaltningsplanen tydliggörs hur nämndens \
och förvaltningens verksamhet ska bidra till att de kommunövergripande målen nås.

## Nämnd- och förvaltningsmål

Arbetsmarknads- och socialnämndens och förvaltningens bidrag till kommunfullmäktiges mål formuleras som effektmål, \
det vill säga vad nämnden och förvaltningen ska uppnå för effekter för de som nämnden och förvaltningen finns till \
för, för att kommunen ska nå de övergripande målen. Indikatorer är vad som följs för att veta hur verksamheterna \
ligger till i förhållande till målet.
""",
    "politiskt-uppdrag-1": """\
Använd digitaliseringens möjligheter, tillitsfullt ledarskap och nya sätt för att använda den kompetens som finns hos \
människor som idag står utanför arbetsmarknaden, för att säkra kommunens kompetensförsörjning och för Exempelkommun i \
stort.
""",
    "politiskt-uppdrag-2": """\
Det övergripande uppdraget är att arbeta kommungemensamt.
""",
    "politiskt-uppdrag-3": """\
- Barn och ungas upplevelse av trygghet, tillhörighet och välmående ska öka, under hela dygnet i hela Exempelkommun. \
Den psykiska ohälsan ska minska. Behovsstyrd utveckling av välfärdsteknologin ska bidra till att äldre och personer \
med funktionsnedsättning i Exempelkommun upplever en ökad trygghet, även när andelen äldre ökar samtidigt som \
personer i yrkesför ålder minskar.
- Kommunkoncernen tillsammans med andra samhällsaktörer ska samverka för att fånga upp ungdomar i riskzon samt \
förhindra att ungdomar hamnar i drogmissbruk och gängkriminalitet.
- Insatserna för särskilt utsatta grupper långt från arbetsmarknaden ska även fortsatt vara prioriterat i \
Exempelkommun och självförsörjandegraden ska öka. Den resurs som finns i Exempelkommun i form av människor som står \
utanför arbetsmarknaden utvecklas i nära samarbete mellan näringslivet och kommunen utifrån näringslivets behov av \
kompetens, så att anställningsbarheten i den gruppen ökar.
""",
    "politiskt-uppdrag-4": """\
Kommunen ska ha förmågan att anpassa verksamheten utifrån förändrade förutsättningar med bibehållen leveransförmåga, \
kvalitet och god arbetsmiljö. Arbetet med att säkerställa att skattemedel används optimalt ska fortsätta genom att \
aktivt arbeta med effektiviseringar och ständiga förbättringar. Kommunen ska arbeta för att upptäcka och förhindra \
välfärdsbrott.
""",
    "inriktning-1": """\
Medarbetare bedriver en bra verksamhet med hög kvalitet och med fokus på leverans för invånarna i Exempelkommun. Vi \
behåller personal genom kompetensutveckling och att skapa alternativa karriärvägar inom förvaltningen.

Organisationen bygger på en flexibilitet mellan enheterna där medarbetare ska ha förutsättningar att bedriva sitt \
kärnuppdrag. Medarbetare ska känna trygghet i att våga prova nya saker för att skapa smarta lösningar för individens \
bästa.
""",
    "inriktning-2": """\
Barn och unga ska få rätt stöd i rätt tid, förebyggande insatser prioriteras. Samverkan stärks med barn- och \
utbildningsförvaltningen för att tidigt identifiera och ge stöd till barn och unga i behov av samordnat stöd. \
Samverkan börjar redan i förskolan och fortsätter tills den unga lämnar skolan och påbörjar en annan sysselsättning. \
Tillsammans med kultur- och fritidsförvaltningen ökar vi tillgängligheten till en meningsfull vardag för fler \
invånare i Exempelkommun. I samverkan med regionen ska vi arbeta för att öppna en familjecentral.

Socialtjänsten spelar en stor och viktig roll för att främja barn och ungas möjlighet till en trygg och meningsfull \
uppväxt. Vikten av förebyggande arbete är centralt i arbetet att stävja gängkriminalitet och otrygghet i samhället. \
Samverkan sker framförallt inom förvaltningens verksamheter och med polis, fritid och skola för att stärka insatserna \
kring familjer och individer.
""",
    "inriktning-3": """\
Tidiga insatser och förebyggande arbete prioriteras i alla förvaltningens verksamheter. Arbetet för att stärka \
barnets perspektiv och barnets talan stärks genom kunskapsutveckling. Föräldrautbildningar utvecklas samt genomförs \
på fler språk för att nå fler målgrupper.

I samverkan mellan förvaltningens enheter, polisen och externa aktörer ska vi utveckla arbetssätt för att motverka \
grov kriminalitet, ge stöd till avhoppare och arbeta förebyggande för att främja trygga och goda livsvillkor för våra \
barn och unga.

Vi ska motverka våld och stötta våldsutsatta genom samverkan med civilsamhället och våra förebyggande insatser. \
Kommunens insatser för våldsutsatta ska utvecklas och det våldspreventiva arbetet ska nå fler grupper.

Exempelkommun ska kommungemensamt utveckla sina insatser för att stötta de som omfattas av massflyktsdirektivet även \
framåt. Kommunens integrationsarbete ska stärkas med fokus på att öka familjers och individers självständighet och \
känsla av samhörighet.

Kommunens arbetsmarknadsåtgärder fokuserar på unga vuxna utan sysselsättning samt individer som står allra längst \
ifrån arbetsmarknaden. I samverkan med utbildningsförvaltningen skapas nya arbetssätt för att få fler unga ut i \
arbete eller studier. Fler ungdomar ska få möjlighet till ett första feriejobb.

Trygga levnadsvillkor är en förutsättning för familjer och individer för att ta emot insatser. Inom förvaltningens \
enheter skapas förutsättningar för en hållbar boendekedja i kombination med rätt insats i rätt tid. Samverkan mellan \
socialtjänsten och samhällsbyggnadskontoret ska fortsatt utvecklas för att bidra till en socialt hållbar \
samhällsplanering i Exempelkommun.
""",
    "inriktning-4": """\
Förvaltningens verksamheter ska arbeta i enlighet med kommunens klimatplan. Kommunens stöd till invånarna i \
Exempelkommun ska i stor utsträckning ske nära individen för ökad social och ekologisk hållbarhet. Behovet av externa \
konsulter och inhyrd personal ska fortsatt minska.
""",
    "riskhantering": """\
All verksamhet innefattar visst mått av osäkerhet och risk. Att hantera osäkerheter och risker innebär att \
identifiera, analysera och utarbeta strategier för att proaktivt bemöta dem med syfte att säkerställa att \
verksamheten når sina mål.
""",
    # The number of FTE and units is computed from enheter.csv by the report: no figures here.
    "resurser": """\
Arbetsmarknads- och socialförvaltningen är organiserad i enheter som var och en följer upp sina mål och sin ekonomi \
varje månad. Tabellen visar antalet tillsvidareanställda årsarbetare per enhet.
""",
    "bilaga-1": """\
# Bilaga 1 – Prövning av barnets bästa

## Bakgrund

FN:s konvention om barnets rättigheter som ratificerades 1990 blev svensk lag, barnrättslagen, den 1 januari 2020. \
Lagen innebär att barnets bästa ska prövas innan olika beslut fattas, och att medborgarna har rätt att överklaga \
beslut med hänvisning till den nya lagen. Detta dokument innehåller en barnkonsekvensanalys, det vill säga en analys \
av hur beslutet om nämndplan påverkar barn samt en beskrivning av hur barns behov och barns rättigheter har beaktats \
i arbetet med nämndplanen.

## Barnets rättigheter

Barnkonventionen innehåller 54 artiklar som alla tillsammans utgör en helhet. Fyra av artiklarna utgör de \
grundläggande och vägledande principerna som alltid ska beaktas vid frågor som rör barn. Det handlar om barnets rätt \
till icke-diskriminering (artikel 2), barnets rätt att få sitt bästa prövat (artikel 3), barnets rätt till liv, \
överlevnad och utveckling (artikel 6) samt barnets rätt att komma till tals (artikel 12).

## Hur barnets bästa beaktas inom arbetsmarknads- och socialnämndens verksamhet

Verksamheterna inom arbetsmarknads- och socialförvaltningen styrs av socialtjänstlagen. I socialtjänstlagen är \
barnkonventionen i största del en integrerad del i lagstiftningen, och barnperspektivet beaktas i det dagliga \
utövandet.

Inom arbetsmarknads- och socialförvaltningen arbetar fem enheter direkt med barn och deras föräldrar. Barn- och \
ungdomsenheten är uppdelad i två delar, en del som hanterar mottagning av nya ärenden och utreder en del av dessa och \
en del som också utreder nya ärenden men även följer upp beviljade insatser. Även Resursenheten består av två delar, \
en som arbetar med förebyggande insatser och en som arbetar med behandling. Enheten för familjevård med familjerätt \
arbetar med att rekrytera familjehem, genomföra placeringar i familjehem och följa upp dessa placeringar samt erbjuda \
stöd i olika familjerättsliga frågor. Ung i Exempelkommun vänder sig till ungdomar från 16 år. De beslut som fattas \
utgår från barnets/den unges behov och rättigheter. Inom övriga enheter möter man vuxna som i många fall även är \
föräldrar och även i dessa ärenden beaktas barnets rättigheter. Barnkonsekvensanalyser genomförs då beslut fattas och \
barnets situation finns beskriven i den vuxnes utredning. Verksamheterna har sedan flera år arbetat familjeorienterat \
med familjer där det förekommer problematiskt bruk av alkohol och droger. Under 2024 kommer det familjeorienterade \
arbetssättet att implementeras för att även gälla andra problem som påverkar en familj. Arbetssättet innebär i \
korthet att de enheter som möter en familj samverkar för att ge bästa möjliga stöd utifrån vad som är bäst för \
barnet.

## Hur barnets bästa beaktas i arbetsmarknads- och socialnämndens nämndplan och prioriteringar för 2024

I kommunplanen anges de fyra målområdena motiverade medarbetare hos Sveriges bästa offentliga arbetsgivare, \
kvalitetsförbättringar skapar vi tillsammans, hela tiden, Exempelkommun levererar bra välfärdstjänster som skapar \
goda livsvillkor – här finns plats för alla och hållbar ekonomi – kostnadseffektiv, balanserad och cirkulär. I \
nämndplanen anges mål inom dessa målområden för arbetsmarknads- och socialnämndens områden. Samtliga mål syftar till, \
precis som de kommunövergripande målen, att all verksamhet i förvaltningen tar ansvar för att ta barn och deras bästa \
i beaktande vid frågor som rör barn, i enlighet med barnkonventionens artiklar.

Nämndmålen *Förhållningssätt och arbetsmetoder utgår alltid från förebyggande och familjeorienterat perspektiv* samt \
*Samordning av kommunens resurser och verksamheter främjar att barn och unga har trygga livsvillkor* är direkt \
riktade till bland annat barn och unga. Utifrån nämndmålen tar varje enhet fram konkreta, mätbara enhetsmål \
inklusive indikatorer. Dessa mål och indikatorer följs därefter upp månadsvis. Det är i den uppföljningen som \
effekterna för barnen synliggörs, vilket även ligger till grund för uppföljning av nämndmålen och de politiska \
prioriteringarna.

I kommunplanen och nämndplanen anges de politiska prioriteringarna för arbetsmarknads- och socialförvaltningen. \
Detta avspeglas också i de ekonomiska prioriteringarna vid fördelning av anslagen mellan och inom \
verksamhetsområden. Genom trygghetsskapande och tidiga samordnade insatser ska det främjande elevhälsoarbetet och \
tryggheten för unga i Exempelkommun öka. Politiken visar också tydligt att en fortsatt god samverkan mellan individ- \
och familjeomsorg och skola är viktig för att tidigt identifiera om insatser behövs och att ett anhörigstöd ska \
införas vilket alla är satsningar som främjar barns bästa.
""",
    "bilaga-2": """\
# Bilaga 2 – Uppföljning

## Månadsrapporter

Uppföljning av målen sker genom förvaltningens månadsrapporter som redovisas för nämnden i april och november. I maj \
och september redovisas delårsuppföljningar. Indikatorer och enheternas måluppfyllnad utgör underlag för \
bedömningen på förvaltningsnivå. För att visa måluppfyllnaden för månaden används färgerna grönt, gult och rött.

## Avtalsuppföljningar

Uppföljning och kontroll av verksamhet som genom avtal lämnats över till privata utförare ska prioriteras och \
särskilt inriktas på medborgarfokus, säkerhet och risker för ekonomiska oegentligheter. Kontroll- och \
uppföljningsarbete av verksamhet som bedrivs i egen regi ska utformas på liknande sätt som för privata utförare. \
Avtals- och uppdragsuppföljningar sker enligt förvaltningens plan eller på förekommen anledning. Resultatet redovisas \
i verksamhetsberättelsen. Allvarliga avvikelser rapporteras skyndsamt till nämnden.

## Granskningsplan

Verksamheter som följs upp 2024 redovisas i särskild granskningsplan som beslutas i nämnd i samband med att \
nämndplanen antas. Granskningen genomförs av ett fristående granskningsorgan i kommunen i syfte att bidra till att \
kvaliteten i verksamheterna säkras och utvecklas.

Granskningar återrapporteras till nämnden då den är slutförd och eventuella avvikelser och åtgärder följs upp.
""",
    "bilaga-3": """\
# Bilaga 3 – Årshjul för styrprocess och uppföljning 2024

## Januari

- Årlig utredning, arbetsmiljö 2023 genomförs.

## Februari

- Verksamhetsberättelse antas av nämnden.
- Strategidag kommunplan 2025.

## Mars

- Strategidag kommunplan 2025.

## April

- Årsredovisningen behandlas i kommunstyrelsen och kommunfullmäktige.
- Nämndernas verksamhetsberättelser redovisas i kommunstyrelsen och kommunfullmäktige.
- Förslag till anslagsfördelning till verksamhetsområdena tas fram.
- Årlig översyn av taxor och avgifter.
- Drift- och investeringsbudget revideras.
- Månadsrapport för mars behandlas.

## Maj

- Delårsuppföljning 1 avseende 2024 behandlas i nämnd.
- Strategidag kommunplan 2025.

## Juni

- Kommunfullmäktige fastställer kommunplan 2025 med budget för kommande år.
- Strategidag nämnd- och förvaltningsplan 2025.

## Augusti

- Uppföljning av strategidag för nämnd- och förvaltningsplan 2025.

## September

- Delårsuppföljning 2 avseende 2024 behandlas i nämnd.

## Oktober

- Nämnden beslutar om nämnd- och förvaltningsplan.

## November

- Månadsrapport för oktober behandlas i nämnd.

## December

- Enhetsplaner och verksamhetsplaner tas fram.
""",
    "bilaga-4": """\
# Bilaga 4 – Nämndspecifika styrdokument

## Förvaltningsövergripande

- Delegationsordning för arbetsmarknads- och socialnämnden (2023)
- Dokumenthanteringsplan arbetsmarknads- och socialnämndens verksamheter (2019)
- Riktlinjer för trygghet och säkerhet (2019)
- Riktlinjer för kommunal hälso- och sjukvård (2019)
- Riktlinje för rapportering, utredning och anmälan enligt Lex Sarah (2019)
- Riktlinjer för ekonomiskt stöd till idéburna organisationer inom arbetsmarknads- och socialtjänstområdet (2019)

## Individ- och familjeomsorg och socialpsykiatri

- Riktlinjer för handläggning av ärenden gällande ekonomiskt bistånd (2019)
- Riktlinjer för dödsbohantering (2023)
- Riktlinjer för handläggning av barn- och ungdomsärenden inom individ- och familjeomsorgen (2021)
- Riktlinjer för handläggning av ärenden avseende riskbruk samt missbruks- och beroendevård inom individ- och \
familjeomsorgen (2020)
- Riktlinjer för familjehemsvård av barn och unga (2020)
- Riktlinjer för handläggning av ärenden gällande våld i nära relation (2020)
- Riktlinjer för handläggning av ärenden enligt socialtjänstlagen gällande personer med psykisk \
funktionsnedsättning (2020)
- Riktlinje för handläggning av föräldrars ersättningsskyldighet för placerade barn (2021)
- Riktlinje för försöks- och träningslägenheter (2021)
- Riktlinje för egenavgifter (2023)
- Riktlinjer för social dokumentation i utförarverksamhet inom omsorgen om äldre och personer med \
funktionsnedsättning (2019)
- Riktlinjer för hantering av privata medel inom boenden enligt LSS eller SoL inom äldreomsorgen och verksamheter \
för personer med funktionsnedsättning (2014)
- Riktlinje för systematiskt kvalitetsarbete för IFO-verksamheter inom arbetsmarknads- och socialförvaltningen (2020)
- Handlingsplan samverkan skola/förskola och socialtjänst (2019)

## Länsgemensam samverkan och överenskommelser

- Huvudöverenskommelse om länsövergripande samverkan kring hälsa, vård och omsorg mellan kommunerna i Stockholms \
län och Region Stockholm (HÖK) (2022)
- Överenskommelse om tillgång till hälso-, sjuk- och tandvård för barn och unga som placeras utanför det egna hemmet \
(2022)
- Överenskommelsen mellan Region Stockholm och kommunerna i Stockholms län om samverkan inom \
patientnämndsverksamhet (2021)
- Överenskommelsen mellan Region Stockholm och kommunerna i Stockholms län om fördelning av kostnadsansvar för \
hjälpmedel och medicintekniska produkter (2021)
- Överenskommelse mellan Region Stockholm och kommunerna i Stockholms län om samverkan vid uppsökande verksamhet – \
munhälsa (2021)
- Överenskommelse mellan kommunerna i Stockholms län om ärendeansvar för hemlösa (2020)
- Överenskommelse mellan kommunerna i Stockholms län och region Stockholm om uppdrag och samverkan avseende \
ungdomsmottagningarna (2020, börjar gälla jan 2021)
- Samverkansplan om ensamkommande barn som försvinner i Stockholms län (2017)
- Överenskommelse om samverkan när en individ behöver praktisk hjälp med egenvård (2015)
- Överenskommelse om samordning av insatser för habilitering och rehabilitering (2012)
- Överenskommelse om regional samverkan vid utskrivning från sluten hälso- och sjukvård (2019)
- Avtal om länsgemensamt resurscentrum mot hedersrelaterat förtryck och våld, Origo (2015)
- Överenskommelse om samverkan kring barn i behov av särskilt stöd, BUS-överenskommelse (2019)
- Överenskommelse om samverkan kring personer med missbruk/beroende (2016)
- Tilläggsöverenskommelse med Region Stockholm om samverkan gällande personer med missbruk/beroende av spel om \
pengar (2019)
- Överenskommelse mellan Region Stockholm och kommunerna i Stockholms län om omhändertagande av avlidna (2019)
- Regional överenskommelse om samverkan kring vuxna med psykisk sjukdom/funktionsnedsättning (2014)
- Hjälpmedelsöverenskommelse fördelning av kostnadsansvar för hjälpmedel mellan Region Stockholm och kommunerna i \
Stockholms län i särskilda boenden (2019)
""",
}
for _name, _text in PLAN_TEXTS.items():
    assert "Tyresö" not in _text, _name
    assert not _name.startswith("bilaga-") or _text.startswith("# Bilaga "), _name


def write_plan(out: Path, counts: dict) -> None:
    """The annual plan 2024: its tables and its texts under texter/2024/."""
    y = PLAN_YEAR
    counts["nettokostnad"] = write_csv(
        out / "nettokostnad.csv", ["ar", "verksamhet", "utfall", "prognos", "prognos_avser", "budget"],
        [[y, a, num(u), num(p), NET_COSTS_FORECAST, num(b)] for a, u, p, b in NET_COSTS_2024 + [NET_COSTS_2024_TOTAL]])
    counts["kommunbidrag"] = write_csv(
        out / "kommunbidrag.csv", ["ar", "ordning", "typ", "rubrik", "belopp", "procent", "bas", "kommentar"],
        [[y, i + 1, typ, rubrik, num(belopp), procent, num(bas), kommentar]
         for i, (typ, rubrik, belopp, procent, bas, kommentar) in enumerate(ALLOCATION_2024)])
    counts["risker"] = write_csv(
        out / "risker.csv",
        ["ar", "risk_id", "malomrade", "risk", "sannolikhet", "konsekvens", "riskvarde", "atgarder", "bedomning"],
        [[y, rid, area, risk, p, c, v, "\n".join(actions), None] for rid, area, risk, p, c, v, actions in RISKS_2024])
    counts["ersattningar"] = write_csv(
        out / "ersattningar.csv", ["ar", "insats", "variant", "belopp", "enhet", "beskrivning"],
        [[y, insats, variant, num(belopp), enhet, beskr] for insats, variant, belopp, enhet, beskr in RATES_2024])
    counts["tillganglighetsplan"] = write_csv(
        out / "tillganglighetsplan.csv", ["ar", "aktivitet", "kommentar", "bedomning"],
        [[y, a, None, None] for a in ACCESSIBILITY_2024])
    folder = out / "texter" / str(y)
    folder.mkdir(parents=True)
    for name, text in PLAN_TEXTS.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    counts[f"texter/{y} (md-filer)"] = len(PLAN_TEXTS)


# --------------------------------------------------------------------------------------------
# Interim reports (delårsrapporter): T1 = January–April, T2 = January–August
# --------------------------------------------------------------------------------------------

INTERIMS = {"2023-T1": (2023, 4), "2023-T2": (2023, 8), "2024-T1": (2024, 4), "2024-T2": (2024, 8)}

# Important events of the period to date, drawn from the months' own events.
INTERIM_EVENTS = {
    "2023-T1": """\
Enhetsplanerna för 2023 startades i januari och nämndens mål har brutits ned till enhetsmål på alla enheter. Nämnden \
har behandlat verksamhetsberättelsen för 2022 och månadsrapporten för mars.

Inflödet av orosanmälningar till barn- och ungdomsenheterna har ökat under våren, särskilt från skolan. Rekrytering \
av två gruppledare till barn- och ungdomsenheterna pågår. Fler hushåll söker ekonomiskt bistånd på grund av höjda \
kostnader för el och livsmedel.

Lokal barn- och ungdomssamverkan har startat med möten mellan socialtjänst, skola, polis och fritid, och arbetet med \
en gemensam rutin för att upptäcka och förebygga våld har påbörjats.

Avtalet om nytt verksamhetssystem är klart och projektet har startat. Centrum för arbete och integration har öppnat \
en ny praktikverkstad på Sågen. Årets feriejobb har annonserats och antalet ansökningar är högre än förra året.

Förvaltningen har deltagit i strategidagar inför kommunplan 2024.
""",
    "2023-T2": """\
Under våren ökade inflödet av orosanmälningar till barn- och ungdomsenheterna, särskilt från skolan, och ökningen av \
LVU-ärenden har gjort det svårt att hitta jour- och familjehem. Nämnden har behandlat verksamhetsberättelsen för 2022 \
och delårsrapport 1.

Sommaren präglades av hög belastning på barn- och ungdomsenheterna, många nya ansökningar och anmälningar kring våld \
och flera LVM-anmälningar, framförallt från sjukvården men även från polisen. I augusti är nya medarbetare och en ny \
enhetschef på plats på Insats och utredning barn och unga 2.

För att minska behovet av konsulter har två resurssocionomer rekryterats internt. SSPF-anställningar har gjorts inom \
Resursenhetens förebyggande verksamhet, där två socionomer delar på uppdraget. Lokal barn- och ungdomssamverkan har \
startat med möten mellan socialtjänst, skola, polis och fritid.

Avtalet om nytt verksamhetssystem är klart och införandet är planerat till april 2024. Informationen om omställningen \
till flexkontor i kommunhuset har väckt både positiva reaktioner och viss oro.

I augusti kom 20 ukrainska barn från partnerkommunen Bilohorodka till ett två veckor långt sommarläger i \
Exempelkommun.
""",
    "2024-T1": """\
Det nya verksamhetssystemet togs i drift i april, efter att superanvändarna testat det under mars. Under migreringen \
lämnade Bogruppen/förvaltningsstöd ingen bedömning för mars.

Inflödet av ärenden till barn- och ungdomsenheterna är fortsatt högt. SSPF-arbetet har utvidgats till två nya \
skolområden och arbetet med en familjecentral tillsammans med regionen har startat.

Den nya lagen om skyddat boende har trätt i kraft och rutinerna har uppdaterats.

Nämnden har antagit verksamhetsberättelsen för 2023 och behandlat månadsrapporten för mars. Den årliga utredningen av \
arbetsmiljön 2023 och den årliga översynen av taxor och avgifter har genomförts, och förvaltningen har deltagit i \
strategidagen inför kommunplan 2025.
""",
    "2024-T2": """\
Det nya verksamhetssystemet togs i drift i april. Nämnden har antagit verksamhetsberättelsen för 2023 och behandlat \
delårsrapport 1.

Avtalet med regionen om en gemensam familjecentral är klart och SSPF-arbetet har utvidgats till två nya skolområden. \
Den nya lagen om skyddat boende har trätt i kraft och rutinerna har uppdaterats.

Sommaren var lugnare än förra året på barn- och ungdomsenheterna tack vare stabilare bemanning, men antalet ärenden \
om våld i nära relation är fortsatt högt. Fler ungdomar än förra året har fått ett första feriejobb, varav drygt tio \
procent ungdomar med funktionsnedsättning.

Förberedelserna för den nya socialtjänstlagen 2025 har startat i alla enheter, och uppföljningen av strategidagen för \
nämnd- och förvaltningsplan 2025 har genomförts.
""",
}

# The administration's narrative per goal area for the period to date; written to match the month-by-month strips in
# TARGET_STRIPS and the months' events.
INTERIM_NARRATIVE = {
    "2023-T1": {
        1: "Målet har bedömts som uppfyllt under hela perioden. Enheterna beskriver en i huvudsak rimlig "
           "arbetsbelastning, även om inflödet av orosanmälningar till barn- och ungdomsenheterna ökade under våren. "
           "Rekryteringen av två gruppledare till barn- och ungdomsenheterna pågår.",
        2: "Under februari och mars fick förbättringsarbetet delvis stå tillbaka på grund av hög arbetsbelastning. I "
           "april startade lokal barn- och ungdomssamverkan med möten mellan socialtjänst, skola, polis och fritid, "
           "och arbetet med en gemensam rutin för att upptäcka och förebygga våld fortsätter.",
        3: "Leveransen har i huvudsak fungerat väl. I mars påverkade ett ökat inflöde av orosanmälningar, särskilt "
           "från skolan, handläggningen på barn- och ungdomsenheterna. Centrum för arbete och integration har öppnat "
           "en ny praktikverkstad på Sågen.",
        4: "Nämnden prognostiserar ett överskott mot budget för helåret, främst inom integration där färre nyanlända "
           "än beräknat har anvisats. Barn- och ungdomsvården har ökande kostnader för placeringar och köpta insatser, "
           "vilket gjorde att flera enheter bedömde målet som delvis uppfyllt i mars.",
    },
    "2023-T2": {
        1: "Målet har bedömts som uppfyllt under perioden, men arbetsbelastningen har varit ansträngd inom stora delar "
           "av förvaltningen, särskilt på barn- och ungdomsenheterna under sommaren då socionomkonsulter fick anlitas. "
           "För att minska behovet av konsulter har två resurssocionomer rekryterats internt, och i augusti är nya "
           "medarbetare och en ny enhetschef på plats på Insats och utredning barn och unga 2.",
        2: "Efter en svagare period i februari och mars har målet bedömts som uppfyllt sedan april. Lokal barn- och "
           "ungdomssamverkan har genomförts under våren och dialogen fortsätter i en arbetsgrupp. SSPF-anställningar "
           "har gjorts inom Resursenhetens förebyggande verksamhet, och aktiviteter för att upptäcka våld utvecklas "
           "och införs i verksamheterna.",
        3: "Ett ökat inflöde av ärenden under längre tid har påverkat leveransen, framför allt i mars, maj och under "
           "sommaren. Kön till familjebehandlingen byggde på sig under sommaren och några beslut har inte verkställts "
           "inom lagstadgad tid. Ärendena om våld i nära relation och LVM-anmälningarna har ökat.",
        4: "Kostnaderna inom barn- och ungdomsvården har ökat under perioden på grund av fler placeringar, svårigheter "
           "att få fram jour- och familjehem och kostnader för socionomkonsulter. I augusti bedömer flera barn- och "
           "ungdomsenheter och Enheten för socialt stöd och skydd att målet inte är uppfyllt. Nämnden som helhet "
           "prognostiserar ändå ett överskott mot budget tack vare överskott inom övriga verksamheter.",
    },
    "2024-T1": {
        1: "Början av året präglades av hög arbetsbelastning och vakanser på flera enheter, och målet bedömdes som "
           "delvis uppfyllt i januari och februari. Den årliga utredningen av arbetsmiljön 2023 har genomförts. Från "
           "mars har läget stabiliserats, bland annat med stöd av resurssocionomerna.",
        2: "Samverkan med skola, polis och fritid har utvecklats och SSPF-arbetet har utvidgats till två nya "
           "skolområden. I mars fick förbättringsarbetet delvis stå tillbaka när enheterna förberedde driftstarten av "
           "det nya verksamhetssystemet, som togs i drift i april.",
        3: "Leveransen har varit ansträngd under hela perioden. Inflödet av ärenden till barn- och ungdomsenheterna är "
           "fortsatt högt och i februari bedömdes målet som inte uppfyllt. Köer har uppstått till familjebehandling och "
           "boende.",
        4: "Kostnaderna för placeringar och köpta insatser inom barn- och ungdomsvården ökar, och i april bedömer flera "
           "enheter att målet inte är uppfyllt. Förvaltningen prioriterar egen öppenvård och interna boendeinsatser "
           "före köpta insatser, i enlighet med riskhanteringsplanen.",
    },
    "2024-T2": {
        1: "Efter en ansträngd inledning av året har arbetsmiljön stabiliserats. Sommaren var lugnare än förra året på "
           "barn- och ungdomsenheterna tack vare stabilare bemanning, även om semesterperioden var ansträngd i några "
           "enheter.",
        2: "Målet har i huvudsak bedömts som uppfyllt. Det nya verksamhetssystemet togs i drift i april, avtalet med "
           "regionen om en gemensam familjecentral är klart och förberedelserna för den nya socialtjänstlagen 2025 har "
           "startat i alla enheter. I augusti har uppföljningen av nya rutiner dröjt i några enheter.",
        3: "Leveransen har varit ansträngd under större delen av perioden, med köer till familjebehandling och boende "
           "och ett fortsatt högt antal ärenden om våld i nära relation. Fler ungdomar än förra året har fått ett "
           "första feriejobb.",
        4: "Kostnaderna för placeringar och köpta insatser inom barn- och ungdomsvården har ökat under hela perioden, "
           "och i april och juni–juli bedömdes målet som inte uppfyllt. Åtgärderna för att minska köpta insatser och "
           "konsulter har gett viss effekt, men nämnden prognostiserar ett underskott mot budget för helåret.",
    },
}

def interim_periods(key: str) -> list[str]:
    year, last = INTERIMS[key]
    return [p for p, months in PERIODS[year] if months[-1] <= last]


def period_label(key: str) -> str:
    if ".." in key:
        a, b = key.split("..")
        return f"{MONTHS_LONG[int(a[5:]) - 1]}–{MONTHS_LONG[int(b[5:]) - 1]}"
    return MONTHS_LONG[int(key[5:]) - 1]


def compared(vals: dict, key: str, ind: str, show, higher_better: bool = False, month: bool = False) -> str:
    """", jämfört med … samma period <last year> (en förbättring)", or "" when last year has no value."""
    ly = same_period_last_year(key)
    if (ly, ind) not in vals:
        return ""
    v, w = vals[(key, ind)], vals[(ly, ind)]
    better = (v > w) if higher_better else (v < w)
    trend = "oförändrat" if v == w else ("en förbättring" if better else "en försämring")
    when = f"i {period_label(ly)} {ly[:4]}" if month else f"samma period {ly[:4]}"
    return f", jämfört med {show(w)} {when} ({trend})"


def make_interim_indicators(key: str, area: int, vals: dict) -> str:
    periods = interim_periods(key)
    p0, p1 = periods[0], periods[-1]
    m0, m1 = period_label(p0), period_label(p1)
    sentences = indicator_sentences(area, p1, vals)
    if area == 1:
        show = lambda x: pct(x, 1)
        first = (f"Sjukfrånvaron var {show(vals[(p0, 'SJUK')])} i {m0} och {show(vals[(p1, 'SJUK')])} i {m1}"
                 f"{compared(vals, p1, 'SJUK', show, month=True)}.")
        out = [first, sentences[1]]
    elif area == 2:
        a, b = (round(vals[(p, "VALD")] * 11 / 100) for p in (p0, p1))
        verb = "ökat" if b > a else "minskat" if b < a else "varit oförändrat"
        span = f"från {a} i {m0} till {b} av 11 i {m1}" if a != b else f"{b} av 11"
        out = [f"Antalet enheter som tillämpar metoder för att upptäcka och förebygga våld har {verb} {span}. Målet "
               "är att alla enheter gör det.", sentences[1]]
    elif area == 3:
        show = lambda x: sv(x)
        out = [sentences[0],
               f"Antalet externa placeringar var {show(vals[(p0, 'PLAC')])} i {m0} och {show(vals[(p1, 'PLAC')])} i "
               f"{m1}{compared(vals, p1, 'PLAC', show, month=True)}."]
    else:
        show = lambda x: f"{sv(x)} tkr"
        out = [sentences[0],
               f"Kostnaderna för konsulter hittills i år var {show(vals[(p1, 'KONS')])}{compared(vals, p1, 'KONS', show)}."]
    return " ".join(out)


COLOUR_WORDS = {G: ("grön", "gröna"), Y: ("gul", "gula"), R: ("röd", "röda")}


def make_interim_analysis(key: str, area: int, statuses: dict, vals: dict) -> str:
    year, last = INTERIMS[key]
    periods = interim_periods(key)
    got = [statuses[(p, u, area)] for p in periods for u in UNIT_IDS if (p, u, area) in statuses]
    parts = [f"{got.count(s)} {COLOUR_WORDS[s][got.count(s) != 1]}" for s in (G, Y, R) if got.count(s)]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    first = f"Under januari–{MONTHS_LONG[last - 1]} har enheterna lämnat {len(got)} bedömningar för målområdet: {listed}."
    for p, u in ((p, u) for p in periods for u in UNIT_IDS if (p, u, area) not in statuses):
        first += f" {UNIT[u]['namn']} rapporterade inte för {period_label(p)}."
    latest = distribution_sentence(periods[-1], area, statuses)
    count, rest = latest.split(" enheter bedömer ", 1)
    first += f" I {period_label(periods[-1])} bedömer {count} enheter {rest}"
    return "\n\n".join([first, INTERIM_NARRATIVE[key][area], make_interim_indicators(key, area, vals)]) + "\n"


def economy_totals(economy: list[dict], month_key: str) -> tuple[list[dict], float, float, float | None]:
    rows = [r for r in economy if r["period"] == month_key]
    forecast = None if rows[0]["prognos"] is None else sum(r["prognos"] for r in rows)
    return rows, sum(r["budget"] for r in rows), sum(r["utfall"] for r in rows), forecast


def make_interim_economy(key: str, economy: list[dict]) -> str:
    year, last = INTERIMS[key]
    n = key[-1]
    mname = MONTHS_LONG[last - 1]
    rows, budget, outcome, forecast = economy_totals(economy, f"{year}-{last:02d}")
    dev = forecast - budget
    sign = "positiv" if dev >= 0 else "negativ"
    paras = [f"Helårsprognosen i delårsrapport {n} uppgår till {mnkr(forecast)} mot en budget på {mnkr(budget)}, "
             f"vilket innebär en {sign} avvikelse på {mnkr(abs(dev))} ({pct(abs(dev) / abs(budget) * 100, 2)}). "
             f"Utfallet till och med {mname} är {mnkr(outcome)}, vilket motsvarar {pct(outcome / budget * 100)} av "
             f"årsbudgeten."]
    changes = []
    for m in range(last - 1, 0, -1):
        prev = economy_totals(economy, f"{year}-{m:02d}")[3]
        if prev is not None:
            changes.append((m, prev))
            break
    if last == 8:
        changes.append((4, economy_totals(economy, f"{year}-04")[3]))
    said = []
    for m, prev in changes:
        where = "delårsrapport 1" if m == 4 and last == 8 else MONTHS_LONG[m - 1]
        change = forecast - prev
        if abs(change) < 50:
            said.append(f"Jämfört med {where} är prognosen i stort sett oförändrad.")
        else:
            how = "förbättrats" if change > 0 else "försämrats"
            said.append(f"Jämfört med {where} har prognosen {how} med {mnkr(abs(change))}.")
    paras.append(" ".join(said))
    devs = sorted(((r["verksamhet"], r["prognos"] - r["budget"]) for r in rows), key=lambda d: d[1])
    over = [(a, d) for a, d in devs if d < -300]
    under = [(a, d) for a, d in reversed(devs) if d > 300]
    lines = [f"{a} prognostiserar ett underskott på {mnkr(-d)}, {AREA_REASON_OVER[a]}." for a, d in over]
    lines += [f"{a} prognostiserar ett överskott på {mnkr(d)}, {AREA_REASON_UNDER[a]}." for a, d in under]
    rest = [a for a, d in devs if abs(d) <= 300]
    if rest:
        names = rest[0] if len(rest) == 1 else ", ".join(rest[:-1]) + " och " + rest[-1]
        lines.append(f"{names} prognostiserar ett resultat i nivå med budget.")
    paras.append(" ".join(lines))
    if last == 8:
        if dev >= 0:
            paras.append(f"Nämnden bedöms hålla sig inom kommunbidraget för {year} på {mnkr(budget)}.")
        else:
            paras.append(f"Nämnden bedöms inte hålla sig inom kommunbidraget för {year} på {mnkr(budget)}. "
                         "Förvaltningen fortsätter arbetet med att minska kostnaderna för köpta insatser, externa "
                         "placeringar och konsulter, och alla nya placeringar prövas av förvaltningsledningen.")
    return "\n\n".join(paras) + "\n"


def write_interims(out: Path, counts: dict, economy: list[dict], statuses: dict, vals: dict) -> None:
    n = 0
    for key in INTERIMS:
        folder = out / "texter" / key
        folder.mkdir(parents=True)
        (folder / "viktiga-handelser.md").write_text(INTERIM_EVENTS[key], encoding="utf-8")
        for a in (1, 2, 3, 4):
            (folder / f"analys-{a}.md").write_text(make_interim_analysis(key, a, statuses, vals), encoding="utf-8")
        (folder / "ekonomi.md").write_text(make_interim_economy(key, economy), encoding="utf-8")
        n += 6
    counts["texter/<år>-T1, -T2 (md-filer)"] = n


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def num(x: float | int | None, decimals: int = 0) -> str:
    """A number for the CSV files: decimal comma, ASCII minus, no thousands separator (Excel-friendly)."""
    if x is None:
        return ""
    if decimals == 0:
        return str(int(round(x)))
    return f"{x:.{decimals}f}".replace(".", ",")


def write_csv(path: Path, header: list[str], rows: list[list]) -> int:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return len(rows)


def main(out: Path) -> None:
    rng = random.Random(SEED)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    counts = {}

    counts["organisation"] = write_csv(out / "organisation.csv", list(ORGANISATION), [list(ORGANISATION.values())])

    doc_rows = [list(r) for r in OTHER_DIARIE]
    doc_rows += [["månadsrapport", key, MONTHLY_DIARIE[key]] for y in (2023, 2024) for key, _ in PERIODS[y]]
    counts["dokument"] = write_csv(out / "dokument.csv", ["rapport", "period", "diarienummer"], doc_rows)

    counts["verksamheter"] = write_csv(out / "verksamheter.csv", ["verksamhet", "ordning"],
                                       [[a, i + 1] for i, a in enumerate(ACTIVITIES)])

    counts["enheter"] = write_csv(
        out / "enheter.csv", ["enhet_id", "namn", "verksamhet", "arsarbetare", "ordning"],
        [[u["id"], u["namn"], u["verksamhet"], num(u["fte"] / 10, 1), i + 1] for i, u in enumerate(UNITS)])

    ga_rows = []
    for year, rubrik in ((2023, RUBRIK_2023), (2024, RUBRIK_2024)):
        for a in (1, 2, 3, 4):
            ga_rows.append([year, a, AREA_NAMES[a], rubrik[a], KOMMUNMAL[a]])
    counts["malomraden"] = write_csv(out / "malomraden.csv", ["ar", "malomrade", "namn", "rubrik", "kommunmal"],
                                     ga_rows)

    counts["namndmal"] = write_csv(out / "namndmal.csv", ["ar", "malomrade", "mal_id", "mal"],
                                   [[y, a, mid, text] for y in (2023, 2024) for mid, a, text in NAMNDMAL[y]])

    counts["indikatorer"] = write_csv(
        out / "indikatorer.csv", ["ar", "indikator_id", "malomrade", "namn", "riktning", "malvarde", "mattenhet"],
        [[y, i, a, n, d, num(t), u] for y in (2023, 2024) for i, a, n, d, t, u in INDICATORS])

    statuses = make_statuses(rng)
    comments = make_comments(rng, statuses)
    bed_rows = []
    for y in (2023, 2024):
        for key, _ in PERIODS[y]:
            for uid in UNIT_IDS:
                for a in (1, 2, 3, 4):
                    if (key, uid, a) in statuses:
                        bed_rows.append([key, uid, a, statuses[(key, uid, a)], comments[(key, uid, a)]])
    counts["bedomningar"] = write_csv(out / "bedomningar.csv",
                                      ["period", "enhet_id", "malomrade", "status", "kommentar"], bed_rows)

    vals = make_indicator_values(rng)
    decimals = {"SJUK": 1, "OMS": 1, "FRISK": 1, "VALD": 1}
    iv_rows = []
    for y in (2023, 2024):
        for key, _ in PERIODS[y]:
            for ind in INDICATORS:
                iv_rows.append([key, ind[0], "", num(vals[(key, ind[0])], decimals.get(ind[0], 0))])
    counts["indikatorvarden"] = write_csv(out / "indikatorvarden.csv", ["period", "indikator_id", "enhet_id", "varde"],
                                          iv_rows)

    economy = make_economy(rng)
    counts["ekonomi"] = write_csv(
        out / "ekonomi.csv", ["period", "verksamhet", "budget", "utfall", "prognos"],
        [[r["period"], r["verksamhet"], num(r["budget"], 0 if float(r["budget"]).is_integer() else 1), num(r["utfall"]),
          num(r["prognos"])] for r in economy])

    # Texts
    n_texts = 0
    for y in (2023, 2024):
        last_choice: dict[int, str] = {}
        for i, (key, _) in enumerate(PERIODS[y]):
            folder = out / "texter" / key
            folder.mkdir(parents=True)
            (folder / "viktiga-handelser.md").write_text(make_events(key), encoding="utf-8")
            n_texts += 1
            for a in (1, 2, 3, 4):
                if key == SEED_PERIOD:
                    text = SEED_ANALYSIS[a]
                else:
                    got = [statuses[(key, u, a)] for u in UNIT_IDS if (key, u, a) in statuses]
                    text = make_analysis(rng, key, a, rollup(got), statuses, vals, last_choice)
                (folder / f"analys-{a}.md").write_text(text, encoding="utf-8")
                n_texts += 1
            eko = SEED_ECONOMY if key == SEED_PERIOD else make_economy_text(key, economy)
            (folder / "ekonomi.md").write_text(eko, encoding="utf-8")
            n_texts += 1
    counts["texter (md-filer)"] = n_texts

    # Annual plan 2024 and interim reports: written last and without the random generator, so that adding them
    # changed nothing in the files above.
    write_plan(out, counts)
    write_interims(out, counts, economy, statuses, vals)

    for name, n in counts.items():
        print(f"{name}: {n}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEFAULT_OUT)
