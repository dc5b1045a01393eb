"""ipywidgets for the analyst's adjustments, shown only in JupyterLab.

Each editor shows what the data proposes, controls to change it with a required reason, a
live preview drawn by the same functions the rendered report uses, and a Save button that
writes its section of the report's adjustment file (:mod:`styrkort.adjustments`). In a
scheduled run the notebooks pass ``show=False`` and no widget is created at all.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

import ipywidgets as w
from IPython.display import display

from . import fmt
from .adjustments import (Adjustments, Entry, adjustments_path, check_adjustments, read_adjustments, report_period,
                          save_adjustments, stamp)
from .errors import DataError
from .interim import interim_report
from .loading import Dataset
from .monthly import monthly_report
from .params import Params
from .periods import parse_period
from .plan import annual_plan
from .status import Status
from .textsafe import esc

_WIDE = w.Layout(width="28em")
_NUMBER = w.Layout(width="9em")


class Editor:
    """Controls for one section of the adjustment file, a preview, Save and a message line."""

    section = ""  # attribute of Adjustments this editor owns

    def __init__(self, data: Dataset, params: Params, report: str, period: str, folder: str | Path, title: str):
        self.data, self.params, self.report, self.folder = data, params, report, Path(folder)
        self.period = report_period(data, report, period).key
        self.saved = read_adjustments(adjustments_path(self.folder, report, self.period), report, self.period)
        self.save_button = w.Button(description="Spara justeringar", button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save())
        self.message = w.HTML()
        self.preview = w.Output()
        self.title = title

    # Subclasses: the form's rows, the entries the controls hold now, the preview for them.
    def rows(self) -> list[w.Widget]:
        raise NotImplementedError

    def entries(self) -> tuple[Entry, ...]:
        raise NotImplementedError

    def render_preview(self, adjustments: Adjustments) -> str:
        raise NotImplementedError

    def adjustments(self) -> Adjustments:
        return replace(self.saved, **{self.section: self.entries()})

    def refresh(self, *_: object) -> None:
        """Redraw the preview with the values the controls hold now."""
        try:
            html = self.render_preview(self.adjustments())
        except (DataError, ValueError) as exc:
            html = f'<p class="error">{esc(exc)}</p>'
        self.preview.outputs = ({"output_type": "display_data", "data": {"text/html": html}, "metadata": {}},)

    def save(self) -> Path | None:
        adj = self.adjustments()
        try:
            check_adjustments(adj, self.data, self.params, parse_period(self.period).year)
        except DataError as exc:
            self.message.value = (f'<span style="color:#b3261e">Inte sparat: '
                                  f'{esc("; ".join(p.message for p in exc.problems))}</span>')
            return None
        path = save_adjustments(adj, self.folder)
        self.saved = adj
        self.message.value = f"Sparat i {esc(path)}. Nästa rendering av rapporten visar justeringarna."
        self.refresh()
        return path

    @property
    def widget(self) -> w.Widget:
        return w.VBox([w.HTML(f"<h3>{esc(self.title)}</h3>"), *self.rows(),
                       w.HBox([self.save_button, self.message]), self.preview])

    def _ipython_display_(self) -> None:
        self.refresh()
        display(self.widget)

    def _watch(self, *controls: w.ValueWidget) -> None:
        for c in controls:
            c.observe(self.refresh, names="value")


def _reason(entry: Entry | None) -> w.Text:
    return w.Text(value=entry.reason if entry else "", placeholder="Motivering (krävs för en ändring)", layout=_WIDE)


def _keep_or_stamp(values: dict, reason: str, saved: Entry | None) -> Entry:
    """An unchanged entry keeps who made it and when; a changed one is stamped now."""
    if saved is not None and dict(saved.values) == values and saved.reason == reason.strip():
        return saved
    return stamp(values, reason)


class StatusEditor(Editor):
    """Per goal area: the proposed status, another status to set, and the reason."""

    section = "status"

    def __init__(self, data, params, report, period, folder, build: Callable[[Adjustments], object]):
        super().__init__(data, params, report, period, folder, "Sätt status för hand")
        self.build = build
        proposed = build(replace(self.saved, status=()))
        saved = {int(e.get("malomrade")): e for e in self.saved.status}
        self.controls: dict[int, tuple[w.Dropdown, w.Text]] = {}
        for a in proposed.areas:
            p = a.outcome.proposed.value if a.outcome.proposed else "ej bedömd"
            choice = w.Dropdown(options=[(f"Föreslagen ({p})", "")] + [(s.value, s.value) for s in Status],
                                value=str(saved[a.number].get("status")) if a.number in saved else "",
                                layout=w.Layout(width="14em"))
            self.controls[a.number] = (choice, _reason(saved.get(a.number)))
            self._watch(choice)
        self.names = {a.number: f"{a.number}. {a.name}" for a in proposed.areas}
        self._saved_by_area = saved

    def rows(self):
        return [w.HBox([w.Label(self.names[n], layout=w.Layout(width="12em")), choice, reason])
                for n, (choice, reason) in self.controls.items()]

    def entries(self):
        return tuple(_keep_or_stamp({"malomrade": n, "status": choice.value}, reason.value, self._saved_by_area.get(n))
                     for n, (choice, reason) in self.controls.items() if choice.value)

    def render_preview(self, adjustments):
        from .show import overview

        return overview(self.build(adjustments))


class BridgeEditor(Editor):
    """Each step of the allocation bridge: its amount, or a percentage step's rate."""

    section = "bridge"

    def __init__(self, data, params, period, folder):
        super().__init__(data, params, "plan", period, folder, "Kommunbidragets steg")
        stated = annual_plan(data, self.period, params).bridge
        self.stated = {s.label: s for s in stated.steps}
        saved = {e.get("steg"): e for e in self.saved.bridge}
        self._saved = saved
        self.controls: dict[str, tuple[w.FloatText, w.Text]] = {}
        for s in stated.steps:
            e = saved.get(s.label)
            if s.rate is not None:
                value = float(e.get("procent")) if e and e.get("procent") is not None else s.rate
                box = w.FloatText(value=value, step=0.1, description="procent", layout=_NUMBER)
            else:
                value = float(e.get("belopp")) if e and e.get("belopp") is not None else s.amount
                box = w.FloatText(value=value, step=100, description="tkr", layout=_NUMBER)
            self.controls[s.label] = (box, _reason(e))
            self._watch(box)

    def rows(self):
        return [w.HBox([w.Label(label, layout=w.Layout(width="20em")), box, reason])
                for label, (box, reason) in self.controls.items()]

    def entries(self):
        out = []
        for label, (box, reason) in self.controls.items():
            s = self.stated[label]
            key, stated = ("procent", s.rate) if s.rate is not None else ("belopp", s.amount)
            if abs(box.value - stated) > 1e-9:
                out.append(_keep_or_stamp({"steg": label, key: box.value}, reason.value, self._saved.get(label)))
        return tuple(out)

    def render_preview(self, adjustments):
        from .show_plan import allocation

        plan = annual_plan(self.data, self.period, self.params, adjustments)
        return (f"<p><strong>{esc(plan.bridge.end.label)}: {fmt.tkr(plan.bridge.end.amount)} tkr</strong></p>"
                + allocation(plan))


