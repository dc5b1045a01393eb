"""styrkort: goal and budget reports for a Swedish municipal board, rendered from data.

The public surface a notebook uses: load the data and params, build a report, show it.
"""

from .errors import DataError, ReportError

__version__ = "0.1.0"
__all__ = ["Adjustments", "AnnualPlan", "DataError", "Dataset", "InterimReport", "MonthlyReport", "Params",
           "ReportError", "annual_plan", "interim_report", "load_adjustments", "load_data", "load_params",
           "monthly_report", "show", "show_interim", "show_plan", "widgets", "__version__"]


#: Everything but the errors is imported on first use (PEP 562): the command line starts a report's
#: kernel, or finds an unchanged run, before it pays for pandas; it never draws (show* import
#: matplotlib); and scheduled runs never need ipywidgets (widgets).
_LAZY_NAMES = {
    "Adjustments": "adjustments", "load_adjustments": "adjustments",
    "InterimReport": "interim", "interim_report": "interim",
    "Dataset": "loading", "load_data": "loading",
    "MonthlyReport": "monthly", "monthly_report": "monthly",
    "Params": "params", "load_params": "params",
    "AnnualPlan": "plan", "annual_plan": "plan",
}
_LAZY_MODULES = ("show", "show_interim", "show_plan", "widgets")


def __getattr__(name: str):
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
