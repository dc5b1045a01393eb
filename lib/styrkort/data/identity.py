"""Who is working: the name recorded with every import and every adjustment."""

from __future__ import annotations

import getpass
import os


def current_user() -> str:
    """``$STYRKORT_USER`` (set it on shared service accounts), else ``$USER``/``$USERNAME``, else the
    login name, else "okänd"."""
    for var in ("STYRKORT_USER", "USER", "USERNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (some containers)
        return "okänd"
