"""What the analyst has decided for a report, at a glance: every saved adjustment of the period
with who and when, the log of saves and undos, an undo that asks for its reason, and a button that
renders the report as `styrkort render` does."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as w
from IPython.display import display

from styrkort.data.errors import UserError
from styrkort.data.loading import Dataset
from styrkort.data.locks import Busy
from styrkort.data.periods import Period
from styrkort.pages.elements import table
from styrkort.document.html import esc, write
from styrkort.reports.adjustments import (
    SECTION_ATTRS,
    SECTIONS,
    AdjustmentConflict,
    adjustment_log,
    adjustments_path,
    describe_values,
    read_adjustments,
    save_section,
)
from styrkort.reports.kinds import ReportKind, report_kind

_SECTION_NAMES = {"status": "Status", "kommunbidrag": "Kommunbidrag", "risker": "Risker", "prognos": "Prognos",
                  "malbedomning": "Målbedömning"}


class AdjustmentsOverview:
    """The period's saved adjustments and their log; undo one with a reason."""

    def __init__(self, data: Dataset, kind: ReportKind | str, period: Period | str, folder: str | Path):
        self.kind = report_kind(kind)
        self.period = self.kind.resolve(data, period)
        self.folder = Path(folder)
        self.table, self.log, self.message = w.HTML(), w.HTML(), w.HTML()
        self.choice = w.Dropdown(description="Ångra", layout=w.Layout(width="28em"),
                                 tooltip="Justering att ångra (tillbaka till det data föreslår)")
        self.reason = w.Text(placeholder="Varför justeringen ångras (krävs)", tooltip="Motivering för att ångra",
                             layout=w.Layout(width="28em"))
        self.button = w.Button(description="Ångra justeringen", icon="undo", layout=w.Layout(width="auto"))
        self.button.on_click(lambda _: self.undo())
        self.refresh()

    def _current(self):
        return read_adjustments(adjustments_path(self.folder, self.kind.name, self.period.key), self.kind.name,
                                self.period.key)

    def refresh(self) -> None:
        current = self._current()
        rows, options = [], []
        for section in self.kind.adjustment_sections:
            for e in getattr(current, SECTION_ATTRS[section]):
                identity = e.get(SECTIONS[section][0])
                rows.append([_SECTION_NAMES[section], describe_values(dict(e.values)), e.reason, e.by,
                             e.at[:16].replace("T", " ")])
                options.append((f"{_SECTION_NAMES[section]}: {describe_values(dict(e.values))}", (section, identity)))
        self.table.value = (write([table(["Avsnitt", "Justering", "Motivering", "Av", "Tid"], rows,
                                         caption=f"Sparade justeringar, {self.period.name_sv}")])
                            if rows else "<p>Inga sparade justeringar för perioden.</p>")
        self.choice.options = options
        events = [e for e in adjustment_log(self.folder)
                  if e.get("rapport") == self.kind.name and e.get("period") == self.period.key]
        self.log.value = "" if not events else write([table(
            ["Tid", "Av", "Avsnitt", "Handling", "Före", "Efter", "Motivering"],
            [[str(e.get("tid", ""))[:16].replace("T", " "), str(e.get("av", "")),
              str(_SECTION_NAMES.get(e.get("avsnitt"), e.get("avsnitt", ""))), str(e.get("handling", "")),
              describe_values(e.get("före")), describe_values(e.get("efter")), str(e.get("motivering", ""))]
             for e in events], caption="Logg över sparade och ångrade justeringar", row_headers=False)])

    def undo(self) -> bool:
        """Take the chosen adjustment away (back to the data's proposal), logged with the reason."""
        if self.choice.value is None:
            self.message.value = "<span style='color:#b3261e'>Välj en justering att ångra.</span>"
            return False
        if not self.reason.value.strip():
            self.message.value = "<span style='color:#b3261e'>Skriv varför justeringen ångras.</span>"
            return False
        section, identity = self.choice.value
        entries = getattr(self._current(), SECTION_ATTRS[section])
        kept = tuple(e for e in entries if e.get(SECTIONS[section][0]) != identity)
        try:
            save_section(self.folder, self.kind.name, self.period.key, section, kept, entries,
                         undo_reason=self.reason.value.strip())
        except (AdjustmentConflict, Busy):
            self.message.value = ("<span style='color:#b3261e'>Filen ändrades just av någon annan; försök igen."
                                  "</span>")
            self.refresh()
            return False
        self.reason.value = ""
        self.message.value = "<span style='color:#1b6e35'>✓ Ångrad och loggad.</span>"
        self.refresh()
        return True

    @property
    def widget(self) -> w.Widget:
        undo = w.HBox([self.choice, self.reason, self.button], layout=w.Layout(grid_gap="10px"))
        return w.VBox([w.HTML("<h3>Översikt över justeringarna</h3>"), self.table, undo, self.message, self.log])

    def _ipython_display_(self) -> None:
        display(self.widget)


class RenderButton:
    """Renders the notebook's report into the output folder, as `styrkort render` does, and links
    to its HTML and PDF."""

    def __init__(self, kind: ReportKind | str, period: Period | str, data_dir: str | Path, params_file: str | Path,
                 adjustments_dir: str | Path, out_dir: str | Path | None = None):
        from styrkort.pipeline.workspace import Workspace

        self.kind, self.period = report_kind(kind), period
        self.ws = Workspace.resolve(data=data_dir, params=params_file, adjustments=adjustments_dir, out=out_dir)
        self.button = w.Button(description="Rendera rapport", button_style="success", icon="file",
                               layout=w.Layout(width="auto"))
        self.button.on_click(lambda _: self.render())
        self.message = w.HTML()
        self.done = None

    def render(self):
        from styrkort.pipeline.render import render

        self.button.disabled = True
        self.message.value = "Renderar … (några sekunder)"
        try:
            self.done = render(self.kind, self.period, self.ws)
        except (UserError, OSError) as exc:
            self.message.value = f"<span style='color:#b3261e'>Inte renderad: {esc(exc)}</span>"
            return None
        finally:
            self.button.disabled = False
        links = [f'<a href="{esc(os.path.relpath(p, Path.cwd()))}" target="_blank">{label}</a>'
                 for p, label in ((self.done.html, "HTML"), (self.done.pdf, "PDF")) if p is not None]
        self.message.value = f"✓ {esc(self.done.title)}: {' · '.join(links)}"
        return self.done

    def _ipython_display_(self) -> None:
        display(w.HBox([self.button, self.message], layout=w.Layout(grid_gap="14px", align_items="center")))
