"""The intake store: every submission a unit has made, kept for good, in one SQLite file.

The store is ``<data folder>/inlamningar.sqlite``. It is append-only: an import adds rows and
never updates or deletes one (triggers refuse it). A unit's *current* submission for a period
is its latest; earlier ones stay, with the time, the file and who imported them.

:func:`load_data` asks :func:`overlay` for the current submissions and lets their rows replace
the data folder's rows for the same unit and period, so every report reads from the store
without knowing it exists.

Why SQLite (see also the README): it is in the standard library, the store is one file beside
the data it belongs to, any tool can read it, and its transactions make an import all or
nothing. Writers take the database's write lock first (``BEGIN IMMEDIATE``), so two imports at
the same time run one after the other, each validated against what the other stored. The
rollback journal is used rather than WAL because WAL needs shared memory on one host and does
not work on the network shares where an administration's files often live.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from styrkort.data import contract
from styrkort.data.atomic import write_atomic
from styrkort.data.errors import UserError
from styrkort.data.identity import current_user

STORE_NAME = "inlamningar.sqlite"
#: 2: inserts that would replace a row are refused (1 refused updates and deletes only).
SCHEMA_VERSION = 3  # 3: economy_comments
BUSY_TIMEOUT_S = 120

_SCHEMA = """
CREATE TABLE IF NOT EXISTS imports (
    id          INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,           -- ISO 8601 with offset
    source      TEXT NOT NULL,           -- the file's name as imported
    sha256      TEXT NOT NULL,           -- of the file's bytes
    who         TEXT NOT NULL,           -- $USER
    kind        TEXT NOT NULL,           -- 'mall', 'bedomningar', or the contract table installed
    content     BLOB                     -- the file itself, so nothing is lost
);
CREATE TABLE IF NOT EXISTS submissions (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    unit        TEXT NOT NULL,
    period      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    who         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_unit_period ON submissions(unit, period, id);
CREATE TABLE IF NOT EXISTS assessments (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    malomrade     INTEGER NOT NULL,
    status        TEXT NOT NULL,
    kommentar     TEXT,
    source_row    INTEGER,               -- where it stood in the file (row as Excel numbers it)
    PRIMARY KEY (submission_id, malomrade)
);
CREATE TABLE IF NOT EXISTS indicator_values (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    indikator_id  TEXT NOT NULL,
    varde         REAL NOT NULL,
    source_row    INTEGER,
    PRIMARY KEY (submission_id, indikator_id)
);
CREATE TABLE IF NOT EXISTS economy_comments (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
    kommentar     TEXT NOT NULL,
    source_row    INTEGER
);
CREATE TABLE IF NOT EXISTS table_files (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER REFERENCES imports(id),  -- NULL: the folder's file as found before an import
    table_name  TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    stored_at   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL
);
"""
#: The store's tables, in the order they are created.
TABLES = ("imports", "submissions", "assessments", "indicator_values", "economy_comments", "table_files")
_REFUSAL = "SELECT RAISE(ABORT, 'inlämningsarkivet ändras aldrig, det läggs bara till')"
#: Each table's primary key, for the trigger that refuses an insert over an existing row.
_KEYS = {"imports": ("id",), "submissions": ("id",), "assessments": ("submission_id", "malomrade"),
         "indicator_values": ("submission_id", "indikator_id"), "economy_comments": ("submission_id",),
         "table_files": ("id",)}
#: No row is ever changed or removed: UPDATE and DELETE are refused, and so is an INSERT that
#: would replace a row (``INSERT OR REPLACE``, ``REPLACE``), which deletes without firing a
#: delete trigger; an UPSERT's update fires the update trigger.
_APPEND_ONLY = [
    f"CREATE TRIGGER IF NOT EXISTS {t}_no_{op} BEFORE {op.upper()} ON {t} BEGIN {_REFUSAL}; END;"
    for t in _KEYS for op in ("update", "delete")
] + [
    f"CREATE TRIGGER IF NOT EXISTS {t}_no_replace BEFORE INSERT ON {t} WHEN EXISTS (SELECT 1 FROM {t} WHERE "
    + " AND ".join(f"{k} = NEW.{k}" for k in keys) + f") BEGIN {_REFUSAL}; END;"
    for t, keys in _KEYS.items()
]


class StoreError(UserError):
    """The store cannot be opened or is not a styrkort store; the message is in Swedish."""


def store_path(folder: str | Path) -> Path:
    return Path(folder) / STORE_NAME


def version(folder: str | Path) -> tuple | None:
    """What changes whenever the store does, read without reading the store: rows are only ever
    added (:data:`_APPEND_ONLY`), each with a larger id than the last, so the last ids of the tables
    that every write adds to; with the file's format version, and its size, inode and times for a
    file changed or replaced behind SQLite's back. None without a store, or when it cannot be read
    (loading it says why).

    Read through SQLite, never by opening the file: closing a file of its own would drop every
    SQLite lock this process holds on it (POSIX record locks belong to the process), and let
    another import write in the middle of this one's transaction."""
    path = store_path(folder)
    try:
        st = path.stat()
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except (OSError, sqlite3.Error):
        return None
    try:
        return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                con.execute("PRAGMA user_version").fetchone()[0],
                *con.execute("SELECT (SELECT MAX(id) FROM imports), (SELECT MAX(id) FROM submissions), "
                             "(SELECT MAX(id) FROM table_files)").fetchone())
    except sqlite3.Error:
        return None
    finally:
        con.close()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Assessment:
    area: int
    status: str
    comment: str | None
    source_row: int | None = None


