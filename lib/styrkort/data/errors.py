"""Errors a user reads: where the bad value is, what it is, what is allowed — in Swedish."""

from __future__ import annotations

from dataclasses import dataclass


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


class DataError(Exception):
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


class ReportError(Exception):
    """A report that cannot be rendered for a reason the user can act on."""
