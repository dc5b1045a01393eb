"""The analyst's adjustment editors as ipywidgets forms (the notebooks reach them through
:mod:`styrkort.lab.widgets`).

Each editor shows what the data proposes, controls to change it with a required reason, a
live preview drawn by the same functions the rendered report uses, and a Save button that
writes its section of the report's adjustment file (:mod:`styrkort.reports.adjustments`).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import ipywidgets as w
from IPython.display import display

from styrkort.data import fmt
from styrkort.data.atomic import write_atomic
from styrkort.data.errors import DataError
from styrkort.data.identity import current_user
from styrkort.data.loading import Dataset
from styrkort.data.locks import Busy
from styrkort.data.params import Params
from styrkort.data.periods import Period
from styrkort.data.status import Status
from styrkort.document.html import esc
from styrkort.reports.adjustments import (
    SECTION_ATTRS,
    AdjustmentConflict,
    Adjustments,
    Entry,
    adjustments_path,
    check_adjustments,
    read_adjustments,
    save_section,
    stamp,
)
from styrkort.reports.interim import interim_report
from styrkort.reports.annual import annual_report
from styrkort.reports.kinds import ANNUAL, INTERIM, PLAN, ReportKind, report_kind
from styrkort.reports.outcomes import YEAR_ASSESSMENTS
from styrkort.reports.plan import annual_plan

# The form is a grid: a header row, then one row per goal area, step, risk or activity area.
# Labels wrap rather than being cut off; the reason fills its column.
_GAP = "6px 14px"
_REASON_COLUMN = "minmax(18em, 34em)"
_REFUSED = '<span style="color:#b3261e">Inte sparat: '
_DRAFT = '<span style="color:#8a4b00" class="draft">'
_PENDING = ('<span style="color:#8a4b00">Ändrat men inte sparat: skriv en motivering och tryck '
            '<strong>Spara justeringar</strong>.</span>')


def _refused(why: str) -> str:
    return f"{_REFUSED}{esc(why)}</span>"


def _label(text: str) -> w.HTML:
    return w.HTML(f'<div style="line-height:1.35;white-space:normal;padding:4px 0">{esc(text)}</div>')


def _header(text: str) -> w.HTML:
    return w.HTML(f'<div style="font-weight:600;line-height:1.35;white-space:normal">{esc(text)}</div>')


def format_number(value: float) -> str:
    """``4.1`` → ``4,1``, ``-1622.0`` → ``−1 622``: as the report writes it, and as it may be typed."""
    decimals = next((d for d in range(0, 6) if abs(round(value, d) - value) < 1e-9), 6)
    return fmt.number(value, decimals, space=" ")


class NumberField:
    """A number typed in a text box the Swedish way, its unit (tkr, procent) before it.

    Not the browser's number field: an English-language browser drops the comma of ``4,5`` and
    sends 45. ``value`` is the number (settable from Python); text that is not a number keeps the
    last number and is reported by :attr:`error`, and the editor will not save until it is fixed.
    """

    def __init__(self, value: float, unit: str, name: str):
        self._value, self.error, self.what = float(value), "", name
        # Sent when the analyst leaves the field or presses Enter, not at every keystroke. ``name``
        # is what a screen reader says ("Belopp för demografi, tkr"); the unit is shown before it.
        self.text = w.Text(value=format_number(value), continuous_update=False, layout=w.Layout(width="100%"),
                           **_named(name))
        self.text.observe(self._typed, names="value")
        self.cell = w.HBox([w.Label(unit, layout=w.Layout(min_width="4.5em")), self.text],
                           layout=w.Layout(width="100%", align_items="center"))

    def _typed(self, change) -> None:
        try:
            # The unit shown beside the field may be typed too: "1 410 tkr", "4,5 %".
            text = change["new"].strip().removesuffix("tkr").removesuffix("%")
            self._value, self.error = fmt.parse_number(text), ""
        except ValueError as exc:
            self.error = f"{self.what}: {exc}"

    @property
    def value(self) -> float:
        return self._value

    @value.setter
    def value(self, number: float) -> None:
        self._value, self.error = float(number), ""
        self.text.value = format_number(number)

    def observe(self, handler, names="value") -> None:
        self.text.observe(handler, names=names)

    @property
    def widget(self) -> w.Text:
        return self.text


def _cell(control) -> w.Widget:
    return control.cell if isinstance(control, NumberField) else control


def _named(name: str) -> dict:
    """A control's accessible name, said by a screen reader and shown as its tooltip; the label
    carrying it takes no room (the grid's row and column headers say the same to the eye)."""
    return {"description": name, "tooltip": name, "style": {"description_width": "0px"}}


class Editor:
    """Controls for one section of the adjustment file, a preview, Save and a message line."""

    section = ""  # attribute of Adjustments this editor owns
    key = ""  # what an entry adjusts: a goal area, a step, a risk, an activity area
    note = ""  # a line under the title saying how to write the values
    headers: tuple[str, ...] = ()  # the grid's column headers
    columns = ""  # CSS grid-template-columns, one per header

    def __init__(self, data: Dataset, params: Params, kind: ReportKind | str, period: Period | str,
                 folder: str | Path, title: str):
        self.data, self.params, self.folder = data, params, Path(folder)
        self.kind = report_kind(kind)
        self.period = self.kind.resolve(data, period)
        self.saved = read_adjustments(adjustments_path(self.folder, self.kind.name, self.period.key), self.kind.name,
                                      self.period.key)
        self.save_button = w.Button(description="Spara justeringar", button_style="primary", icon="save",
                                    layout=w.Layout(width="auto", min_width="13em"))
        self.save_button.on_click(lambda _: self.save())
        self.message = w.HTML()
        self.preview = w.Output()
        self.title = title

    # Subclasses: the form's rows (one list of cells per row, in the headers' order), the
    # entries the controls hold now, the preview for them.
    def rows(self) -> list[list[w.Widget]]:
        raise NotImplementedError

    def entries(self) -> tuple[Entry, ...]:
        raise NotImplementedError

    def render_preview(self, adjustments: Adjustments) -> str:
        raise NotImplementedError

    def load(self, entries: tuple[Entry, ...]) -> None:
        """Set the controls to these entries; what they do not name, to what the data states."""
        raise NotImplementedError

    def _start(self) -> None:
        """The controls show what is saved, then are watched; an unsaved draft is offered back."""
        self.load(getattr(self.saved, self.section))
        for row in self.controls.values():
            self._watch(*row)
        draft = self._read_draft()
        if draft is not None:
            entries, when = draft
            self.load(entries)
            if not self.pending:
                return
            self.message.value = (f'{_DRAFT}<strong>Osparade ändringar från {esc(when)} har '
                                  "lagts tillbaka.</strong> Spara dem, eller ändra tillbaka och spara.</span>")

    def _saved(self, key: str) -> dict:
        """The saved entries by what they adjust: an unchanged entry keeps who and when."""
        return {e.get(key): e for e in getattr(self.saved, self.section)}

    # --- drafts: what is changed but not saved survives Run All ------------------------------------
    def _draft_path(self) -> Path:
        return self.folder / ".utkast" / f"{self.kind.name}-{self.period.key}-{self.section}-{current_user()}.json"

    def _keep_draft(self) -> None:
        path = self._draft_path()
        if not self.pending:
            path.unlink(missing_ok=True)
            return
        # Only what this editor changed is kept, so that a draft offered back later lands on top of
        # what others have saved meanwhile instead of undoing it.
        saved, now = self._saved(self.key), {e.get(self.key): e for e in self.entries()}
        changed = [k for k in {*saved, *now} if _plain([e for e in (saved.get(k),) if e]) !=
                   _plain([e for e in (now.get(k),) if e])]
        draft = {"tid": datetime.now().isoformat(timespec="seconds"),
                 "ändrat": [{"post": k, "värden": dict(now[k].values) if k in now else None,
                             "motivering": now[k].reason if k in now else ""} for k in changed]}
        try:
            write_atomic(path, json.dumps(draft, ensure_ascii=False, default=str))
        except OSError:
            pass  # a draft is a convenience: the save itself says what is wrong with the folder

    def _read_draft(self) -> tuple[tuple[Entry, ...], str] | None:
        try:
            draft = json.loads(self._draft_path().read_text(encoding="utf-8"))
            entries = self._saved(self.key)
            for change in draft["ändrat"]:
                entries.pop(change["post"], None)
                if change["värden"] is not None:
                    entries[change["post"]] = Entry(dict(change["värden"]), str(change["motivering"]))
            when = datetime.fromisoformat(draft["tid"]).strftime("%-d/%-m kl. %H.%M")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return tuple(entries.values()), when

    def adjustments(self) -> Adjustments:
        return replace(self.saved, **{self.section: self.entries()})

    def input_errors(self) -> list[str]:
        """Fields whose text is not a number."""
        return [c.error for row in self.controls.values() for c in row if isinstance(c, NumberField) and c.error]

    def refresh(self, *_: object) -> None:
        """Redraw the preview with the values the controls hold now."""
        try:
            html = self.render_preview(self.adjustments())
        except (DataError, ValueError) as exc:
            html = f'<p class="error">{esc(exc)}</p>'
        self.preview.outputs = ({"output_type": "display_data", "data": {"text/html": html}, "metadata": {}},)
        if errors := self.input_errors():
            self.message.value = _refused("; ".join(errors))
        else:
            self.show_pending()
        self._keep_draft()

    @property
    def pending(self) -> bool:
        """The controls hold something other than what is saved."""
        return _plain(self.entries()) != _plain(getattr(self.saved, self.section))

    def show_pending(self, *_: object) -> None:
        """Say so while a change is not saved; a save message stays until then."""
        if self.pending:
            if not self.message.value.startswith(_DRAFT):  # the banner says more, until the next save
                self.message.value = _PENDING
        elif self.message.value == _PENDING or self.message.value.startswith(_REFUSED):
            self.message.value = ""

    def save(self) -> Path | None:
        if errors := self.input_errors():
            self.message.value = _refused("; ".join(errors))
            return None
        adj = self.adjustments()
        try:
            check_adjustments(adj, self.data, self.params, self.period.year)
        except DataError as exc:
            self.message.value = _refused("; ".join(p.message for p in exc.problems))
            return None
        section = _SECTION_KEYS[self.section]
        try:
            self.saved = save_section(self.folder, self.kind.name, self.period.key, section,
                                      getattr(adj, self.section), getattr(self.saved, self.section))
        except AdjustmentConflict as conflict:
            theirs = "; ".join(f"{_identity(e)} av {e.by or 'okänd'} {e.at[:16]}" for e in conflict.current) or "inga"
            self.message.value = _refused(f"någon annan har sparat det här avsnittet sedan du öppnade det (nu: "
                                          f"{theirs}). Kör cellen igen för att se deras ändring och gör om din.")
            return None
        except Busy:
            self.message.value = _refused("filen sparas just nu av någon annan; försök igen om en stund.")
            return None
        path = adjustments_path(self.folder, self.kind.name, self.period.key)
        self.message.value = (f'<span style="color:#1b6e35">✓ Sparat i {esc(path)}.</span> '
                              "Nästa rendering av rapporten visar justeringarna.")
        self.refresh()
        return path

    @property
    def widget(self) -> w.Widget:
        cells = [_header(h) for h in self.headers] + [_cell(cell) for row in self.rows() for cell in row]
        form = w.GridBox(cells, layout=w.Layout(grid_template_columns=self.columns, grid_gap=_GAP,
                                                align_items="center", width="100%"))
        actions = w.HBox([self.save_button, self.message],
                         layout=w.Layout(align_items="center", grid_gap="14px", margin="10px 0 0 0"))
        preview = w.VBox([w.HTML("<strong>Förhandsvisning</strong> med värdena ovan, så som rapporten visar dem:"),
                          self.preview],
                         layout=w.Layout(border_left="4px solid #9fb8d3", padding="0 0 0 14px", margin="16px 0 0 0"))
        note = [w.HTML(f"<p>{esc(self.note)}</p>")] if self.note else []
        return w.VBox([w.HTML(f"<h3>{esc(self.title)}</h3>"), *note, form, actions, preview])

    def _ipython_display_(self) -> None:
        self.refresh()
        display(self.widget)

    def _watch(self, *controls) -> None:
        for c in controls:  # the reason too: the preview shows it
            c.observe(self.refresh, names="value")


#: The adjustment file's key of each editor's section.
_SECTION_KEYS = {attr: key for key, attr in SECTION_ATTRS.items()}


def _identity(e: Entry) -> str:
    values = dict(e.values)
    first = next(iter(values.items()), ("", ""))
    return f"{first[0]} {first[1]}: " + ", ".join(f"{k} {v}" for k, v in list(values.items())[1:])


def _reason(what: str = "") -> w.Text:
    # Sent when the analyst leaves the field (or presses Enter): the preview is redrawn then.
    return w.Text(value="", placeholder="Motivering (krävs för en ändring)", continuous_update=False,
                  layout=w.Layout(width="100%"), **_named(f"Motivering{' för ' + what if what else ''}"))


def _plain(entries) -> list:
    return [(dict(e.values), e.reason.strip()) for e in entries]


def _keep_or_stamp(values: dict, reason: str, saved: Entry | None) -> Entry:
    """An unchanged entry keeps who made it and when; a changed one is stamped now."""
    if saved is not None and dict(saved.values) == values and saved.reason == reason.strip():
        return saved
    return stamp(values, reason)


class StatusEditor(Editor):
    """Per goal area: the proposed status, another status to set, and the reason."""

    section = "status"
    key = "malomrade"
    headers = ("Målområde", "Status", "Motivering")
    columns = f"fit-content(18em) 13em {_REASON_COLUMN}"

    def __init__(self, data, params, kind, period, folder):
        super().__init__(data, params, kind, period, folder, "Sätt status för hand")
        proposed = self.build(replace(self.saved, status=()))
        self.names = {a.number: f"{a.number}. {a.name}" for a in proposed.areas}
        self.controls: dict[int, tuple[w.Dropdown, w.Text]] = {}
        for a in proposed.areas:
            p = a.outcome.proposed.value if a.outcome.proposed else "ej bedömd"
            choice = w.Dropdown(options=[(f"Föreslagen ({p})", "")] + [(s.value, s.value) for s in Status],
                                value="", layout=w.Layout(width="100%"), **_named(f"Status för {self.names[a.number]}"))
            self.controls[a.number] = (choice, _reason(self.names[a.number]))
        self._start()

    def load(self, entries):
        by_area = {int(e.get("malomrade")): e for e in entries}
        for n, (choice, reason) in self.controls.items():
            e = by_area.get(n)
            choice.value, reason.value = (str(e.get("status")), e.reason) if e else ("", "")

    def build(self, adjustments: Adjustments):
        """The report (monthly or interim) with these adjustments, for the preview."""
        return self.kind.build(self.data, self.period, self.params, adjustments)

    def rows(self):
        return [[_label(self.names[n]), choice, reason] for n, (choice, reason) in self.controls.items()]

    def entries(self):
        saved = self._saved(self.key)
        return tuple(_keep_or_stamp({"malomrade": n, "status": choice.value}, reason.value, saved.get(n))
                     for n, (choice, reason) in self.controls.items() if choice.value)

    def render_preview(self, adjustments):
        from styrkort.pages.monthly import overview

        return overview(self.build(adjustments)).html


class BridgeEditor(Editor):
    """Each step of the allocation bridge: its amount, or a percentage step's rate."""

    section = "bridge"
    key = "steg"
    note = ("Beloppen har nettokostnadens tecken, som kommunbidraget: minus är mer pengar till nämnden. "
            "−2 500 höjer kommunbidraget med 2 500 tkr, och vattenfallsdiagrammet visar det som +2 500. "
            "Procentsatser skrivs som 4,1.")
    headers = ("Steg", "Belopp eller sats", "Motivering")
    columns = f"fit-content(24em) 13em {_REASON_COLUMN}"

    def __init__(self, data, params, period, folder):
        super().__init__(data, params, PLAN, period, folder, "Kommunbidragets steg")
        stated = annual_plan(data, self.period, params).bridge
        self.stated = {s.label: s for s in stated.steps}
        self.controls: dict[str, tuple[NumberField, w.Text]] = {}
        for s in stated.steps:
            if s.rate is not None:
                box = NumberField(s.rate, "procent", f"Sats för {s.label}, procent")
            else:
                box = NumberField(s.amount, "tkr", f"Belopp för {s.label}, tkr")
            self.controls[s.label] = (box, _reason(s.label))
        self._start()

    def load(self, entries):
        by_step = {e.get("steg"): e for e in entries}
        for label, (box, reason) in self.controls.items():
            s, e = self.stated[label], by_step.get(label)
            key, stated = ("procent", s.rate) if s.rate is not None else ("belopp", s.amount)
            box.value = float(e.get(key)) if e is not None and e.get(key) is not None else stated
            reason.value = e.reason if e else ""

    def rows(self):
        return [[_label(label), box, reason] for label, (box, reason) in self.controls.items()]

    def entries(self):
        out = []
        for label, (box, reason) in self.controls.items():
            s = self.stated[label]
            key, stated = ("procent", s.rate) if s.rate is not None else ("belopp", s.amount)
            if abs(box.value - stated) > 1e-9:
                out.append(_keep_or_stamp({"steg": label, key: box.value}, reason.value,
                                          self._saved(self.key).get(label)))
        return tuple(out)

    def render_preview(self, adjustments):
        from styrkort.pages.plan import allocation

        plan = annual_plan(self.data, self.period, self.params, adjustments)
        return (f"<p><strong>{esc(plan.bridge.end.label)}: {fmt.tkr(plan.bridge.end.amount)} tkr</strong></p>"
                + allocation(plan).html)


class RiskEditor(Editor):
    """Every risk of the register, the unvalued ones too: in the plan, probability and consequence
    after actions and the assessment of the actions (Bedömning av åtgärder); in the
    verksamhetsberättelse, the same at the year's end and the closing assessment."""

    section = "risks"
    key = "risk"
    columns = "minmax(12em, 2fr) 6em 6em minmax(9em, 1fr) minmax(12em, 2fr)"  # five columns share the width

    def __init__(self, data, params, period, folder, kind: ReportKind | str | None = None):
        kind = report_kind(kind or PLAN)
        closing = kind is ANNUAL
        self.when = "vid årets slut" if closing else "efter åtgärder"
        super().__init__(data, params, kind, period, folder,
                         "Riskernas bedömning vid årets slut" if closing else "Risker efter åtgärder")
        self.headers = ("Risk", "Sannolikhet", "Konsekvens", "Bedömning vid årets slut" if closing
                        else "Bedömning av åtgärder", "Motivering")
        self.stated = {r.risk_id: r for r in self._stated()}
        scale = [("–", 0)] + [(str(v), v) for v in range(1, params.risk.scale + 1)]  # 0: not assessed
        self.controls: dict[str, tuple[w.Dropdown, w.Dropdown, w.Text, w.Text]] = {}
        for r in self.stated.values():
            p = w.Dropdown(options=scale, layout=w.Layout(width="100%"),
                           **_named(f"Sannolikhet för {r.risk_id} {self.when}"))
            c = w.Dropdown(options=scale, layout=w.Layout(width="100%"),
                           **_named(f"Konsekvens för {r.risk_id} {self.when}"))
            assessment = w.Text(placeholder="Bedömning", continuous_update=False, layout=w.Layout(width="100%"),
                                **_named(f"{self.headers[3]} för {r.risk_id}"))
            self.controls[r.risk_id] = (p, c, assessment, _reason(r.risk_id))
        self._start()

    def _stated(self):
        """The risks as the data states them: the plan's, or their follow-up at the year's end (a risk
        the data does not assess at the year's end has no values)."""
        if self.kind is PLAN:
            return annual_plan(self.data, self.period, self.params).stated_risks
        report = annual_report(self.data, self.period, self.params, replace(self.saved, risks=()))
        return [replace(f.closing or replace(f.planned, probability=None, consequence=None), assessment=f.comment)
                for f in report.risks]

    def load(self, entries):
        by_risk = {e.get("risk"): e for e in entries}
        for rid, (p, c, assessment, reason) in self.controls.items():
            r, e = self.stated[rid], by_risk.get(rid)
            set_values = e is not None and e.get("sannolikhet") is not None
            p.value = int(e.get("sannolikhet")) if set_values else r.probability or 0
            c.value = int(e.get("konsekvens")) if set_values else r.consequence or 0
            assessment.value = str(e.get("bedomning")) if e is not None and e.get("bedomning") else r.assessment
            reason.value = e.reason if e else ""

    def rows(self):
        return [[_label(f"{rid} {self.stated[rid].text}"), p, c, assessment, reason]
                for rid, (p, c, assessment, reason) in self.controls.items()]

    def entries(self):
        out, saved = [], self._saved(self.key)
        for rid, (p, c, assessment, reason) in self.controls.items():
            r = self.stated[rid]
            values: dict = {"risk": rid}
            if (p.value or None, c.value or None) != (r.probability, r.consequence):
                values.update(sannolikhet=p.value or None, konsekvens=c.value or None)
            if assessment.value.strip() != r.assessment.strip():
                values["bedomning"] = assessment.value.strip()
            if len(values) > 1:
                out.append(_keep_or_stamp(values, reason.value, saved.get(rid)))
        return tuple(out)

    def input_errors(self) -> list[str]:
        return [f"{rid}: ange både sannolikhet och konsekvens, eller ingen av dem"
                for rid, (p, c, _, _) in self.controls.items() if (p.value == 0) != (c.value == 0)]

    def render_preview(self, adjustments):
        if self.kind is ANNUAL:
            from styrkort.pages.annual import risks as follow_up

            return follow_up(annual_report(self.data, self.period, self.params, adjustments)).html
        from styrkort.pages.plan import risks

        return risks(annual_plan(self.data, self.period, self.params, adjustments)).html


class GoalAssessmentEditor(Editor):
    """Per board goal: the year's assessment the monthly outcomes propose, another to set, the reason."""

    section = "goal_assessments"
    key = "mal"
    headers = ("Nämndmål", "Årets bedömning", "Motivering")
    columns = f"minmax(14em, 2fr) 14em {_REASON_COLUMN}"

    def __init__(self, data, params, period, folder):
        super().__init__(data, params, ANNUAL, period, folder, "Bedöm målen för året")
        proposed = annual_report(data, self.period, params, replace(self.saved, goal_assessments=()))
        self.goals = {g.goal_id: g for a in proposed.areas for g in a.goals}
        self.controls: dict[str, tuple[w.Dropdown, w.Text]] = {}
        for g in self.goals.values():
            choice = w.Dropdown(options=[(f"Föreslagen ({g.proposed or 'ej bedömd'})", "")]
                                + [(v[:1].upper() + v[1:], v) for v in YEAR_ASSESSMENTS],
                                value="", layout=w.Layout(width="100%"), **_named(f"Årets bedömning av mål {g.goal_id}"))
            self.controls[g.goal_id] = (choice, _reason(f"mål {g.goal_id}"))
        self._start()

    def load(self, entries):
        by_goal = {str(e.get("mal")): e for e in entries}
        for goal, (choice, reason) in self.controls.items():
            e = by_goal.get(goal)
            choice.value, reason.value = (str(e.get("bedomning")), e.reason) if e else ("", "")

    def rows(self):
        return [[_label(f"{goal} {self.goals[goal].text}"), choice, reason]
                for goal, (choice, reason) in self.controls.items()]

    def entries(self):
        saved = self._saved(self.key)
        return tuple(_keep_or_stamp({"mal": goal, "bedomning": choice.value}, reason.value, saved.get(goal))
                     for goal, (choice, reason) in self.controls.items() if choice.value)

    def render_preview(self, adjustments):
        from styrkort.pages.annual import overview

        return overview(annual_report(self.data, self.period, self.params, adjustments)).html


class ForecastEditor(Editor):
    """An adjustment of the full-year forecast per activity area, tkr with the net-cost sign."""

    section = "forecast"
    key = "verksamhet"
    headers = ("Verksamhet", "Prognos i underlaget, tkr", "Justering", "Motivering")
    columns = f"fit-content(20em) 10em 13em {_REASON_COLUMN}"
    note = ("Justeringen läggs till prognosen med nettokostnadens tecken: −1 500 gör prognosen 1 500 tkr "
            "sämre, 1 500 gör den 1 500 tkr bättre.")

    def __init__(self, data, params, period, folder):
        super().__init__(data, params, INTERIM, period, folder, "Justera helårsprognosen")
        stated = interim_report(data, self.period, params, replace(self.saved, forecast=())).economy.rows
        self.forecasts = {r.activity: r.forecast for r in stated}
        self.controls: dict[str, tuple[NumberField, w.Text]] = {}
        for a in data.activity_areas["verksamhet"]:
            self.controls[a] = (NumberField(0.0, "tkr", f"Justering för {a}, tkr"), _reason(a))
        self._start()

    def load(self, entries):
        by_area = {e.get("verksamhet"): e for e in entries}
        for a, (box, reason) in self.controls.items():
            e = by_area.get(a)
            box.value, reason.value = (float(e.get("justering")), e.reason) if e else (0.0, "")

    def rows(self):
        return [[_label(a), _label(fmt.tkr(self.forecasts.get(a))), box, reason] for a, (box, reason) in
                self.controls.items()]

    def entries(self):
        saved = self._saved(self.key)
        return tuple(_keep_or_stamp({"verksamhet": a, "justering": box.value}, reason.value, saved.get(a))
                     for a, (box, reason) in self.controls.items() if box.value)

    def render_preview(self, adjustments):
        from styrkort.pages.interim import economy

        return economy(interim_report(self.data, self.period, self.params, adjustments)).html
