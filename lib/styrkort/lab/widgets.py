"""The analyst's adjustments in JupyterLab, as the notebooks call them:
``sk.widgets.status_editor(data, params, kind, period, adjustments_dir, show=interactive)``.

In a scheduled run the notebooks pass ``show=False``: no widget is created and ipywidgets is not
even imported (it cost each report 0.16 s). In JupyterLab each call builds its editor from
:mod:`styrkort.lab.editors`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from styrkort.data.loading import Dataset
    from styrkort.data.params import Params
    from styrkort.data.periods import Period
    from styrkort.lab.editors import BridgeEditor, ForecastEditor, GoalAssessmentEditor, RiskEditor, StatusEditor
    from styrkort.lab.overview import AdjustmentsOverview, RenderButton
    from styrkort.reports.kinds import ReportKind


def status_editor(data: Dataset, params: Params, kind: ReportKind | str, period: Period | str, folder: str | Path,
                  show: bool = True) -> StatusEditor | None:
    """Set a goal area's status by hand, for the monthly or the interim report."""
    if not show:
        return None
    from styrkort.lab.editors import StatusEditor

    return StatusEditor(data, params, kind, period, folder)


def bridge_editor(data: Dataset, params: Params, period: Period | str, folder: str | Path,
                  show: bool = True) -> BridgeEditor | None:
    """Change the plan's allocation bridge: a step's amount, or the indexation rate."""
    if not show:
        return None
    from styrkort.lab.editors import BridgeEditor

    return BridgeEditor(data, params, period, folder)


def risk_editor(data: Dataset, params: Params, period: Period | str, folder: str | Path,
                show: bool = True, kind: ReportKind | str | None = None) -> RiskEditor | None:
    """Assess the plan's risks again after their actions, or at the year's end (``kind`` the
    verksamhetsberättelse's, ``sk.ANNUAL``)."""
    if not show:
        return None
    from styrkort.lab.editors import RiskEditor

    return RiskEditor(data, params, period, folder, kind)


def goal_assessment_editor(data: Dataset, params: Params, period: Period | str, folder: str | Path,
                           show: bool = True) -> GoalAssessmentEditor | None:
    """Assess a board goal for the year by hand, in the verksamhetsberättelse."""
    if not show:
        return None
    from styrkort.lab.editors import GoalAssessmentEditor

    return GoalAssessmentEditor(data, params, period, folder)


def forecast_editor(data: Dataset, params: Params, period: Period | str, folder: str | Path,
                    show: bool = True) -> ForecastEditor | None:
    """Adjust the interim report's full-year forecast per activity area."""
    if not show:
        return None
    from styrkort.lab.editors import ForecastEditor

    return ForecastEditor(data, params, period, folder)


def overview(data: Dataset, kind: ReportKind | str, period: Period | str, folder: str | Path,
             show: bool = True) -> AdjustmentsOverview | None:
    """Every saved adjustment of the period, who and when, the log; undo one with a reason."""
    if not show:
        return None
    from styrkort.lab.overview import AdjustmentsOverview

    return AdjustmentsOverview(data, kind, period, folder)


def render_button(kind: ReportKind | str, period: Period | str, data_dir: str | Path, params_file: str | Path,
                  adjustments_dir: str | Path, show: bool = True) -> RenderButton | None:
    """A button that renders the report into outputs/ as `styrkort render` does, with links to it."""
    if not show:
        return None
    from styrkort.lab.overview import RenderButton

    return RenderButton(kind, period, data_dir, params_file, adjustments_dir)
