"""outputs/index.html: every rendered report, by period and type, with links to HTML and PDF."""

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import EXAMPLES
from styrkort.pipeline.index import Entry, index_html, scan, write_index


def _report(out: Path, period: str, stem: str, title: str, document: str, pdf: bool = True,
            html: bool = True, name: str | None = None) -> None:
    """A rendered report as render() leaves it: the notebook with its metadata, the HTML, the PDF."""
    folder = out / period
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"title": title, "kind": "x", "period": period, "period_name": period, "document": document,
            "board": "Provnämnden", "municipality": "Provkommun", "rendered_at": "2024-09-05T10:00:00+02:00",
            "files": {"html": f"{stem}.html", "pdf": f"{stem}.pdf" if pdf else None}}
    (folder / (name or f"{stem}.ipynb")).write_text(json.dumps({"cells": [], "metadata": {"styrkort": meta}}),
                                                    encoding="utf-8")
    if html:
        (folder / f"{stem}.html").write_text("<html></html>", encoding="utf-8")
    if pdf:
        (folder / f"{stem}.pdf").write_bytes(b"%PDF-1.7\n")


def test_scan_finds_reports_newest_period_first_and_skips_what_is_not_one(tmp_path):
    _report(tmp_path, "2023-06..2023-07", "manadsrapport-juni-juli-2023", "Månadsrapport juni–juli 2023",
            "månadsrapport")
    _report(tmp_path, "2024-08", "manadsrapport-augusti-2024", "Månadsrapport augusti 2024", "månadsrapport",
            pdf=False)
    _report(tmp_path, "2024-T2", "delarsrapport-T2-2024", "Delårsrapport 2 2024", "delårsrapport")
    _report(tmp_path, "2024", "namnd-och-forvaltningsplan-2024", "Nämnd- och förvaltningsplan 2024", "plan")
    _report(tmp_path, "2024-09", "manadsrapport-september-2024", "Månadsrapport september 2024", "månadsrapport",
            name="manadsrapport-september-2024.misslyckad.ipynb")  # a failed run's notebook
    _report(tmp_path, "2024-10", "manadsrapport-oktober-2024", "Månadsrapport oktober 2024", "månadsrapport",
            html=False)  # its HTML is gone
    (tmp_path / "2024-11").mkdir()
    (tmp_path / "2024-11" / "anteckningar.ipynb").write_text('{"cells": [], "metadata": {}}', encoding="utf-8")
    (tmp_path / "2024-11" / "trasig.ipynb").write_text("{inte json", encoding="utf-8")

    entries = scan(tmp_path)
    # By the period's last month, newest first: the plan covers the whole of 2024; August and
    # Jan–Aug end together, the shorter period first.
    assert [e.title for e in entries] == ["Nämnd- och förvaltningsplan 2024", "Månadsrapport augusti 2024",
                                          "Delårsrapport 2 2024", "Månadsrapport juni–juli 2023"]
    august = entries[1]
    assert august.html == "2024-08/manadsrapport-augusti-2024.html" and august.pdf is None
    assert entries[3].pdf == "2023-06..2023-07/manadsrapport-juni-juli-2023.pdf"
    assert august.rendered_on == date(2024, 9, 5)


