"""The bad-input and fault catalogue: every case runs a real command on a copy of the example and
asserts its exit code, its Swedish message, that no traceback is shown, and that the data folder,
the intake store, the params and the output folder are byte for byte as they were.

Six classes, as the issue names them: (1) spreadsheets as they are really saved, (2) text that
would become markup or code, (3) round trips, (4) outputs and disks, (5) the submission store,
(6) params and adjustments. Classes 2 and 3 are also covered where their text is accepted and must
come out inert or exact (tests/test_textsafe.py, tests/test_roundtrips.py).
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from conftest import EXAMPLE, ROOT
from styrkort.cli.main import main
from styrkort.data.store import JOURNAL_NAME, STORE_NAME


@dataclass
class Case:
    id: str
    setup: Callable[[Path], None]  # breaks something in the workspace (data/, params/, out/, in/)
    command: list[str]  # {data}, {params}, {out}, {in} are filled in
    code: int
    words: str


def ws_paths(root: Path) -> dict[str, str]:
    return {"data": str(root / "data"), "params": str(root / "params" / "styrkort.yaml"),
            "out": str(root / "out"), "in": str(root / "in")}


# --- helpers that break things -----------------------------------------------------------------------

def lines(root: Path, table: str) -> list[str]:
    return (root / "data" / f"{table}.csv").read_text(encoding="utf-8-sig").splitlines()


def set_lines(root: Path, table: str, content: list[str], encoding: str = "utf-8") -> None:
    (root / "data" / f"{table}.csv").write_text("\n".join(content) + "\n", encoding=encoding)


def cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """Set one cell of a data table (row as the file numbers it, header = 1)."""
    def setup(root: Path) -> None:
        content = lines(root, table)
        header = content[0].split(";")
        fields = content[row - 1].split(";")
        fields[header.index(column)] = value
        content[row - 1] = ";".join(fields)
        set_lines(root, table, content)
    return setup


def add_column(table: str, name: str, value: str = "x") -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        content = lines(root, table)
        set_lines(root, table, [content[0] + f";{name}"] + [c + f";{value}" for c in content[1:]])
    return setup


def replace_file(table: str, content: bytes, suffix: str = ".csv") -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / "data" / f"{table}.csv").unlink()
        (root / "data" / f"{table}{suffix}").write_bytes(content)
    return setup


def xlsx_bytes(rows: list[list], hidden: list[list] | None = None, extra: bool = False, merge: str = "",
               formula: str = "") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden is not None:
        for r in hidden:
            ws.append(r)
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("Blad1")
    for r in rows:
        ws.append(r)
    if extra:
        wb.create_sheet("Blad2").append(["x"])
    if merge:
        ws.merge_cells(merge)
    if formula:
        ws[formula] = "=1+1"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def as_workbook(table: str, **kw) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        rows = [line.split(";") for line in lines(root, table)]
        (root / "data" / f"{table}.csv").unlink()
        (root / "data" / f"{table}.xlsx").write_bytes(xlsx_bytes(rows, **kw))
    return setup


def incoming(name: str, content: bytes | str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return setup


def incoming_table(name: str, table: str, edit: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / name).write_text("\n".join(edit(lines(root, table))) + "\n", encoding="utf-8")
    return setup


def params_text(old: str, new: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / "params" / "styrkort.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return setup


def params_file(content: bytes | str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        (root / "params" / "styrkort.yaml").write_bytes(raw)
    return setup


def adjustment(name: str, text: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / "params" / "justeringar" / name).write_text(text, encoding="utf-8")
    return setup


def with_store(damage: Callable[[Path], None]) -> Callable[[Path], None]:
    """A store with one import in it, then damaged."""
    def setup(root: Path) -> None:
        shutil.copy(STORE_SEED, root / "data" / STORE_NAME)
        damage(root / "data" / STORE_NAME)
    return setup


def both(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for s in setups:
            s(root)
    return setup


def _sqlite(path: Path, statement: str) -> None:
    con = sqlite3.connect(path)
    con.execute(statement)
    con.commit()
    con.close()


STORE_SEED: Path = Path()  # set by the module fixture: a store with one submission


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


CHECK = ["check", "--data", "{data}", "--params", "{params}"]
DRY = ["render-all", "--dry-run", "--data", "{data}", "--params", "{params}", "--out", "{out}"]


def imp(name: str) -> list[str]:
    return ["import", "{in}/" + name, "--data", "{data}"]


# --- class 1: spreadsheets as units and finance staff really save them ----------------------------------

TABLE_CELLS = [("enheter", 3, "arsarbetare"), ("ekonomi", 4, "budget"), ("indikatorvarden", 3, "varde"),
               ("verksamheter", 3, "ordning"), ("malomraden", 2, "malomrade"), ("kommunbidrag", 3, "belopp")]
NOT_NUMBERS = ["nan", "inf", "-inf", "TRUE", "1e5", "12 %", "1.234,5", "tolv"]
CLASS_1 = [
    Case(f"1-{t}-{col}-{bad}", cell(t, r, col, bad), CHECK, 2, f"värdet '{bad}' är inte")
    for t, r, col in TABLE_CELLS for bad in NOT_NUMBERS
] + [
    Case(f"1-duplicate-column-{t}", add_column(t, col, "1"), CHECK, 2, f"kolumnen '{col}' finns två gånger")
    for t, col in (("bedomningar", "status"), ("enheter", "namn"), ("ekonomi", "utfall"), ("risker", "risk"))
] + [
    Case(f"1-unknown-column-{t}", add_column(t, "kommentarer"), CHECK, 2, "okänd kolumn 'kommentarer'")
    for t in ("bedomningar", "enheter", "ekonomi", "indikatorer")
] + [
    Case(f"1-invisible-{t}-{col}-{hex(ord(ch))}", cell(t, r, col, value + ch + "X"), CHECK, 2, "osynligt tecken")
    for t, r, col, value in (("enheter", 2, "enhet_id", "MU"), ("enheter", 3, "namn", "Centrum"),
                             ("verksamheter", 2, "verksamhet", "Förvaltnings"))
    for ch in ("\u200b", "\u202e", "\x1b", "\u2028")
] + [
    Case(f"1-binary-{t}", replace_file(t, bytes(range(256)) * 8), CHECK, 2, "ingen textfil")
    for t in ("bedomningar", "enheter", "ekonomi")
] + [
    Case(f"1-workbook-named-csv-{t}", replace_file(t, _zip()), CHECK, 2, "är en Excel-arbetsbok (.xlsx) men heter .csv")
    for t in ("bedomningar", "enheter")
] + [
    Case(f"1-damaged-xlsx-{t}", replace_file(t, b"PK\x03\x04 not really a zip", ".xlsx"), CHECK, 2,
         "går inte att läsa som Excel-arbetsbok")
    for t in ("enheter", "ekonomi")
] + [
    Case("1-two-visible-sheets", as_workbook("enheter", extra=True), CHECK, 2, "2 synliga blad"),
    Case("1-merged-cells", as_workbook("enheter", merge="B3:C3"), CHECK, 2, "sammanslagna celler (B3:C3)"),
    Case("1-formula-without-value", as_workbook("enheter", formula="D3"), CHECK, 2, "formel utan sparat värde"),
    Case("1-both-csv-and-xlsx", lambda r: (r / "data" / "enheter.xlsx").write_bytes(xlsx_bytes([["x"]])), CHECK, 2,
         "båda filerna finns"),
    Case("1-empty-file", replace_file("enheter", b""), CHECK, 2, "filen är tom"),
    Case("1-only-blank-lines", replace_file("enheter", b";;;\r\n;;\r\n"), CHECK, 2, "filen är tom"),
    Case("1-header-only", lambda r: set_lines(r, "enheter", lines(r, "enheter")[:1]), CHECK, 2,
         "rubriker men inga rader"),
    Case("1-renamed-column", lambda r: set_lines(r, "bedomningar", [lines(r, "bedomningar")[0].replace("status", "stat")]
                                                 + lines(r, "bedomningar")[1:]), CHECK, 2, "kolumn saknas: status"),
    Case("1-status-misspelt", cell("bedomningar", 2, "status", "Grönn"), CHECK, 2, "Menade du Grön?"),
    Case("1-period-excel-serial", cell("bedomningar", 2, "period", "45505"), CHECK, 2, "Perioden '45505' går inte"),
    Case("1-period-in-future", cell("bedomningar", 2, "period", "2099-01"), CHECK, 2, "ligger i framtiden"),
    Case("1-negative-fte", cell("enheter", 2, "arsarbetare", "-3"), CHECK, 2, "utanför tillåtet intervall"),
    Case("1-unknown-unit", cell("bedomningar", 2, "enhet_id", "OKÄND"), CHECK, 2, "'OKÄND' finns inte i enheter"),
    Case("1-duplicate-key", lambda r: set_lines(r, "enheter", lines(r, "enheter") + [lines(r, "enheter")[1]]), CHECK,
         2, "dubblett"),
    Case("1-unknown-goal-area", cell("bedomningar", 2, "malomrade", "8"), CHECK, 2, "målområde 8 finns inte för 2023"),
    Case("1-bridge-does-not-sum", cell("kommunbidrag", 3, "belopp", "-1623"), CHECK, 2, "stegen summerar till"),
    Case("1-overlapping-periods", cell("indikatorvarden", 2, "period", "2023-07"), CHECK, 2, "överlappar"),
]

# --- class 1 and 2 through the intake: files as they arrive -------------------------------------------

CLASS_1_IMPORT = [
    Case("1-import-binary", incoming("bedomningar.csv", bytes(range(256)) * 8), imp("bedomningar.csv"), 2,
         "ingen textfil"),
    Case("1-import-xlsx-named-csv", incoming("bedomningar.csv", _zip()), imp("bedomningar.csv"), 2,
         "är en Excel-arbetsbok"),
    Case("1-import-not-a-table", incoming("anteckningar.csv", "a;b\n1;2\n"), imp("anteckningar.csv"), 2,
         "anteckningar.csv"),
    Case("1-import-empty", incoming("bedomningar.csv", ""), imp("bedomningar.csv"), 2, "filen är tom"),
    Case("1-import-duplicate-column", incoming_table("bedomningar.csv", "bedomningar",
                                                     lambda c: [c[0] + ";status"] + [x + ";Röd" for x in c[1:9]]),
         imp("bedomningar.csv"), 2, "finns två gånger"),
    Case("1-import-zero-width-unit", incoming_table("bedomningar.csv", "bedomningar",
                                                    lambda c: [c[0]] + [x.replace("MUBU1", "MU\u200bBU1") for x in c[1:5]]),
         imp("bedomningar.csv"), 2, "osynligt tecken"),
    Case("1-import-table-with-unknown-column", incoming_table("enheter.csv", "enheter",
                                                              lambda c: [c[0] + ";x"] + [x + ";1" for x in c[1:]]),
         imp("enheter.csv"), 2, "okänd kolumn 'x'"),
    Case("1-import-table-bad-number", incoming_table("enheter.csv", "enheter",
                                                     lambda c: c[:2] + [c[2].replace("24,0", "tjugofyra")] + c[3:]),
         imp("enheter.csv"), 2, "'tjugofyra' är inte tal"),
    Case("1-import-missing-file", lambda r: None, imp("finns-inte.xlsx"), 2, "filen finns inte"),
    Case("1-import-a-folder", lambda r: (r / "in" / "mapp").mkdir(), imp("mapp"), 2, "är en mapp, inte en fil"),
    Case("1-import-old-excel", incoming("mall.xls", b"\xd0\xcf\x11\xe0old excel"), imp("mall.xls"), 2, "mall.xls"),
    Case("2-import-escape-in-file-name", incoming("rapport\x1b[2J\x1b[31m.csv", bytes(range(256)) * 4),
         imp("rapport\x1b[2J\x1b[31m.csv"), 2, "rapport\\x1b[2J\\x1b[31m.csv"),
]

# --- class 3: round trips that must not lose what a unit wrote -----------------------------------------

TEMPLATE = ["template", "--out", "{in}", "--data", "{data}"]
CLASS_3 = [
    Case("3-template-comment-longer-than-a-cell", cell("bedomningar", 2, "kommentar", "Lång. " * 6000),
         ["template", "--period", "2023-01", "--unit", "MUBU1", "--out", "{out}/mallar", "--data", "{data}"], 1,
         "en Excel-cell rymmer 32767"),
    Case("3-template-future", lambda r: None, [*TEMPLATE[:1], "--period", "2099-01", *TEMPLATE[1:]], 2,
         "ligger i framtiden"),
    Case("3-template-interim-period", lambda r: None, [*TEMPLATE[:1], "--period", "2024-T2", *TEMPLATE[1:]], 2,
         "en mall gäller en månad"),
    Case("3-template-unknown-unit", lambda r: None, [*TEMPLATE[:1], "--period", "2024-09", "--unit", "OKÄND",
                                                     *TEMPLATE[1:]], 1, "Okänd enhet OKÄND"),
    Case("3-template-overlapping-combined", lambda r: None, [*TEMPLATE[:1], "--period", "2023-07..2023-08",
                                                             *TEMPLATE[1:]], 2, "överlappar"),
    Case("3-template-out-is-a-file", lambda r: (r / "in" / "mallar").write_text("x"),
         ["template", "--period", "2024-09", "--out", "{in}/mallar", "--data", "{data}"], 1, "är en fil, inte en mapp"),
    Case("3-template-bad-period", lambda r: None, [*TEMPLATE[:1], "--period", "sept", *TEMPLATE[1:]], 2,
         "går inte att läsa"),
]

# --- class 4: outputs and disks ----------------------------------------------------------------------

def out_is_file(root: Path) -> None:
    shutil.rmtree(root / "out")
    (root / "out").write_text("en fil", encoding="utf-8")


def out_parent_is_file(root: Path) -> None:
    (root / "out" / "fil").write_text("en fil", encoding="utf-8")


RENDER = ["render", "monthly", "--period", "2024-08", "--data", "{data}", "--params", "{params}", "--out", "{out}"]
RENDER_ALL = ["render-all", "--year", "2024", "--data", "{data}", "--params", "{params}", "--out", "{out}"]
CLASS_4 = [
    Case("4-render-out-is-a-file", out_is_file, RENDER, 1, "är en fil, inte en mapp"),
    Case("4-render-all-out-is-a-file", out_is_file, RENDER_ALL, 1, "är en fil, inte en mapp"),
    Case("4-render-out-under-a-file", out_parent_is_file, [*RENDER[:-1], "{out}/fil/under"], 1,
         "är en fil, inte en mapp"),
    Case("4-index-out-is-a-file", out_is_file, ["index", "--out", "{out}"], 1, "out"),
    Case("4-ledger-out-is-a-folder", incoming("huvudbok.csv", "datum;ansvar;verksamhetskod;konto;belopp;typ\n"
                                                              "2024-01-05;1;100;4000;12,5;utfall\n"),
         ["ledger", "{in}/huvudbok.csv", "--mapping", "{in}/huvudbok.csv", "--data", "{data}", "--out", "{out}"], 2,
         "kolumn saknas"),
    Case("4-render-unknown-kind-period", lambda r: None, [*RENDER[:3], "2024-13", *RENDER[4:]], 2, "månad 13"),
    Case("4-render-no-period", lambda r: None, ["render", "plan", "--data", "{data}", "--out", "{out}"], 2,
         "Ange --year"),
    Case("4-render-all-bad-year", lambda r: None, [*RENDER_ALL[:2], "24", *RENDER_ALL[3:]], 1, "ÅÅÅÅ"),
    Case("4-render-all-unknown-kind", lambda r: None, [*RENDER_ALL, "--reports", "monthly,årsredovisning"], 1,
         "Okänd rapporttyp årsredovisning"),
]

# --- class 5: the submission store ---------------------------------------------------------------------

STORE_DAMAGE = {
    "zero-bytes": (lambda p: p.write_bytes(b""), "är tom (0 byte)"),
    "random-bytes": (lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16), "skadad"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:2048]), "skadad"),
    "not-sqlite": (lambda p: p.write_bytes(b"hello " * 100), "skadad"),
    "newer-format": (lambda p: _sqlite(p, "PRAGMA user_version = 99"), "nyare version av styrkort"),
    "foreign-sqlite": (lambda p: (p.unlink(), _sqlite(p, "CREATE TABLE t (x)")), "inget inlämningsarkiv"),
    "unreadable-journal": (lambda p: (p.parent / JOURNAL_NAME).write_text("{inte json", encoding="utf-8"),
                           JOURNAL_NAME),
}
STORE_COMMANDS = {
    "check": (CHECK, 2), "history": (["history", "--unit", "CAI", "--period", "2024-08", "--data", "{data}"], 2),
    "table-history": (["history", "--table", "enheter", "--data", "{data}"], 2),
    "import": (imp("ny.csv"), 2), "template": (["template", "--period", "2024-09", "--out", "{out}/mallar",
                                                "--data", "{data}"], 2),
}
CLASS_5 = [
    Case(f"5-{damage}-{command}",
         both(with_store(setup), incoming("ny.csv", "period;enhet_id;malomrade;status;kommentar\n")),
         cmd, code, words)
    for damage, (setup, words) in STORE_DAMAGE.items() for command, (cmd, code) in STORE_COMMANDS.items()
]

# --- class 6: params and adjustments ------------------------------------------------------------------

ALIAS_BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
              "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n")
CLASS_6_PARAMS = [
    Case("6-params-alias-bomb", params_file(ALIAS_BOMB), CHECK, 2, "ankare (&a)"),
    Case("6-params-duplicate-key", params_text("economy_goal_area: 4", "economy_goal_area: 4\neconomy_goal_area: 3"),
         CHECK, 2, "står redan på rad"),
    Case("6-params-economy-area-unknown", params_text("economy_goal_area: 4", "economy_goal_area: 9"), CHECK, 2,
         "economy_goal_area är 9"),
    Case("6-params-economy-area-true", params_text("economy_goal_area: 4", "economy_goal_area: true"), CHECK, 2,
         "inte True"),
    Case("6-params-economy-area-list", params_text("economy_goal_area: 4", "economy_goal_area: [4]"), CHECK, 2,
         "inte [4]"),
    Case("6-params-scale-list", params_text("  scale: 5", "  scale: [5]"), CHECK, 2, "risk.scale ska vara ett heltal 3–7"),
    Case("6-params-risk-outside-scale", params_text("  scale: 5\n  bands:\n    - {max: 6, label: Låg}\n"
                                                    "    - {max: 12, label: Medel}\n    - {max: 18, label: Hög}\n"
                                                    "    - {max: 25, label: Mycket hög}",
                                                    "  scale: 4"), CHECK, 2, "utanför skalan 1–4"),
    Case("6-params-inf", params_text("green_from: 0.0", "green_from: .inf"), CHECK, 2, "ska vara ett tal, inte inf"),
    Case("6-params-nan", params_text("tolerance_percent: 2.0", "tolerance_percent: .nan"), CHECK, 2,
         "ska vara ett tal, inte nan"),
    Case("6-params-share-true", params_text("red_share_for_red: 0.3", "red_share_for_red: true"), CHECK, 2,
         "ska vara ett tal, inte True"),
    Case("6-params-share-list", params_text("red_share_for_red: 0.3", "red_share_for_red: [0.3]"), CHECK, 2,
         "ska vara ett tal"),
    Case("6-params-unknown-rule", params_text("kind: share-of-green", "kind: best-case"), CHECK, 2,
         "inte en känd regel"),
    Case("6-params-python-object", params_file("a: !!python/object/apply:os.system ['true']\n"), CHECK, 2,
         "inte giltig YAML"),
    Case("6-params-not-a-mapping", params_file("- a\n- b\n"), CHECK, 2, "nycklar och värden"),
    Case("6-params-binary", params_file(b"\x00\x01\x02"), CHECK, 2, "ingen textfil"),
    Case("6-params-too-large", params_file("# " + "x" * 1_100_000 + "\n"), CHECK, 2, "högst 1 000 000"),
    Case("6-params-missing", lambda r: (r / "params" / "styrkort.yaml").unlink(), CHECK, 2, "finns inte"),
    Case("6-params-is-a-folder", lambda r: ((r / "params" / "styrkort.yaml").unlink(),
                                            (r / "params" / "styrkort.yaml").mkdir()), CHECK, 2, "är en mapp"),
    Case("6-params-unknown-key", params_text("economy_goal_area: 4", "economy_goal_area: 4\nfärg: röd"), CHECK, 2,
         "okänd nyckel 'färg'"),
]
ADJUSTMENTS = [
    ("status-list-area", "monthly-2024-08.yaml", "status:\n- {malomrade: [1], status: Röd, motivering: x}\n",
     "malomrade ska vara ett heltal"),
    ("status-list-status", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: [Röd], motivering: x}\n",
     "status ska vara en text"),
    ("status-second-entry", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Röd, motivering: x}\n"
                                                    "- {malomrade: 1, status: Grön, motivering: y}\n", "dubblett"),
    ("status-unknown-area", "monthly-2024-08.yaml", "status:\n- {malomrade: 7, status: Röd, motivering: x}\n",
     "målområde 7 finns inte"),
    ("status-blue", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Blå, motivering: x}\n",
     "status 'Blå' är inte tillåten"),
    ("status-no-reason", "monthly-2024-08.yaml", "status:\n- {malomrade: 1, status: Röd}\n", "motivering saknas"),
    ("alias", "monthly-2024-08.yaml", "x: &x {malomrade: 1}\nstatus:\n- *x\n", "ankare"),
    ("forecast-inf", "interim-2024-T2.yaml", "prognos:\n- {verksamhet: Integration, justering: .inf, motivering: x}\n",
     "justering ska vara ett tal"),
    ("forecast-nan", "interim-2024-T2.yaml", "prognos:\n- {verksamhet: Integration, justering: .nan, motivering: x}\n",
     "justering ska vara ett tal"),
    ("forecast-unknown", "interim-2024-T2.yaml", "prognos:\n- {verksamhet: Skola, justering: 1, motivering: x}\n",
     "verksamheten 'Skola' finns inte"),
    ("bridge-true", "plan-2024.yaml", "kommunbidrag:\n- {steg: prisuppräkning, belopp: true, motivering: x}\n",
     "belopp ska vara ett tal"),
    ("bridge-unknown-step", "plan-2024.yaml", "kommunbidrag:\n- {steg: indexering, procent: 4, motivering: x}\n",
     "steget 'indexering' finns inte"),
    ("risk-outside-scale", "plan-2024.yaml", "risker:\n- {risk: R1, sannolikhet: 6, konsekvens: 2, motivering: x}\n",
     "utanför skalan 1–5"),
    ("risk-true", "plan-2024.yaml", "risker:\n- {risk: R1, sannolikhet: true, konsekvens: 2, motivering: x}\n",
     "sannolikhet ska vara ett heltal"),
    ("risk-unknown", "plan-2024.yaml", "risker:\n- {risk: R9, sannolikhet: 1, konsekvens: 2, motivering: x}\n",
     "risken 'R9' finns inte"),
    ("unknown-section", "plan-2024.yaml", "status:\n- {malomrade: 1, status: Röd, motivering: x}\n",
     "okänd nyckel 'status'"),
    ("not-yaml", "monthly-2024-08.yaml", "status: [\n", "inte giltig YAML"),
]
PERIOD_OF = {"monthly-2024-08.yaml": "2024-08", "interim-2024-T2.yaml": "2024-T2", "plan-2024.yaml": "2024"}


def append_line(table: str, line: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        set_lines(root, table, lines(root, table) + [line])
    return setup


def drop_line(table: str, row: int) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        content = lines(root, table)
        set_lines(root, table, content[:row - 1] + content[row:])
    return setup


# Class 7: what the contract grew to (periodised budgets, unit life cycles, economy per unit, scales).
# The example's enheter.csv: row 12 BOG (till 2023-08), 13 BGR and 14 FST (from 2023-09), 9 RES2 (till 2024-05).
CLASS_7 = [
    Case("7-unit-ends-before-it-begins", cell("enheter", 13, "till", "2023-05"), CHECK, 2,
         "enheter.csv, rad 13, kolumn 'till': enheten BGR slutar (2023-05) innan den börjar (2023-09)"),
    Case("7-reorganisation-overlaps", cell("enheter", 12, "till", "2023-10"), CHECK, 2,
         "omorganisationer.csv, rad 2, kolumn 'datum': BOG finns till 2023-10 men ersätts av BGR från 2023-09: "
         "intervallen överlappar"),
    Case("7-reorganisation-without-end", cell("enheter", 12, "till", ""), CHECK, 2,
         "BOG ersätts av BGR från 2023-09 men har inget slut i enheter"),
    Case("7-reorganisation-to-an-unknown-unit", cell("omorganisationer", 3, "till_enhet", "FSTX"), CHECK, 2,
         "omorganisationer.csv, rad 3, kolumn 'till_enhet': 'FSTX' finns inte i enheter"),
    Case("7-successor-not-there-yet", cell("enheter", 14, "fran", "2023-10"), CHECK, 2,
         "FST tar över från BOG 2023-09 men finns inte då"),
    Case("7-assessment-of-a-closed-unit", append_line("bedomningar", "2024-08;RES2;1;Grön;Efter stängningen"), CHECK, 2,
         "enheten RES2 finns till 2024-05, inte under hela 2024-08"),
    Case("7-assessment-before-a-unit-opened", append_line("bedomningar", "2023-08;FST;1;Grön;För tidigt"), CHECK, 2,
         "enheten FST finns från 2023-09, inte under hela 2023-08"),
    Case("7-unit-economy-of-a-closed-unit", append_line("ekonomi_enhet", "2024-08;RES2;-100;-70;"), CHECK, 2,
         "ekonomi_enhet.csv, rad 139, kolumn 'enhet_id': enheten RES2 finns till 2024-05, inte under hela 2024-08"),
    Case("7-monthly-budgets-do-not-add-up", cell("manadsbudget", 2, "budget", "-8503,8"), CHECK, 2,
         "månadsbudgetarna för Förvaltningsövergripande 2024 summerar till −97\u00a0798 tkr, men årsbudgeten i "
         "ekonomi.csv är −96\u00a0798 tkr: skillnaden är −1\u00a0000 tkr"),
    Case("7-monthly-budget-missing-a-month", drop_line("manadsbudget", 2), CHECK, 2,
         "månadsbudgeten för Förvaltningsövergripande 2024 saknar 2024-01; ange alla tolv månader eller ingen"),
    Case("7-unit-monthly-budgets-do-not-add-up", cell("manadsbudget", 74, "budget", "-1"), CHECK, 2,
         "månadsbudgetarna för enheten VUX 2024 summerar till"),
    Case("7-monthly-budget-unknown-unit", cell("manadsbudget", 74, "enhet_id", "VUXX"), CHECK, 2,
         "'VUXX' finns inte i enheter"),
    Case("7-risk-above-the-declared-scale", params_text("  scale: 5\n  bands:\n    - {max: 6, label: Låg}\n"
                                                        "    - {max: 12, label: Medel}\n    - {max: 18, label: Hög}\n"
                                                        "    - {max: 25, label: Mycket hög}", "  scale: 3"),
         CHECK, 2, "risker.csv, rad 2, kolumn 'sannolikhet': värdet 5 ligger utanför skalan 1–3"),
    Case("7-risk-above-any-scale", cell("risker", 2, "sannolikhet", "8"), CHECK, 2,
         "risker.csv, rad 2, kolumn 'sannolikhet': värdet '8' ligger utanför tillåtet intervall (1–7)"),
    Case("7-scale-of-eight", params_text("  scale: 5", "  scale: 8"), CHECK, 2, "risk.scale ska vara ett heltal 3–7"),
    Case("7-target-direction-without-a-target", cell("indikatorer", 2, "riktning", "högst"), CHECK, 2,
         "indikatorer.csv, rad 2, kolumn 'malvarde': riktningen högst behöver ett målvärde"),
    Case("7-interval-upside-down", lambda root: (cell("indikatorer", 2, "riktning", "intervall")(root),
                                                 cell("indikatorer", 2, "malvarde", "9")(root),
                                                 cell("indikatorer", 2, "malvarde_max", "5")(root)), CHECK, 2,
         "kolumn 'malvarde_max': intervallet behöver ett malvarde_max som är minst malvarde (9)"),
    Case("7-decimals-out-of-range", cell("indikatorer", 2, "decimaler", "5"), CHECK, 2,
         "indikatorer.csv, rad 2, kolumn 'decimaler': värdet '5' ligger utanför tillåtet intervall (0–3)"),
    Case("7-date-not-a-date", cell("dokument", 2, "datum", "20 nov 2023"), CHECK, 2,
         "dokument.csv, rad 2, kolumn 'datum': värdet '20 nov 2023' är inget datum; skriv datum, ÅÅÅÅ-MM-DD"),
    Case("7-baseline-year-not-a-year", cell("indikatorer", 2, "jamforelsear", "förra"), CHECK, 2,
         "indikatorer.csv, rad 2, kolumn 'jamforelsear': värdet 'förra' är inte år, fyra siffror"),
]
# Class 8: the year-end tables of the verksamhetsberättelse. The example's arsutfall.csv: row 4 Barn- och
# ungdomsvård (−82 046, December's outcome to date); internkontroll.csv row 2 IK1; riskuppfoljning.csv row 2 R1.
ANNUAL_DRY = [*DRY, "--period", "2024", "--reports", "annual-report"]
CLASS_8 = [
    Case("8-assignment-the-plan-does-not-have", append_line("uppdragsuppfoljning", "2024;U9;genomfört;Klart."),
         CHECK, 2, "uppdragsuppfoljning.csv, rad 8, kolumn 'uppdrag_id': uppdraget 'U9' finns inte i planens uppdrag "
                   "för 2024 (uppdrag.csv); kända: U1, U2, U3, U4, U5, U6"),
    Case("8-assignment-of-a-year-without-a-plan", append_line("uppdragsuppfoljning", "2023;U1;pågår;Pågår."),
         CHECK, 2, "uppdraget 'U1' finns inte i planens uppdrag för 2023 (uppdrag.csv); kända: inga"),
    Case("8-assignment-status-unknown", cell("uppdragsuppfoljning", 2, "status", "klart"), CHECK, 2,
         "uppdragsuppfoljning.csv, rad 2, kolumn 'status': värdet 'klart' är inte tillåtet; tillåtna värden: genomfört, "
         "pågår, ej påbörjat"),
    Case("8-assignment-in-an-unknown-goal-area", append_line("uppdrag", "2024;U7;9;Ett uppdrag utan målområde."),
         CHECK, 2, "uppdrag.csv, rad 8, kolumn 'malomrade': målområde 9 finns inte för 2024"),
    Case("8-control-point-without-a-result", cell("internkontroll", 2, "resultat", ""), CHECK, 2,
         "internkontroll.csv, rad 2, kolumn 'resultat': värde saknas"),
    Case("8-control-point-deviation-unclear", cell("internkontroll", 2, "avvikelse", "kanske"), CHECK, 2,
         "internkontroll.csv, rad 2, kolumn 'avvikelse': värdet 'kanske' är inte tillåtet; tillåtna värden: ja, nej"),
    Case("8-december-disagrees-with-the-year", cell("arsutfall", 4, "utfall", "-82100"), CHECK, 2,
         "arsutfall.csv, rad 4, kolumn 'utfall': årets utfall för Barn- och ungdomsvård är −82\u00a0100 tkr men "
         "decembers utfall hittills i ekonomi.csv är −82\u00a0046 tkr, en skillnad på −54,0 tkr; de ska vara lika"),
    Case("8-year-outcome-of-an-unknown-activity", cell("arsutfall", 4, "verksamhet", "Barnomsorg"), CHECK, 2,
         "arsutfall.csv, rad 4, kolumn 'verksamhet': 'Barnomsorg' finns inte i verksamheter"),
    Case("8-risk-the-plan-does-not-have", append_line("riskuppfoljning", "2024;R9;ja;nej;;;Okänd."), CHECK, 2,
         "riskuppfoljning.csv, rad 9, kolumn 'risk_id': risken 'R9' finns inte i riskhanteringsplanen för 2024 "
         "(risker.csv); kända: R1, R2, R3, R4, R5, R6, R7"),
    Case("8-closing-risk-above-the-scale", cell("riskuppfoljning", 2, "sannolikhet", "6"), CHECK, 2,
         "riskuppfoljning.csv, rad 2, kolumn 'sannolikhet': värdet 6 ligger utanför skalan 1–5"),
    Case("8-closing-risk-half-assessed", cell("riskuppfoljning", 2, "konsekvens", ""), CHECK, 2,
         "riskuppfoljning.csv, rad 2, kolumn 'sannolikhet': ange både sannolikhet och konsekvens, eller ingen av dem"),
    Case("8-materialised-not-yes-or-no", cell("riskuppfoljning", 2, "intraffad", "troligen"), CHECK, 2,
         "riskuppfoljning.csv, rad 2, kolumn 'intraffad': värdet 'troligen' är inte tillåtet; tillåtna värden: ja, nej"),
    Case("8-staff-sick-leave-above-100", cell("personal", 2, "sjukfranvaro", "120"), CHECK, 2,
         "personal.csv, rad 2, kolumn 'sjukfranvaro': värdet '120' ligger utanför tillåtet intervall (0–100)"),
    Case("8-goal-assessment-unknown-goal", adjustment("annual-report-2024.yaml",
                                                      "malbedomning:\n- {mal: '9.9', bedomning: uppfyllt, motivering: x}\n"),
         ANNUAL_DRY, 1, "målet '9.9' finns inte bland nämndmålen 2024; kända: 1.1, 2.1, 2.2, 3.1, 3.2, 4.1"),
    Case("8-goal-assessment-not-allowed", adjustment("annual-report-2024.yaml",
                                                     "malbedomning:\n- {mal: '1.1', bedomning: grön, motivering: x}\n"),
         ANNUAL_DRY, 1, "bedömningen 'grön' är inte tillåten; tillåtna: uppfyllt, delvis uppfyllt, ej uppfyllt"),
    Case("8-goal-assessment-without-reason", adjustment("annual-report-2024.yaml",
                                                        "malbedomning:\n- {mal: '1.1', bedomning: uppfyllt}\n"),
         ANNUAL_DRY, 1, "motivering saknas; varje justering ska motiveras"),
    Case("8-status-in-the-annual-report", adjustment("annual-report-2024.yaml",
                                                     "status:\n- {malomrade: 1, status: Röd, motivering: x}\n"),
         ANNUAL_DRY, 1, "okänd nyckel 'status'; för den här rapporten finns malbedomning, risker"),
]
CLASS_6_ADJUSTMENTS = [
    Case(f"6-adjustment-{name}", adjustment(file, text), [*DRY, "--period", PERIOD_OF[file]], 1, words)
    for name, file, text, words in ADJUSTMENTS
]

CATALOGUE = (CLASS_1 + CLASS_1_IMPORT + CLASS_3 + CLASS_4 + CLASS_5 + CLASS_6_PARAMS + CLASS_6_ADJUSTMENTS
             + CLASS_7 + CLASS_8)


def test_the_catalogue_has_at_least_150_cases_over_the_classes():
    classes = {c.id.split("-", 1)[0] for c in CATALOGUE}
    assert len(CATALOGUE) >= 150 and classes == {"1", "2", "3", "4", "5", "6", "7", "8"}
    assert len({c.id for c in CATALOGUE}) == len(CATALOGUE)


# --- the runner -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_seed(tmp_path_factory):
    """A store with one template submission, made once."""
    from intake_helpers import fill, templates
    from styrkort.intake.imports import import_file

    global STORE_SEED
    root = tmp_path_factory.mktemp("seed")
    shutil.copytree(EXAMPLE, root / "data")
    tpl = templates(root / "data", root / "mallar", units=["CAI"])["CAI"]
    assert import_file(fill(tpl, "Grön"), root / "data").ok
    STORE_SEED = root / "data" / STORE_NAME
    return STORE_SEED


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.id for c in CATALOGUE])
def test_bad_input_is_refused_in_swedish_and_changes_nothing(case, tmp_path, capsys, store_seed, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLE, root / "data")
    shutil.copytree(ROOT / "params", root / "params", ignore=shutil.ignore_patterns("*.yaml"))
    shutil.copy(ROOT / "params" / "styrkort.yaml", root / "params" / "styrkort.yaml")
    (root / "out" / "2024-08").mkdir(parents=True)
    (root / "out" / "2024-08" / "manadsrapport-augusti-2024.html").write_text("<html>tidigare</html>")
    (root / "in").mkdir()
    case.setup(root)
    before = snapshot(root)
    command = [part.format(**ws_paths(root)) for part in case.command]
    code = main(command)
    out = capsys.readouterr()
    shown = out.out + out.err
    assert code == case.code, shown
    assert case.words in shown, shown
    assert "Traceback" not in shown and "\x1b" not in shown
    assert not (tmp_path / "state").exists(), "no internal error"
    assert snapshot(root) == before, "a refusal changes nothing"
