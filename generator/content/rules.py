"""Rules within one record that a schema cannot express, by name; a type lists the ones it
follows under `rules` in its registry entry (most types have none)."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterator

from .model import Record

Rule = Callable[[Record], Iterator[tuple[tuple, str]]]


def _end_after_start(record: Record) -> Iterator[tuple[tuple, str]]:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end <= start:
        yield ("end",), "结束时间必须晚于开始时间，请核对两个时间"
    deadline = (record.get("registration") or {}).get("deadline")
    if isinstance(deadline, dt.date) and isinstance(end, dt.datetime) and deadline > end.date():
        yield ("registration", "deadline"), "报名截止日期晚于培训结束日期，请核对"


def _consent_to_publish(record: Record) -> Iterator[tuple[tuple, str]]:
    person = record.get("person") or {}
    if not record.get("draft") and person.get("consent") is not True:
        yield ("person", "consent"), ("未取得本人同意，不能公开姓名和照片。取得书面同意后改为 true，或加上“draft: true”暂不发布")


RULES: dict[str, Rule] = {"end_after_start": _end_after_start, "consent_to_publish": _consent_to_publish}