@dataclass(frozen=True)
class IndicatorValue:
    indicator: str
    value: float
    source_row: int | None = None


@dataclass(frozen=True)
class Submission:
    """One unit's submission for one period, as read from a file and validated."""

    unit: str
    period: str
    assessments: tuple[Assessment, ...]
    indicator_values: tuple[IndicatorValue, ...] = ()
    sheet: str | None = None  # where the assessments stood, for messages
    economy_comment: str | None = None  # the unit's own comment on its economy
    economy_comment_row: int | None = None


@dataclass(frozen=True)
class TableFile:
    """A whole contract table (enheter.csv, ekonomi.csv, …) installed into the data folder."""

    table: str
    file_name: str  # as installed, e.g. enheter.csv
    content: bytes


@dataclass(frozen=True)
class Import:
    """What one file brings: its submissions, or a whole table."""

    source: str
    content: bytes
    kind: str
    submissions: tuple[Submission, ...] = ()
    table_file: TableFile | None = None

    @property
    def sha256(self) -> str:
        return sha256(self.content)


@dataclass(frozen=True)
class HistoryRow:
    submission_id: int
    unit: str
    period: str
    imported_at: str
    source: str
    sha256: str
    who: str
    current: bool
    assessments: tuple[Assessment, ...] = field(default_factory=tuple)


# --- connections ------------------------------------------------------------------------------

def _refuse(path: Path, what: str) -> StoreError:
    return StoreError(f"{path.name} i {path.parent} {what}. Inlämningsarkivet används inte förrän det är "
                      "åtgärdat: återställ filen från en säkerhetskopia, eller flytta bort den om mappen aldrig "
                      "har haft några inlämningar")


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """An open store that is whole and of a format this version reads; a StoreError otherwise.

    The store is created only by :func:`_create` (whole, or not at all), so a file of zero bytes,
    a file without the store's tables, or one that fails SQLite's check is damage, never an empty
    store: reading it as empty would drop every submission from the reports without a word."""
    if path.stat().st_size == 0:
        raise _refuse(path, "är tom (0 byte)")
    try:
        if readonly:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                  isolation_level=None)
        else:
            con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _refuse(path, f"går inte att öppna ({exc})") from None
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path.name} i {path.parent} är skapad av en nyare version av styrkort (format "
                             f"{version}, den här versionen läser till och med {SCHEMA_VERSION}); uppdatera styrkort")
        if version < 1:
            raise _refuse(path, "är inget inlämningsarkiv från styrkort (tabellerna saknas)")
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _refuse(path, f"är skadad (SQLite: {check})")
    except sqlite3.Error as exc:
        con.close()
        raise _refuse(path, f"är skadad eller ingen SQLite-fil ({exc})") from None
    except StoreError:
        con.close()
        raise
    return con


