"""Cells of the loaded tables as Python values: empty cells (None or NaN) become None."""

from __future__ import annotations

import math
from typing import Any


def optional_float(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def optional_int(x: Any) -> int | None:
    f = optional_float(x)
    return None if f is None else int(f)


def whole_number(x: Any) -> int | None:
    """``3``, ``3.0`` or ``"3"`` → 3; anything that is not a whole number (``3.5``, ``"tre"``, ``True``,
    None) → None. For values typed by hand (YAML), where a goal area or a risk factor is named."""
    if isinstance(x, bool):
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return int(f) if f.is_integer() else None
