"""What a batch tells its user: a progress bar on a terminal or a line per report in a log, and at
the end a table of every report with its result, time and why it was rendered or failed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from styrkort.data.terminal import terminal_safe

OK, FAILED, SKIPPED, STOPPED, PLANNED = "ok", "misslyckad", "överhoppad", "avbruten", "att rendera"


@dataclass
class Outcome:
    kind: str
    period: str
    title: str
    result: str = PLANNED
    seconds: float | None = None
    note: str = ""
    html: Path | None = None
    board: str = ""  # in a municipality's run, the board's folder

    @property
    def name(self) -> str:
        """The report as progress lines and messages name it: with its board in a municipality."""
        return f"{self.board}: {self.title}" if self.board else self.title


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    index: Path | None = None
    interrupted: int | None = None  # the signal that stopped the run
    seconds: float = 0.0
    workers: str = ""

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 128 + self.interrupted
        return 1 if self.count(FAILED) else 0


def _seconds(s: float | None) -> str:
    return "–" if s is None else f"{s:.1f} s".replace(".", ",")


class Progress:
    """A progress bar on a terminal (tqdm); elsewhere (a log, the journal) one line per report."""

    def __init__(self, total: int, stream: TextIO | None, tty: bool | None = None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.bar = None
        if stream is not None and total and (tty if tty is not None else _isatty(stream)):
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="rapport", desc="Renderar", dynamic_ncols=True,
                            bar_format="{desc}: {n}/{total} |{bar}| {elapsed}<{remaining}{postfix}")

    def say(self, text: str) -> None:
        if self.stream is None:
            return
        if self.bar is not None:
            self.bar.write(terminal_safe(text), file=self.stream)
        else:
            print(terminal_safe(text), file=self.stream, flush=True)

    def started(self, outcome: Outcome) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(terminal_safe(outcome.name), refresh=True)
        else:
            self.say(f"[{self.done}/{self.total}] startar {outcome.name} ({outcome.period})")

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            if outcome.result == FAILED:
                self.say(f"MISSLYCKAD {outcome.name}: {outcome.note}")
        else:
            line = f"[{self.done}/{self.total}] {outcome.result} {outcome.name} ({outcome.period}) {_seconds(outcome.seconds)}"
            self.say(line + (f": {outcome.note}" if outcome.result == FAILED else ""))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summary_table(result: BatchResult) -> str:
    """The run as a table: (Nämnd,) Rapport, Period, Resultat, Tid (and what changed or failed), and a count."""
    boards = any(o.board for o in result.outcomes)
    head = ("Nämnd",) * boards + ("Rapport", "Period", "Resultat", "Tid", "Anmärkning")
    rows = [(o.board,) * boards + (o.title, o.period, o.result, _seconds(o.seconds),
                                   o.note.splitlines()[0] if o.note else "") for o in result.outcomes]
    n = len(head) - 1
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(n)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r[:n], widths)) + ("  " + r[n] if r[n] else "")
             for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = ", ".join(f"{result.count(r)} {r}" for r in (OK, FAILED, SKIPPED, STOPPED, PLANNED) if result.count(r))
    n = len(result.outcomes)
    total = f"{n} rapport{'er' if n != 1 else ''}: {counts or 'inga'} på {_seconds(result.seconds)}"
    if result.workers:
        total += f" ({result.workers})"
    lines += ["", total + "."]
    if result.interrupted:
        lines.append("Körningen avbröts; rapporterna som hann bli klara är skrivna hela, de andra är orörda.")
    if result.index:
        lines.append(f"Förteckning: {result.index}")
    return "\n".join(lines)
