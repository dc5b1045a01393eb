"""The analyst's adjustments in JupyterLab, as the notebooks call them:
``sk.widgets.status_editor(data, params, "monthly", period, adjustments_dir, show=interactive)``.

In a scheduled run the notebooks pass ``show=False``: no widget is created and ipywidgets is not
even imported (it cost each report 0.16 s). In JupyterLab each call builds its editor from
:mod:`styrkort.editors`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .editors import BridgeEditor, ForecastEditor, RiskEditor, StatusEditor
    from .loading import Dataset
    from .params import Params


def status_editor(data: Dataset, params: Params, report: str, period: str, folder: str | Path,
                  show: bool = True) -> StatusEditor | None:
    """Set a goal area's status by hand, for the monthly (``report="monthly"``) or interim report."""
    if not show:
        return None
    from .editors import StatusEditor, status_report_builder

    return StatusEditor(data, params, report, period, folder, status_report_builder(data, params, report, period))


def bridge_editor(data: Dataset, params: Params, period: str, folder: str | Path,
                  show: bool = True) -> BridgeEditor | None:
    """Change the plan's allocation bridge: a step's amount, or the indexation rate."""
    if not show:
        return None
    from .editors import BridgeEditor

    return BridgeEditor(data, params, period, folder)


def risk_editor(data: Dataset, params: Params, period: str, folder: str | Path,
                show: bool = True) -> RiskEditor | None:
    """Assess the plan's risks again after their actions."""
    if not show:
        return None
    from .editors import RiskEditor

    return RiskEditor(data, params, period, folder)


def forecast_editor(data: Dataset, params: Params, period: str, folder: str | Path,
                    show: bool = True) -> ForecastEditor | None:
    """Adjust the interim report's full-year forecast per activity area."""
    if not show:
        return None
    from .editors import ForecastEditor

    return ForecastEditor(data, params, period, folder)
