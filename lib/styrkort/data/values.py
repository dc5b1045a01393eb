"""Cells of the loaded tables as Python values: empty cells (None or NaN) become None."""

from __future__ import annotations

import math
from typing import Any


def optional_float(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def optional_int(x: Any) -> int | None:
    f = optional_float(x)
    return None if f is None else int(f)
