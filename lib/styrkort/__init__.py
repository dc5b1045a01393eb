"""styrkort: goal and budget reports for a Swedish municipal board, rendered from data.

The public surface a notebook uses: load the data and params, resolve the report's period with
its kind (``sk.MONTHLY``, ``sk.INTERIM``, ``sk.PLAN``, ``sk.ANNUAL``, ``sk.MUNICIPALITY``), load the analyst's adjustments, build the
report, and show it with the page modules of :mod:`styrkort.pages`.

The package is a folder per stage, arrows one way (``lint-imports`` checks them):
``cli`` → ``batch`` → ``lab`` → ``pipeline`` → ``pages`` → ``reports`` | ``intake`` | ``document`` → ``data``.
"""

from styrkort.data.errors import DataError, ReportError

__version__ = "0.1.0"
__all__ = ["ANNUAL", "MUNICIPALITY", "Adjustments", "AnnualPlan", "AnnualReport", "DataError", "Dataset", "INTERIM", "InterimReport", "MONTHLY",
           "MonthlyReport", "PLAN", "Params", "Period", "ReportError", "annual_plan", "annual_report", "interim_report", "load_board_adjustments", "load_municipal_data",
           "municipality_report",
           "load_adjustments", "load_data", "load_params", "monthly_report", "widgets", "__version__"]


#: Everything but the errors is imported on first use (PEP 562): the command line starts a report's
#: kernel, or finds an unchanged run, before it pays for pandas; and scheduled runs never need
#: ipywidgets (widgets).
_LAZY_NAMES = {
    "Adjustments": "reports.adjustments", "load_adjustments": "reports.adjustments",
    "Dataset": "data.loading", "load_data": "data.loading",
    "Params": "data.params", "load_params": "data.params",
    "Period": "data.periods",
    "MONTHLY": "reports.kinds", "INTERIM": "reports.kinds", "PLAN": "reports.kinds",
    "ANNUAL": "reports.kinds", "AnnualReport": "reports.annual", "annual_report": "reports.annual",
    "MUNICIPALITY": "reports.kinds", "municipality_report": "reports.municipality",
    "load_municipal_data": "data.municipal", "load_board_adjustments": "reports.adjustments",
    "MonthlyReport": "reports.monthly", "monthly_report": "reports.monthly",
    "InterimReport": "reports.interim", "interim_report": "reports.interim",
    "AnnualPlan": "reports.plan", "annual_plan": "reports.plan",
}
_LAZY_MODULES = {"widgets": "lab.widgets"}


def __getattr__(name: str):
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f".{_LAZY_MODULES[name]}", __name__)
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
