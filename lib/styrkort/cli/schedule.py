"""Is today a working day? The guard of the monthly schedule (``deploy/``, the README's cron line).

    python -m styrkort.cli.schedule            # exit 0 on a Swedish working day, 1 otherwise
    python -m styrkort.cli.schedule 2025-01-01 # the same for another date

A working day is Monday to Friday and not a public holiday (allmän helgdag) or one of the eves
that offices close (midsommarafton, julafton, nyårsafton). The schedule runs at 06:00 on the
weekdays of the first week of the month and skips holidays with this guard. The first run of the
month renders the newest month; the later ones find nothing changed and finish in a second, or
render again what was corrected or handed in late (keeping the version they replace).
"""

from __future__ import annotations

import sys
from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _saturday_between(first: date, last: date) -> date:
    d = first
    while d.weekday() != 5:
        d += timedelta(days=1)
    assert d <= last
    return d


def holidays(year: int) -> dict[date, str]:
    """Swedish public holidays and the eves offices close, by date."""
    easter = easter_sunday(year)
    midsummer = _saturday_between(date(year, 6, 20), date(year, 6, 26))
    all_saints = _saturday_between(date(year, 10, 31), date(year, 11, 6))
    return {
        date(year, 1, 1): "nyårsdagen", date(year, 1, 6): "trettondedag jul",
        easter - timedelta(days=2): "långfredagen", easter: "påskdagen",
        easter + timedelta(days=1): "annandag påsk", date(year, 5, 1): "första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag", easter + timedelta(days=49): "pingstdagen",
        date(year, 6, 6): "Sveriges nationaldag", midsummer - timedelta(days=1): "midsommarafton",
        midsummer: "midsommardagen", all_saints: "alla helgons dag", date(year, 12, 24): "julafton",
        date(year, 12, 25): "juldagen", date(year, 12, 26): "annandag jul", date(year, 12, 31): "nyårsafton",
    }


def working_day(d: date) -> tuple[bool, str]:
    """(True, "") on a working day; else (False, why not)."""
    if d.weekday() >= 5:
        return False, "helg"
    name = holidays(d.year).get(d)
    return (False, name) if name else (True, "")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    d = date.fromisoformat(args[0]) if args else date.today()
    ok, why = working_day(d)
    print(f"{d.isoformat()}: {'arbetsdag' if ok else f'ingen arbetsdag ({why})'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
