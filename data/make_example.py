#!/usr/bin/env python3
"""Write the example data folder ``data/example/`` for styrkort.

The example is a fictional "Exempelkommun" and its Arbetsmarknads- och socialnämnden (ASN),
built on the two seed documents (a monthly report for June–July 2023 and the annual plan
2024) with the municipality's name replaced. Everything else is invented, but shaped so that
the default roll-up rule (share-of-green) reproduces the seed's month-by-month strips for 2023.

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

    for name, n in counts.items():
        print(f"{name}: {n}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEFAULT_OUT)