class RiskEditor(Editor):
    """Probability and consequence after actions, per assessed risk."""

    section = "risks"

    def __init__(self, data, params, period, folder):
        super().__init__(data, params, "plan", period, folder, "Risker efter åtgärder")
        risks = annual_plan(data, self.period, params).stated_risks
        saved = {e.get("risk"): e for e in self.saved.risks}
        self._saved = saved
        self.stated = {r.risk_id: r for r in risks if r.placed}
        scale = list(range(1, params.risk.scale + 1))
        self.controls: dict[str, tuple[w.Dropdown, w.Dropdown, w.Text]] = {}
        for r in self.stated.values():
            e = saved.get(r.risk_id)
            p = w.Dropdown(options=scale, value=int(e.get("sannolikhet")) if e else r.probability,
                           description="sannolikhet", layout=w.Layout(width="11em"))
            c = w.Dropdown(options=scale, value=int(e.get("konsekvens")) if e else r.consequence,
                           description="konsekvens", layout=w.Layout(width="11em"))
            self.controls[r.risk_id] = (p, c, _reason(e))
            self._watch(p, c)

    def rows(self):
        return [w.HBox([w.Label(f"{rid} {self.stated[rid].text}", layout=w.Layout(width="20em")), p, c, reason])
                for rid, (p, c, reason) in self.controls.items()]

    def entries(self):
        out = []
        for rid, (p, c, reason) in self.controls.items():
            r = self.stated[rid]
            if (p.value, c.value) != (r.probability, r.consequence):
                out.append(_keep_or_stamp({"risk": rid, "sannolikhet": p.value, "konsekvens": c.value}, reason.value,
                                          self._saved.get(rid)))
        return tuple(out)

    def render_preview(self, adjustments):
        from .show_plan import risks

        return risks(annual_plan(self.data, self.period, self.params, adjustments))


class ForecastEditor(Editor):
    """An adjustment of the full-year forecast per activity area, tkr with the net-cost sign."""

    section = "forecast"

    def __init__(self, data, params, period, folder):
        super().__init__(data, params, "interim", period, folder, "Justera helårsprognosen")
        saved = {e.get("verksamhet"): e for e in self.saved.forecast}
        self._saved = saved
        self.controls: dict[str, tuple[w.FloatText, w.Text]] = {}
        for a in data.activity_areas["verksamhet"]:
            e = saved.get(a)
            box = w.FloatText(value=float(e.get("justering")) if e else 0.0, step=100, description="tkr",
                              layout=_NUMBER)
            self.controls[a] = (box, _reason(e))
            self._watch(box)

    def rows(self):
        return [w.HBox([w.Label(a, layout=w.Layout(width="16em")), box, reason])
                for a, (box, reason) in self.controls.items()]

    def entries(self):
        return tuple(_keep_or_stamp({"verksamhet": a, "justering": box.value}, reason.value, self._saved.get(a))
                     for a, (box, reason) in self.controls.items() if box.value)

    def render_preview(self, adjustments):
        from .show_interim import economy

        return economy(interim_report(self.data, self.period, self.params, adjustments))


def status_editor(data: Dataset, params: Params, report: str, period: str, folder: str | Path,
                  show: bool = True) -> StatusEditor | None:
    if not show:
        return None
    if report == "interim":
        def build(adj):
            return interim_report(data, period, params, adj)
    else:
        def build(adj):
            return monthly_report(data, period, params, adj)
    return StatusEditor(data, params, report, period, folder, build)


def bridge_editor(data: Dataset, params: Params, period: str, folder: str | Path, show: bool = True) -> BridgeEditor | None:
    return BridgeEditor(data, params, period, folder) if show else None


def risk_editor(data: Dataset, params: Params, period: str, folder: str | Path, show: bool = True) -> RiskEditor | None:
    return RiskEditor(data, params, period, folder) if show else None


def forecast_editor(data: Dataset, params: Params, period: str, folder: str | Path,
                    show: bool = True) -> ForecastEditor | None:
    return ForecastEditor(data, params, period, folder) if show else None
