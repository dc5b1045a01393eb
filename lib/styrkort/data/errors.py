"""Errors a user reads: where the bad value is, what it is, what is allowed — in Swedish."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class UserError(Exception):
    """An error the user can correct from its message alone. In a notebook it shows as that
    message, in red, without Python's traceback (IPython asks ``_render_traceback_``)."""

    def _render_traceback_(self) -> list[str]:
        first, *rest = str(self).splitlines() or [""]
        first = first[0].upper() + first[1:] if first else first
        return [f"\x1b[1;31m{first}\x1b[0m", *rest]


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    row: int | None = None  # numbered as in Excel: the header is row 1
    column: str | None = None
    sheet: str | None = None  # the workbook's sheet, for a filled template

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"blad {self.sheet!r}")
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolumn {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class DataError(UserError):
    """Input that cannot be used; carries every problem found, each with its place."""

    def __init__(self, problems: list[Problem], source: str = ""):
        self.problems = list(problems)
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"Data i {self.source} kan inte användas" if self.source else "Data kan inte användas"
        shown = self.problems[:25]
        lines = [f"{head} ({len(self.problems)} fel):"] + [f"  - {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  … och {len(self.problems) - len(shown)} fel till.")
        return "\n".join(lines)


class ReportError(UserError):
    """A report that cannot be rendered for a reason the user can act on."""


def shorten(text: str, limit: int = 160) -> str:
    """A value quoted in a message, cut where it would drown the message (a binary file's header)."""
    return text if len(text) <= limit else text[:limit] + " …"


_OS_ERRORS = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.ENOENT: "finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "är en mapp, inte en fil",
    errno.ENAMETOOLONG: "namnet är för långt för filsystemet",
    errno.EEXIST: "finns redan",
}


def describe_os_error(exc: OSError) -> str:
    """An operating system's refusal in Swedish, with the file it concerns: "Kan inte skriva
    outputs/2024-08/x.pdf: disken är full"."""
    what = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    where = exc.filename if exc.filename is not None else ""
    return f"{where}: {what}" if where else what
