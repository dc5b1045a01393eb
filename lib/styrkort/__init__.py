"""styrkort: goal and budget reports for a Swedish municipal board, rendered from data.

The public surface a notebook uses: load the data and params, build a report, show it.
"""

from . import show
from .errors import DataError, ReportError
from .loading import Dataset, load_data
from .monthly import MonthlyReport, monthly_report
from .params import Params, load_params

__version__ = "0.1.0"
__all__ = ["DataError", "Dataset", "MonthlyReport", "Params", "ReportError", "load_data", "load_params",
           "monthly_report", "show", "__version__"]
