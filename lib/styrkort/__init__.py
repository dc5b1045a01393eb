"""styrkort: goal and budget reports for a Swedish municipal board, rendered from data.

The public surface a notebook uses: load the data and params, build a report, show it.
"""

from .adjustments import Adjustments, load_adjustments
from .errors import DataError, ReportError
from .interim import InterimReport, interim_report
from .loading import Dataset, load_data
from .monthly import MonthlyReport, monthly_report
from .params import Params, load_params
from .plan import AnnualPlan, annual_plan

__version__ = "0.1.0"
__all__ = ["Adjustments", "AnnualPlan", "DataError", "Dataset", "InterimReport", "MonthlyReport", "Params",
           "ReportError", "annual_plan", "interim_report", "load_adjustments", "load_data", "load_params",
           "monthly_report", "show", "show_interim", "show_plan", "widgets", "__version__"]


#: Imported on first use: the command line never draws (show* import matplotlib), and scheduled
#: runs never need ipywidgets (widgets).
_LAZY = ("show", "show_interim", "show_plan", "widgets")


def __getattr__(name: str):
    """``styrkort.show`` and the others in ``_LAZY`` are imported on first use."""
    if name in _LAZY:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
