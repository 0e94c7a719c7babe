"""Values as editors, spreadsheets, web forms and input methods write them, read as the data they
mean: dates, times (in Beijing time), numbers. Shared by the YAML check and the spreadsheet import."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def today_in_shanghai() -> dt.date:
    """Today in Beijing time: training statuses roll over at midnight there. (A fixed date is
    `--today` on the command line, the plugin's `today` in mkdocs.yml for `mkdocs build`/`serve`.)"""
    return dt.datetime.now(SHANGHAI).date()


# Full-width digits and signs an input method types in numbers: `capacity: ８０`.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－＋\u3000", "0123456789.-+ ")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def as_number(value: Any) -> Any:
    """A number written the ways spreadsheets, web forms and input methods write it, as a number:
    `80.0` -> 80, `"80"` -> 80, `８０` -> 80. Anything else is returned as it is (for the schema to refuse)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = half_width(value).strip()
        if not _NUMBER.match(text):
            return value
        value = float(text) if "." in text else int(text)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Dates and times as editors, spreadsheets and web forms write them (ISO 8601 and the plain
# `2027-03-15 09:00`): a time with an offset or Z is converted to Beijing time, one without is
# Beijing time. Full-width digits and colons from an input method are read as ASCII ones.
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_MIDNIGHT = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]0{1,2}:00(?::00(?:\.0+)?)?$")
_DATE_TEXT = str.maketrans("０１２３４５６７８９：－", "0123456789:-")


def _offset(text: str | None) -> dt.tzinfo:
    if not text:
        return SHANGHAI
    if text.upper() == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def parse_datetime(text: str) -> dt.datetime | None:
    """`2027-04-02T01:00:00.000Z` -> 2027-04-02 09:00 Beijing time; None if not a time at all.
    Raises ValueError for a time that does not exist (2027-02-30 09:00)."""
    match = _DATETIME.match(text.translate(_DATE_TEXT).strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0").ljust(6, "0"))
    value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro, tzinfo=_offset(zone))
    return value.astimezone(SHANGHAI).replace(microsecond=0)


def parse_date(text: str) -> dt.date | None:
    """`2027-03-15`, or a spreadsheet's `2027-03-15 00:00:00`; None if not a date."""
    text = text.translate(_DATE_TEXT).strip()
    midnight = _MIDNIGHT.match(text)
    match = _DATE.match(midnight.group(1) if midnight else text)
    return dt.date(*(int(n) for n in match.groups())) if match else None


def is_date_only(text: str) -> bool:
    """`2027-03-15` where a time was wanted: the editor forgot the hour."""
    return bool(_DATE.match(text.translate(_DATE_TEXT).strip()))