def _create(path: Path) -> None:
    """Create the store whole: its schema is written to a temporary file, which then gets the
    store's name only if no other process created the store meanwhile (a hard link, which fails
    when the name exists). A process killed on the way leaves a temporary file, never a store."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = DELETE")
            _ensure_schema(con)
        finally:
            con.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another import created it first: use that one
        except OSError:  # no hard links on this file system
            if not path.exists():
                os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(f"{path.name} är upptaget av en annan import i mer än {BUSY_TIMEOUT_S} sekunder; "
                          "försök igen om en stund")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError(f"{path.name} i {path.parent} går inte att skriva (skrivskyddad fil eller mapp); "
                          "importen behöver skrivrätt till datamappen")
    return StoreError(f"{path.name} i {path.parent} kunde inte användas ({text})")


@contextmanager
def writing(folder: str | Path) -> Iterator[sqlite3.Connection]:
    """The store's write lock, held for the whole block: validate inside it, then write.

    ``BEGIN IMMEDIATE`` takes the lock before anything is read, so a concurrent import waits
    (up to two minutes) and then sees this one's rows. An exception rolls everything back. A
    table that the block installed (:func:`install_table`) is put in the folder once the
    transaction has committed; an installation that a killed process left half done is
    finished, or undone, first (:func:`recover`)."""
    path = store_path(folder)
    try:
        if not path.exists():
            _create(path)
        con = _connect(path)
    except OSError as exc:
        raise StoreError(f"{path.name} kan inte skapas i {path.parent}: {exc.strerror or exc}") from None
    try:
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA synchronous = FULL")
        _ensure_schema(con)
        con.execute("BEGIN IMMEDIATE")
        journal_before = _journal(folder).exists()  # left by another process: never this block's to drop
        try:
            _recover(con, Path(folder))
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            if not journal_before:  # this block's own installation, not committed
                _journal(folder).unlink(missing_ok=True)
            raise
        con.execute("COMMIT")
        _finish_installation(con, Path(folder))
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from None
    finally:
        con.close()


def _ensure_schema(con: sqlite3.Connection) -> None:
    """Create the tables, or bring an older store's format up to this one, in a transaction."""
    con.execute("BEGIN IMMEDIATE")
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            for statement in _APPEND_ONLY:
                con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def reading(folder: str | Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection, or None when the folder has no store (nothing is created). A store
    that cannot be read raises StoreError, however far the reading got."""
    path = store_path(folder)
    if not path.exists():
        yield None
        return
    recover(folder)
    con = _connect(path, readonly=True)
    try:
        yield con
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from None
    finally:
        con.close()


# --- installing a whole table, journaled --------------------------------------------------------

JOURNAL_NAME = ".styrkort-installation.json"


def _journal(folder: str | Path) -> Path:
    return Path(folder) / JOURNAL_NAME


def install_table(con: sqlite3.Connection, folder: str | Path, imp: Import, when: str | None = None) -> None:
    """Inside :func:`writing`: keep the folder's current file of the table and the new one in the
    store, and write a journal naming the installation. The file itself is put in the folder after
    the commit. A kill at any instant leaves the old state (the transaction and its journal are
    dropped) or the new one (a committed installation is finished by the next command)."""
    t = imp.table_file
    assert t is not None
    folder = Path(folder)
    when = when or now_iso()
    for old in _table_files(folder, t.table):
        archive_folder_file(con, t.table, old, when)
    write_import(con, imp, when)
    import_id = con.execute("SELECT MAX(id) FROM imports").fetchone()[0]
    write_atomic(_journal(folder), json.dumps({"import": import_id, "sha256": imp.sha256, "table": t.table,
                                               "file": t.file_name}) + "\n")


def _table_files(folder: Path, table: str) -> list[Path]:
    return [p for p in contract.table_paths(folder, table) if p.exists()]


def _finish_installation(con: sqlite3.Connection, folder: Path) -> None:
    """Put a committed installation's file in the folder and remove the table's other file (a
    ``.xlsx`` replaced by a ``.csv``), then the journal; an uncommitted one only loses its journal.
    Safe to repeat: every step leaves the folder valid for the next."""
    journal = _journal(folder)
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
        import_id, digest, table, name = entry["import"], entry["sha256"], entry["table"], entry["file"]
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreError(f"{JOURNAL_NAME} i {folder} går inte att läsa; en avbruten import kan inte slutföras "
                         "automatiskt. Jämför datamappens tabeller med `styrkort history --table` och ta sedan "
                         "bort filen") from None
    row = con.execute("SELECT t.content FROM table_files t JOIN imports i ON i.id = t.import_id "
                      "WHERE i.id = ? AND i.sha256 = ? AND t.table_name = ?", (import_id, digest, table)).fetchone()
    if row is not None:
        write_atomic(folder / name, bytes(row[0]))
        for other in _table_files(folder, table):
            if other.name != name:
                other.unlink()
    journal.unlink(missing_ok=True)


def _recover(con: sqlite3.Connection, folder: Path) -> None:
    """With the write lock held: finish or drop an installation a killed import left."""
    if _journal(folder).exists():
        _finish_installation(con, folder)


def recover(folder: str | Path) -> None:
    """Before reading: what a killed import left is put right under the write lock. SQLite rolls
    back its unfinished transaction (a read-only connection cannot), and an installation is
    finished or dropped, so that the folder's tables and the store agree. Costs two looks for a
    file when there is nothing to do."""
    path = store_path(folder)
    if not (_journal(folder).exists() or Path(f"{path}-journal").exists()) or not path.exists():
        return
    with writing(folder):
        pass


# --- writing ----------------------------------------------------------------------------------

def write_import(con: sqlite3.Connection, imp: Import, when: str | None = None, user: str | None = None) -> list[int]:
    """Store one validated file inside the caller's transaction; returns the new submission ids."""
    when, user = when or now_iso(), user or current_user()
    # A whole table's bytes are kept once, in table_files; a submission's file here.
    content = imp.content if imp.table_file is None else None
    import_id = con.execute(
        "INSERT INTO imports (imported_at, source, sha256, who, kind, content) VALUES (?, ?, ?, ?, ?, ?)",
        (when, imp.source, imp.sha256, user, imp.kind, content)).lastrowid
    ids = []
    for sub in imp.submissions:
        sid = con.execute(
            "INSERT INTO submissions (import_id, unit, period, imported_at, source, sha256, who) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (import_id, sub.unit, sub.period, when, imp.source, imp.sha256, user)).lastrowid
        con.executemany(
            "INSERT INTO assessments (submission_id, malomrade, status, kommentar, source_row) VALUES (?, ?, ?, ?, ?)",
            [(sid, a.area, a.status, a.comment, a.source_row) for a in sub.assessments])
        con.executemany(
            "INSERT INTO indicator_values (submission_id, indikator_id, varde, source_row) VALUES (?, ?, ?, ?)",
            [(sid, v.indicator, v.value, v.source_row) for v in sub.indicator_values])
        if sub.economy_comment:
            con.execute("INSERT INTO economy_comments (submission_id, kommentar, source_row) VALUES (?, ?, ?)",
                        (sid, sub.economy_comment, sub.economy_comment_row))
        ids.append(sid)
    if imp.table_file is not None:
        t = imp.table_file
        con.execute("INSERT INTO table_files (import_id, table_name, file_name, stored_at, sha256, content) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (import_id, t.table, t.file_name, when, sha256(t.content), t.content))
    return ids


def latest_submission(con: sqlite3.Connection, unit: str, period: str) -> tuple[int, str, str, str] | None:
    """The unit's current submission for the period as (id, imported_at, source, sha256), or None."""
    return con.execute("SELECT id, imported_at, source, sha256 FROM submissions WHERE unit = ? AND period = ? "
                       "ORDER BY id DESC LIMIT 1", (unit, period)).fetchone()


def copy_store(folder: str | Path, other: str | Path) -> None:
    """A consistent copy of the folder's store into another folder (SQLite's online backup), for a
    trial load of the data with a new file in place; nothing when the folder has no store."""
    if not store_path(folder).exists():
        return
    with reading(folder) as src:
        if src is not None:
            dst = sqlite3.connect(store_path(other))
            try:
                src.backup(dst)
            finally:
                dst.close()


def archive_folder_file(con: sqlite3.Connection, table: str, path: Path, when: str | None = None) -> bool:
    """Keep the data folder's current file of ``table`` before an import replaces it, unless the
    store already holds exactly these bytes as that table's latest version."""
    content = path.read_bytes()
    digest = sha256(content)
    latest = con.execute("SELECT sha256 FROM table_files WHERE table_name = ? ORDER BY id DESC LIMIT 1",
                         (table,)).fetchone()
    if latest and latest[0] == digest:
        return False
    con.execute("INSERT INTO table_files (import_id, table_name, file_name, stored_at, sha256, content) "
                "VALUES (NULL, ?, ?, ?, ?, ?)", (table, path.name, when or now_iso(), digest, content))
    return True


# --- reading ----------------------------------------------------------------------------------

def current_submissions(folder: str | Path) -> list[HistoryRow]:
    """The latest submission per (unit, period), with its rows; empty without a store."""
    with reading(folder) as con:
        if con is None:
            return []
        rows = con.execute(
            "SELECT s.id, s.unit, s.period, s.imported_at, s.source, s.sha256, s.who FROM submissions s "
            "JOIN (SELECT unit, period, MAX(id) AS id FROM submissions GROUP BY unit, period) latest "
            "ON latest.id = s.id ORDER BY s.period, s.unit").fetchall()
        return [HistoryRow(*r, current=True, assessments=_assessments(con, r[0])) for r in rows]


def _assessments(con: sqlite3.Connection, submission_id: int) -> tuple[Assessment, ...]:
    return tuple(Assessment(*r) for r in con.execute(
        "SELECT malomrade, status, kommentar, source_row FROM assessments WHERE submission_id = ? ORDER BY malomrade",
        (submission_id,)))


def _indicator_values(con: sqlite3.Connection, submission_id: int) -> tuple[IndicatorValue, ...]:
    return tuple(IndicatorValue(*r) for r in con.execute(
        "SELECT indikator_id, varde, source_row FROM indicator_values WHERE submission_id = ? ORDER BY indikator_id",
        (submission_id,)))


def _economy_comment(con: sqlite3.Connection, submission_id: int) -> tuple[str, int | None] | None:
    """The submission's comment on the unit's economy; a store of format 2 read-only has none."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'economy_comments'").fetchone() is None:
        return None
    return con.execute("SELECT kommentar, source_row FROM economy_comments WHERE submission_id = ?",
                       (submission_id,)).fetchone()


def history(folder: str | Path, unit: str, period: str) -> list[HistoryRow]:
    """Every submission of ``unit`` for ``period``, oldest first; the last is current."""
    with reading(folder) as con:
        if con is None:
            return []
        rows = con.execute("SELECT id, unit, period, imported_at, source, sha256, who FROM submissions "
                           "WHERE unit = ? AND period = ? ORDER BY id", (unit, period)).fetchall()
        return [HistoryRow(*r, current=(i == len(rows) - 1), assessments=_assessments(con, r[0]))
                for i, r in enumerate(rows)]


@dataclass(frozen=True)
class TableVersion:
    id: int
    table: str
    file_name: str
    stored_at: str
    sha256: str
    source: str | None  # the imported file's name; None for the folder's file kept before an import
    who: str | None
    size: int


def table_history(folder: str | Path, table: str) -> list[TableVersion]:
    with reading(folder) as con:
        if con is None:
            return []
        return [TableVersion(*r) for r in con.execute(
            "SELECT t.id, t.table_name, t.file_name, t.stored_at, t.sha256, i.source, i.who, length(t.content) "
            "FROM table_files t LEFT JOIN imports i ON i.id = t.import_id WHERE t.table_name = ? ORDER BY t.id",
            (table,))]


def table_content(folder: str | Path, version_id: int) -> bytes | None:
    with reading(folder) as con:
        if con is None:
            return None
        row = con.execute("SELECT content FROM table_files WHERE id = ?", (version_id,)).fetchone()
        return None if row is None else bytes(row[0])


def counts(folder: str | Path) -> dict[str, int]:
    """Rows per table: what a test compares before and after a refused import."""
    with reading(folder) as con:
        if con is None:
            return {}
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in TABLES}


def dump(folder: str | Path) -> dict[str, list[tuple]]:
    """Every row of every table, in order: for comparing a store before and after."""
    with reading(folder) as con:
        if con is None:
            return {}
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


# --- the overlay load_data applies ------------------------------------------------------------

@dataclass(frozen=True)
class Overlay:
    """Rows that replace the data folder's rows for the same (unit, period).

    ``rows`` are text, keyed by column name as in a contract file, so load_data validates
    them with the same rules; ``label`` names where they come from in messages."""

    label: str
    replaces: frozenset[tuple[str, str]]  # (unit, period)
    rows: dict[str, list[dict[str, str]]]


def overlay(folder: str | Path, pending: tuple[Submission, ...] | list[Submission] = (),
            pending_label: str = "") -> Overlay | None:
    """The current submissions (with ``pending`` ones, not yet stored, taking precedence) as rows
    of the contract's ``bedomningar``, ``indikatorvarden`` and ``ekonomikommentarer``; None when
    there are none.

    Each row carries ``_file`` (which submission, for messages) and ``_row`` (its row in the
    submitted file)."""
    subs: dict[tuple[str, str], tuple] = {}
    with reading(folder) as con:
        if con is not None:
            for r in current_submissions(folder):
                label = f"{STORE_NAME} (inlämning {r.submission_id}, från {r.source})"
                subs[(r.unit, r.period)] = (r.assessments, _indicator_values(con, r.submission_id), label,
                                            _economy_comment(con, r.submission_id))
    for s in pending:
        comment = (s.economy_comment, s.economy_comment_row) if s.economy_comment else None
        subs[(s.unit, s.period)] = (s.assessments, s.indicator_values, pending_label or STORE_NAME, comment)
    if not subs:
        return None
    bed, ind, eco = [], [], []
    for (unit, period), (assessments, values, label, comment) in sorted(subs.items()):
        if comment is not None:
            eco.append({"period": period, "enhet_id": unit, "kommentar": comment[0], "_file": label, "_row": comment[1]})
        bed += [{"period": period, "enhet_id": unit, "malomrade": str(a.area), "status": a.status,
                 "kommentar": a.comment or "", "_file": label, "_row": a.source_row} for a in assessments]
        ind += [{"period": period, "indikator_id": v.indicator, "enhet_id": unit,
                 "varde": format(Decimal(repr(float(v.value))), "f"), "_file": label, "_row": v.source_row}
                for v in values]
    return Overlay(STORE_NAME, frozenset(subs), {"bedomningar": bed, "indikatorvarden": ind, "ekonomikommentarer": eco})