def test_index_page_is_an_accessible_swedish_front_page_by_year():
    entries = [Entry("monthly", "månadsrapport", "2024-08", "augusti 2024", "Månadsrapport augusti 2024",
                     "2024-08/manadsrapport-augusti-2024.html", "2024-08/manadsrapport-augusti-2024.pdf",
                     date(2024, 9, 5), "Provnämnden", "Provkommun", "2024/PN 0080", date(2024, 9, 10)),
               Entry("monthly", "månadsrapport", "2024-07", "juli 2024", "Månadsrapport <juli> 2024",
                     "2024-07/manadsrapport-juli-2024.html", None, None, "Provnämnden", "Provkommun"),
               Entry("plan", "plan", "2023", "2023", "Nämnd- och förvaltningsplan 2023",
                     "2023/namnd-och-forvaltningsplan-2023.html", None, date(2022, 12, 1))]
    soup = BeautifulSoup(index_html(entries, "body { color: #000 }", date(2024, 9, 6)), "html.parser")
    assert soup.html["lang"] == "sv" and soup.title.get_text() == "Rapporter – Provnämnden, Provkommun"
    assert soup.h1.get_text() == "Rapporter"
    assert [h.get_text() for h in soup.find_all("h2")] == ["2024", "2023"]  # by year, newest first
    assert "6 september 2024" in soup.get_text()
    tables = soup.find_all("table")
    assert len(tables) == 2 and all(t.caption.get_text(strip=True) for t in tables)
    assert all(th["scope"] == "col" for t in tables for th in t.thead.find_all("th"))
    rows = tables[0].tbody.find_all("tr")
    assert [r.th["scope"] for r in rows] == ["row", "row"]
    cells = [td.get_text(" ", strip=True) for td in rows[0].find_all("td")]
    # The report's own date and diarienummer, not the day it was rendered.
    assert cells == ["10 september 2024", "2024/PN 0080", "Månadsrapport augusti 2024 (HTML)",
                     "Månadsrapport augusti 2024 (PDF)"]
    assert tables[1].tbody.tr.find_all("td")[0].get_text() == "1 december 2022"  # rendered: no date of its own
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert links["Månadsrapport augusti 2024 (PDF)"] == "2024-08/manadsrapport-augusti-2024.pdf"
    assert links["Månadsrapport <juli> 2024 (HTML)"] == "2024-07/manadsrapport-juli-2024.html"
    assert rows[1].find_all("td")[-1].get_text() == "Ingen PDF"
    empty = BeautifulSoup(index_html([], "", date(2024, 9, 6)), "html.parser")
    assert "Inga rapporter" in empty.get_text() and empty.h1


def test_examples_index_links_every_report_in_html_and_pdf(examples):
    out, done = examples
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    boards = [d for d in done if d.kind != "municipality"]  # the summary has its municipality's index
    rows = [tr for table in soup.find_all("table") for tr in table.tbody.find_all("tr")]
    assert sorted(r.th.get_text() for r in rows) == sorted(d.title for d in boards)
    assert len(rows) == len(boards) == len(EXAMPLES) - 1
    assert [h.get_text() for h in soup.find_all("h2")] == ["2024", "2023"]
    for d in boards:
        links = {a.get_text(): out / a["href"] for a in soup.find_all("a")}
        assert links[f"{d.title} (HTML)"] == d.html
        assert links[f"{d.title} (PDF)"] == d.pdf
    for a in soup.find_all("a"):
        assert (out / a["href"]).is_file(), a["href"]


def test_rendering_without_pdf_updates_the_index_and_removes_the_old_pdf(examples, tmp_path):
    out, done = examples
    copy = tmp_path / "outputs"
    shutil.copytree(out, copy)
    august = next(d for d in done if d.period == "2024-08")
    old_pdf = copy / august.pdf.relative_to(out)
    assert old_pdf.exists()
    result = subprocess.run([sys.executable, "-m", "styrkort", "render", "monthly", "--period", "2024-08",
                             "--no-pdf", "--out", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not old_pdf.exists()
    soup = BeautifulSoup((copy / "index.html").read_text(encoding="utf-8"), "html.parser")
    row = next(r for r in soup.find("table").tbody.find_all("tr") if r.th.get_text() == august.title)
    assert row.find_all("td")[-1].get_text() == "Ingen PDF"
    assert len(soup.find_all("a", string=lambda s: s and s.endswith("(PDF)"))) == len(EXAMPLES) - 2  # not it, nor the summary

    (copy / "index.html").unlink()
    result = subprocess.run([sys.executable, "-m", "styrkort", "index", "--out", str(copy)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and (copy / "index.html").exists()
    again = BeautifulSoup((copy / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert sum(len(t.tbody.find_all("tr")) for t in again.select("table.index:not(.earlier)")) == len(EXAMPLES) - 1  # the summary is in kommun/


def test_write_index_on_an_empty_folder(tmp_path):
    path = write_index(tmp_path, today=date(2024, 9, 6))
    assert path == tmp_path / "index.html"
    assert "Inga rapporter har renderats ännu." in path.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))
