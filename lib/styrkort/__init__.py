"""styrkort: goal and budget reports for a Swedish municipal board, rendered from data.

The public surface a notebook uses: load the data and params, build a report, show it.
"""

from . import show, show_interim, show_plan
from .errors import DataError, ReportError
from .interim import InterimReport, interim_report
from .loading import Dataset, load_data
from .monthly import MonthlyReport, monthly_report
from .params import Params, load_params
from .plan import AnnualPlan, annual_plan

__version__ = "0.1.0"
__all__ = ["AnnualPlan", "DataError", "Dataset", "InterimReport", "MonthlyReport", "Params", "ReportError",
           "annual_plan", "interim_report", "load_data", "load_params", "monthly_report", "show", "show_interim",
           "show_plan", "__version__"]
