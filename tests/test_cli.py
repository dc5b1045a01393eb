"""The command never answers with a traceback: a user's error is one Swedish line and an exit code,
the operating system's refusal is named in Swedish, and a fault of styrkort's own is one line that
names the log file holding its traceback. Text from data reaches the terminal inert."""

import errno

from styrkort.cli import data as data_commands
from styrkort.cli.main import main
from styrkort.data import store
from styrkort.data.terminal import terminal_safe


def test_a_fault_of_styrkorts_own_is_one_line_and_a_log(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(args):
        raise KeyError("något internt")

    monkeypatch.setattr(data_commands, "_check", broken)
    assert main(["check"]) == 70
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "ett oväntat fel inträffade i styrkort (KeyError)" in err
    log = next((tmp_path / "state" / "styrkort").glob("fel-*.log"))
    assert str(log) in err and "Traceback" in log.read_text() and "något internt" in log.read_text()


def test_the_operating_systems_refusal_is_named_in_swedish(monkeypatch, capsys):
    def full(args):
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/outputs/2024-08/rapport.pdf")

    monkeypatch.setattr(data_commands, "_check", full)
    assert main(["check"]) == 1
    assert capsys.readouterr().err == "styrkort: /srv/outputs/2024-08/rapport.pdf: disken är full\n"


def test_a_damaged_store_is_a_message_in_every_command(data_copy, capsys):
    store.store_path(data_copy).write_bytes(b"")
    for command in (["check"], ["history", "--unit", "CAI", "--period", "2024-08"], ["history", "--table", "enheter"]):
        assert main([*command, "--data", str(data_copy)]) == 2, command
        err = capsys.readouterr().err
        assert "inlamningar.sqlite" in err and "är tom (0 byte)" in err and "Traceback" not in err


def test_file_names_from_outside_reach_the_terminal_inert(data_copy, tmp_path, capsys):
    evil = tmp_path / "rapport\x1b[2J\x1b[31mröd\x07.csv"
    evil.write_bytes(b"\x00\x01binary\xff")
    assert main(["import", str(evil), "--data", str(data_copy)]) == 2
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "\x07" not in out.out + out.err
    assert "rapport\\x1b[2J\\x1b[31mröd\\x07.csv" in out.out + out.err
    assert terminal_safe("rad 1\nrad 2\tkolumn \u202eexe.pdf") == "rad 1\nrad 2\tkolumn \\u202eexe.pdf"
