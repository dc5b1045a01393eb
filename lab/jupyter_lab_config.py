"""JupyterLab for the workbook's analysts, loaded by `make lab` (JUPYTER_CONFIG_PATH=lab).

tests/test_jupyterlab.py starts the server the same way. A person's own ~/.jupyter settings
still apply and take precedence over these.
"""

import warnings
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

# Only this computer can reach the server; `make lab` opens the browser with the token.
c.ServerApp.ip = "127.0.0.1"

# Nothing is fetched from the internet: no news feed, no version check, and no toast asking
# about them over the notebook (lab/settings/overrides.json turns the question off).
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.app_settings_dir = str(Path(__file__).resolve().parent / "settings")


def strip_outputs(model, path, contents_manager, **kwargs):
    """Notebooks are saved without outputs: they are the report's template, committed clean
    (tests/test_project.py), and the report itself is what `styrkort render` writes."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


# This file is read by the server and again by the lab extension; the hook replacing itself is no news.
warnings.filterwarnings("ignore", message=r"Overriding existing pre_save_hook \(strip_outputs\)")
c.FileContentsManager.pre_save_hook = strip_outputs
