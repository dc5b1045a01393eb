"""The intake store keeps what it is given for good: no SQL statement rewrites its history, a damaged
or foreign file is refused rather than read as empty, and an import killed at any instant leaves
the old state or the new one, never a mix."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import read_rows, write_rows
from intake_helpers import fill, templates
from styrkort.data import store
from styrkort.data.errors import DataError
from styrkort.data.loading import load_data
from styrkort.intake.imports import import_file


def _import_cai(folder, tmp_path):
    tpl = templates(folder, tmp_path / "mallar", units=["CAI"])["CAI"]
    assert import_file(fill(tpl, "Grön"), folder).ok


@pytest.mark.parametrize("statement", [
    "INSERT OR REPLACE INTO submissions (id, import_id, unit, period, imported_at, source, sha256, who) "
    "VALUES (1, 1, 'CAI', '2024-09', 'x', 'x', 'x', 'x')",
    "REPLACE INTO assessments (submission_id, malomrade, status, kommentar) VALUES (1, 1, 'Röd', 'omskrivet')",
    "INSERT INTO assessments (submission_id, malomrade, status, kommentar) VALUES (1, 1, 'Röd', 'x') "
    "ON CONFLICT (submission_id, malomrade) DO UPDATE SET status = 'Röd'",
    "INSERT OR REPLACE INTO imports (id, imported_at, source, sha256, who, kind) VALUES (1, 'x', 'x', 'x', 'x', 'x')",
    "UPDATE imports SET who = 'någon annan'",
    "DELETE FROM assessments",
])
def test_no_statement_rewrites_history(data_copy, tmp_path, statement):
    _import_cai(data_copy, tmp_path)
    before = store.dump(data_copy)
    con = sqlite3.connect(store.store_path(data_copy))  # a plain client, no pragmas of styrkort's
    with pytest.raises(sqlite3.DatabaseError, match="ändras aldrig"):
        con.execute(statement)
    con.close()
    assert store.dump(data_copy) == before


def test_an_older_store_is_read_and_brought_up_to_date(data_copy, tmp_path):
    _import_cai(data_copy, tmp_path)
    con = sqlite3.connect(store.store_path(data_copy))
    for t in ("imports", "submissions", "assessments", "indicator_values", "table_files"):
        con.execute(f"DROP TRIGGER {t}_no_replace")
    con.execute("PRAGMA user_version = 1")
    con.close()
    assert len(store.current_submissions(data_copy)) == 1  # format 1 is read as it is
    _import_cai(data_copy, tmp_path)  # the next import adds what format 2 refuses
    con = sqlite3.connect(store.store_path(data_copy))
    assert con.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    with pytest.raises(sqlite3.DatabaseError, match="ändras aldrig"):
        con.execute("REPLACE INTO assessments (submission_id, malomrade, status) VALUES (1, 1, 'Röd')")
    con.close()


@pytest.mark.parametrize("damage, words", [
    (lambda p: p.write_bytes(b""), "är tom (0 byte)"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + os.urandom(4000)), "skadad"),
    (lambda p: p.write_bytes(p.read_bytes()[:3000]), "skadad"),
    (lambda p: _sqlite(p, "PRAGMA user_version = 99"), "nyare version av styrkort"),
    (lambda p: (p.unlink(), _sqlite(p, "CREATE TABLE x (y)")), "inget inlämningsarkiv"),
])
def test_a_damaged_or_foreign_store_is_refused_never_read_as_empty(data_copy, tmp_path, damage, words):
    _import_cai(data_copy, tmp_path)
    tpl = fill(templates(data_copy, tmp_path / "igen", units=["EKB"])["EKB"], "Gul")
    path = store.store_path(data_copy)
    damage(path)
    content = path.read_bytes()
    with pytest.raises(DataError) as exc:
        load_data(data_copy)
    assert store.STORE_NAME in str(exc.value) and words in str(exc.value)
    result = import_file(tpl, data_copy)
    assert not result.ok and words in str(result.error)
    assert path.read_bytes() == content  # refused, not repaired or overwritten


def _sqlite(path, statement):
    con = sqlite3.connect(path)
    con.execute(statement)
    con.commit()
    con.close()


# --- an import killed at any instant -----------------------------------------------------------------

_IMPORT = """
import sys
from pathlib import Path
from styrkort.intake.imports import import_file
result = import_file(Path(sys.argv[1]), Path(sys.argv[2]))
sys.exit(0 if result.ok else 3)
"""


def _state(folder):
    """What the folder's table says, and what the store says it should say."""
    content = (folder / "enheter.csv").read_bytes()
    versions = store.table_history(folder, "enheter")
    return content, versions


