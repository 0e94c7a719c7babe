"""The status of a dated event (a type with a `calendar` in the registry: a class), derived from its
dates and the build date: never typed by editors.

The same rules run in the visitor's browser (overrides/assets/javascripts/status.js) so that
a page built last week still tells the truth; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Record


@dataclass(frozen=True)
class Status:
    code: str  # stable, for CSS classes and scripts
    label: str  # what a visitor reads

    @property
    def upcoming(self) -> bool:
        """Listed under 近期 (running or still to come) rather than in the archive."""
        return self.code in ("open", "soon", "closed-registration", "running")


OPEN = Status("open", "报名中")
SOON = Status("soon", "即将开始")
REGISTRATION_CLOSED = Status("closed-registration", "报名已截止")
RUNNING = Status("running", "进行中")
FINISHED = Status("finished", "已结束")
CANCELLED = Status("cancelled", "已取消")


def event_status(event: Record, today: dt.date) -> Status:
    if event.get("cancelled"):
        return CANCELLED
    start, end = event.start.date(), event.end.date()
    if today > end:
        return FINISHED
    if today >= start:
        return RUNNING
    registration = event.get("registration") or {}
    deadline = registration.get("deadline")
    if deadline and today > deadline:
        return REGISTRATION_CLOSED
    if registration:
        return OPEN
    return SOON
