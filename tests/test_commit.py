"""A report's documents are written as a set: they appear together or not at all, a full disk or a
read-only folder is a Swedish message with nothing changed, and a set found incomplete is rendered
again, never skipped."""

import errno
import json

import pytest

from styrkort.cli.main import main
from styrkort.data import atomic
from styrkort.data.errors import ReportError
from styrkort.pipeline.commit import check_output_folder, commit, is_whole, read_sidecar, up_to_date
from styrkort.pipeline.job import Job, Produced

STEM = "manadsrapport-augusti-2024"


def job(folder, fingerprint="f1") -> Job:
    return Job(kind="monthly", period="2024-08", title="Månadsrapport augusti 2024", stem=STEM, target=str(folder),
               notebook="monthly.ipynb", notebook_source="{}", cwd=str(folder), parameters={}, meta={}, pdf=True,
               variant=None, fingerprint=fingerprint, inputs=(("data:x.csv", "0" * 64),), made_from={})


def produced(version: str) -> Produced:
    meta = {"title": "Månadsrapport augusti 2024", "period": "2024-08", "fingerprint": "f1",
            "files": {"html": f"{STEM}.html", "pdf": f"{STEM}.pdf", "notebook": f"{STEM}.ipynb"}}
    return Produced("monthly 2024-08", True, html=f"<html>{version}</html>", pdf=f"%PDF {version}".encode(),
                    notebook=json.dumps({"version": version}), meta=meta)


def contents(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob(f"{STEM}*"))}


def test_a_full_disk_leaves_the_earlier_set_as_it_was(tmp_path, monkeypatch):
    commit(job(tmp_path), produced("första"))
    before = contents(tmp_path)
    real, calls = atomic._temporary, []

    def full_after_one(path, content):
        calls.append(path)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, content)

    monkeypatch.setattr(atomic, "_temporary", full_after_one)
    with pytest.raises(ReportError, match="disken är full") as exc:
        commit(job(tmp_path, "f2"), produced("andra"))
    assert "Inget av rapportens filer ändrades" in str(exc.value)
    assert contents(tmp_path) == before  # no new PDF beside the old HTML
    assert not list(tmp_path.glob(".*.tmp")) and not (tmp_path / "tidigare").exists()


def test_a_set_made_incomplete_afterwards_is_not_up_to_date(tmp_path):
    j = job(tmp_path)
    commit(j, produced("första"))
    assert up_to_date(j) and is_whole(tmp_path, STEM, read_sidecar(j))
    (tmp_path / f"{STEM}.pdf").write_bytes(b"%PDF en annan")  # another program, or a half copy
    assert not up_to_date(j)
    commit(j, produced("första"))
    (tmp_path / f"{STEM}.ipynb").unlink()
    assert not up_to_date(j)


def test_an_output_folder_that_cannot_be_one_is_refused_before_any_work(tmp_path, capsys):
    a_file = tmp_path / "rapporter.txt"
    a_file.write_text("inte en mapp", encoding="utf-8")
    with pytest.raises(ReportError, match="är en fil, inte en mapp"):
        check_output_folder(a_file)
    with pytest.raises(ReportError, match="är en fil, inte en mapp"):
        check_output_folder(a_file / "under")
    check_output_folder(tmp_path / "ny" / "mapp")  # made when the first report is written
    assert not (tmp_path / "ny").exists()

    assert main(["render", "monthly", "--period", "2024-08", "--out", str(a_file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("styrkort: Utmappen") and "Traceback" not in err
    assert a_file.read_text(encoding="utf-8") == "inte en mapp"