@pytest.mark.slow
def test_table_imports_killed_at_random_instants_leave_old_or_new_state(data_copy, tmp_path):
    """Twenty-four imports of a whole table, each killed (SIGKILL) at a random instant. After each,
    the next command finds the folder's file equal to the store's latest version of the table (the
    old one, or the new one when the import had committed), the store passes SQLite's integrity
    check, and every committed import has both the file it replaced and its own in history."""
    rng = random.Random(20261130)
    rows = read_rows(data_copy, "enheter")
    committed = 0
    for i in range(24):
        rows[0]["namn"] = f"Enhet version {i}"
        (tmp_path / f"in{i}").mkdir()
        write_rows(tmp_path / f"in{i}", "enheter", rows)
        proc = subprocess.Popen([sys.executable, "-c", _IMPORT, str(tmp_path / f"in{i}" / "enheter.csv"),
                                 str(data_copy)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        load_data(data_copy)  # the next command: recovers, then reads
        assert not (data_copy / store.JOURNAL_NAME).exists()
        content, versions = _state(data_copy)
        if versions:
            assert store.table_content(data_copy, versions[-1].id) == content
            imported = [v for v in versions if v.source is not None]
            committed = len(imported)
            # Every import follows the version it replaced: history has no hole.
            assert versions[0].source is None and all(v.source == "enheter.csv" for v in versions[1:])
        con = sqlite3.connect(store.store_path(data_copy)) if store.store_path(data_copy).exists() else None
        if con is not None:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            con.close()
    assert 0 < committed < 24, "some imports were killed before their commit and some after"


_DIE = """
import os, sys
from pathlib import Path
from styrkort.data import store
from styrkort.intake.imports import import_file
original = store.{function}

def die_after(*args, **kwargs):
    original(*args, **kwargs)
    os._exit(9)  # as SIGKILL: no cleanup, no finally

store.{function} = die_after
import_file(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@pytest.mark.parametrize("function, installed", [
    ("install_table", False),  # journal written, transaction not committed: the old state
    ("_finish_installation", True),  # committed, file maybe half installed: finished next time
])
def test_a_table_import_killed_at_its_worst_instants(data_copy, tmp_path, function, installed):
    old = (data_copy / "enheter.csv").read_bytes()
    rows = read_rows(data_copy, "enheter")
    rows[0]["namn"] = "Ny enhet"
    (tmp_path / "in").mkdir()
    write_rows(tmp_path / "in", "enheter", rows)
    new = (tmp_path / "in" / "enheter.csv").read_bytes()
    if function == "_finish_installation":  # killed after the commit, before the file is in place
        script = _DIE.replace("original(*args, **kwargs)\n", "")
    else:
        script = _DIE
    done = subprocess.run([sys.executable, "-c", script.format(function=function), str(tmp_path / "in" / "enheter.csv"),
                           str(data_copy)], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert (data_copy / "enheter.csv").read_bytes() == old  # nothing installed yet
    data = load_data(data_copy)  # the next command
    assert not (data_copy / store.JOURNAL_NAME).exists()
    assert (data_copy / "enheter.csv").read_bytes() == (new if installed else old)
    assert (data.units["namn"].iloc[0] == "Ny enhet") is installed
    versions = store.table_history(data_copy, "enheter")
    assert [v.source for v in versions] == ([None, "enheter.csv"] if installed else [])


@pytest.mark.slow
def test_renders_killed_at_random_instants_never_leave_a_set_that_is_taken_as_whole(tmp_path):
    """Twenty renders of one report, each killed (SIGKILL) at a random instant. After each, every
    document in the output folder is whole (written under another name and renamed), and a set
    that a kill split (a new PDF beside the old HTML) is not taken as whole (tests/test_commit.py):
    the next run renders it again, and the set is whole after."""
    import json

    from styrkort.pipeline.commit import is_whole

    rng = random.Random(1130)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "styrkort", "render", "monthly", "--period", "2024-08", "--out", str(out)]
    for _ in range(20):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        folder = out / "2024-08"
        for html in folder.glob("*.html") if folder.is_dir() else []:
            assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
        for pdf in folder.glob("*.pdf") if folder.is_dir() else []:
            content = pdf.read_bytes()
            assert content.startswith(b"%PDF") and b"%%EOF" in content[-64:]
    done = subprocess.run([sys.executable, "-m", "styrkort", "render-all", "--period", "2024-08", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    sidecar = json.loads((out / "2024-08" / "manadsrapport-augusti-2024.json").read_text())
    assert is_whole(out / "2024-08", "manadsrapport-augusti-2024", sidecar)
    assert not list(out.rglob(".*.tmp")), "the next run removed what the killed ones left"
