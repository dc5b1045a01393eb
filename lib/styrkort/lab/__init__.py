"""The analyst's JupyterLab: editors for the adjustments and the widgets the notebooks show."""
