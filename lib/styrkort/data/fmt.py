"""Swedish number and date formatting, the one place where figures become text.

Reports use the Swedish minus sign (U+2212) and non-breaking spaces, as a typeset
document does; exports meant for Excel pass ``minus="-"`` and ``space=" "``.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from styrkort.data.periods import MONTHS_LONG

MINUS = "\u2212"
NBSP = "\u00a0"
DASH = "–"


def number(value: float | int | None, decimals: int = 0, *, minus: str = MINUS, space: str = NBSP,
           sign: bool = False, empty: str = DASH) -> str:
    """``-308853`` → ``−308 853``; ``204.7, 1`` → ``204,7``. Halves round away from zero."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no "−0"
    digits = f"{abs(q):.{decimals}f}"
    whole, _, frac = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = space.join(groups) + ("," + frac if frac else "")
    if q < 0:
        return minus + text
    return ("+" + text) if sign and q > 0 else text


def percent(value: float | None, decimals: int = 2, **kw) -> str:
    """``2.43`` (already in percent) → ``2,43 %``."""
    text = number(value, decimals, **kw)
    return text if text == kw.get("empty", DASH) else f"{text}{kw.get('space', NBSP)}%"


def tkr(value: float | None, **kw) -> str:
    return number(value, 0, **kw)


def mnkr(value_tkr: float | None, decimals: int = 1, **kw) -> str:
    """Thousands of kronor shown as millions in running text: ``-2600`` → ``−2,6 mnkr``."""
    if value_tkr is None or (isinstance(value_tkr, float) and math.isnan(value_tkr)):
        return kw.get("empty", DASH)
    return f"{number(value_tkr / 1000, decimals, **kw)}{kw.get('space', NBSP)}mnkr"


def date_sv(d: date) -> str:
    """``2024-09-05`` → ``5 september 2024``."""
    return f"{d.day} {MONTHS_LONG[d.month - 1]} {d.year}"


def parse_number(text: str) -> float:
    """Read a number as Swedish users, analysts and Excel write it: the one number parser.

    Accepts ``1 234,5``, ``1234.5``, ``4,5``, ``−12`` (Unicode minus), ``-12``, ``–12`` (en dash),
    and non-breaking and thin spaces as thousands separators. Raises ValueError ("… är inget tal")
    for anything else, including ``1.234,5``, NaN and infinity.
    """
    s = str(text).strip()
    refused = ValueError(f"{s or 'tomt'} är inget tal")
    for ch in (" ", NBSP, "\u202f", "\u2009"):
        s = s.replace(ch, "")
    s = s.replace(MINUS, "-").replace("\u2013", "-")
    if "," in s and "." in s:
        raise refused
    s = s.replace(",", ".")
    if not s or not all(c in "0123456789.-+" for c in s):
        raise refused
    try:
        value = float(s)
    except ValueError:
        raise refused from None
    if math.isnan(value) or math.isinf(value):
        raise refused
    return value


_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def count_word(n: int, neuter: bool = False) -> str:
    """Small counts as words, as running text prints them: 11 → "elva"; 1 → "en", or "ett" before a
    neuter noun (ett uppdrag)."""
    if n == 1 and neuter:
        return "ett"
    return _WORDS[n] if 0 <= n < len(_WORDS) else number(n)


def counted(n: int, one: str, many: str, neuter: bool = False) -> str:
    """A count with its noun: ``counted(1, "risk", "risker")`` → "en risk", 7 → "sju risker"."""
    return f"{count_word(n, neuter)} {one if n == 1 else many}"
