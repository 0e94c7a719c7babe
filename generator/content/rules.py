"""Rules within one record that a schema cannot express, by name; a type lists the ones it
follows under `rules` in its `RecordType` in the registry (most types have none)."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterator

from .model import Record

Rule = Callable[[Record], Iterator[tuple[tuple, str]]]


LONGEST_EVENT = dt.timedelta(days=92)  # a course of weekend sessions runs a few weeks, a term three months


def _end_after_start(record: Record) -> Iterator[tuple[tuple, str]]:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if end <= start:
            yield ("end",), "结束时间必须晚于开始时间，请核对两个时间"
        elif end - start > LONGEST_EVENT:
            yield (
                ("end",),
                (
                    f"培训从 {start:%Y-%m-%d} 到 {end:%Y-%m-%d}，长达 {(end - start).days} 天，超过三个月，"
                    "不像一期培训班。请核对结束时间的年份和月份；分几期举办的请每期写一个文件"
                ),
            )
    deadline = (record.get("registration") or {}).get("deadline")
    if isinstance(deadline, dt.date) and isinstance(start, dt.datetime) and deadline > start.date():
        yield (
            ("registration", "deadline"),
            (f"报名截止日期 {deadline.isoformat()} 晚于开课日期 {start:%Y-%m-%d}：开课以后就不能再报名了，请核对"),
        )


def _consent_to_publish(record: Record) -> Iterator[tuple[tuple, str]]:
    person = record.get("person") or {}
    if not record.get("draft") and person.get("consent") is not True:
        yield ("person", "consent"), ("未取得本人同意，不能公开姓名和照片。取得书面同意后改为 true，或加上“draft: true”暂不发布")


RULES: dict[str, Rule] = {"end_after_start": _end_after_start, "consent_to_publish": _consent_to_publish}
