"""From the units' statuses to the administration's proposed status per goal area.

The administration's outcome is a judgement ("sammanvägd bedömning"), so the package
only *proposes* a status by a documented rule chosen in params; the analyst may set
another with a reason (see :mod:`styrkort.reports.outcomes`).

Rules (``status_rule.kind`` in params):

``share-of-green`` (default)
    Röd when the share of Röd units is at least ``red_share_for_red``; Grön when the
    share of Grön units is at least ``green_share_for_green`` and the share of Röd units
    is at most ``red_share_allowed_in_green``; otherwise Gul. With the defaults (0.3, 0.5,
    0.0) this reproduces the seed: 5 Grön + 5 Gul → Grön, 5 Grön + 3 Gul + 2 Röd → Gul.
``majority``
    The most common status; a tie goes to the worse status.
``worst-case``
    The worst status any unit reported.

Shares are taken over the units that reported; units that did not report are counted
and shown, never guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from styrkort.data.params import RULES, StatusRule
from styrkort.data.status import Status


@dataclass(frozen=True)
class Distribution:
    """How many units gave each status, and how many did not report."""

    gron: int = 0
    gul: int = 0
    rod: int = 0
    missing: int = 0

    @property
    def reported(self) -> int:
        return self.gron + self.gul + self.rod

    @property
    def total(self) -> int:
        return self.reported + self.missing

    def count(self, status: Status) -> int:
        return {Status.GRON: self.gron, Status.GUL: self.gul, Status.ROD: self.rod}[status]

    def share(self, status: Status) -> float:
        return self.count(status) / self.reported if self.reported else 0.0


def distribution(statuses: Iterable[Status | None]) -> Distribution:
    c = Counter(statuses)
    return Distribution(c[Status.GRON], c[Status.GUL], c[Status.ROD], c[None])


def rollup_status(dist: Distribution, rule: StatusRule) -> Status | None:
    """The proposed status for an area, or None when no unit has reported."""
    if dist.reported == 0:
        return None
    if rule.kind == "worst-case":
        return max((s for s in Status if dist.count(s)), key=lambda s: s.rank)
    if rule.kind == "majority":
        return max(Status, key=lambda s: (dist.count(s), s.rank))
    if rule.kind == "share-of-green":
        if dist.share(Status.ROD) >= rule.red_share_for_red:
            return Status.ROD
        if (dist.share(Status.GRON) >= rule.green_share_for_green
                and dist.share(Status.ROD) <= rule.red_share_allowed_in_green):
            return Status.GRON
        return Status.GUL
    raise ValueError(f"unknown status rule {rule.kind!r}; known: {', '.join(RULES)}")
