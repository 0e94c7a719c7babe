"""Values as editors, spreadsheets, web forms and input methods write them, read as the data they
mean: dates, times (in Beijing time), numbers. Shared by the YAML check and the spreadsheet import."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY_ENV = "CAMPAIGN_TODAY"  # a fixed "today" (tests, benchmarks, and MkDocs run by `build`)


def today_in_shanghai() -> dt.date:
    """Today in Beijing time (class statuses roll over at midnight there), or TODAY_ENV's date."""
    import os

    override = os.environ.get(TODAY_ENV)
    return dt.date.fromisoformat(override) if override else dt.datetime.now(SHANGHAI).date()


# Full-width digits and signs an input method types in numbers: `capacity: ８０`.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－＋\u3000", "0123456789.-+ ")
# Decimal only, as an editor means it: `017` is 17 (YAML 1.1 would read 15), `0x1F` and `1:20`
# (YAML 1.1's hexadecimal and base 60) are not numbers an editor writes, and stay text for the schema to refuse.
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d+)?|\.\d+)$")
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d{1,3}(?:_\d{3})+(?:\.\d+)?$")


def half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def as_number(value: Any) -> Any:
    """A number written the ways spreadsheets, web forms and input methods write it, as a number:
    `80.0` -> 80, `"80"` -> 80, `８０` -> 80. Anything else is returned as it is (for the schema to refuse)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = half_width(value).strip()
        if _GROUPED.match(text):  # 1,000 or 1_000: thousands, as written in a report
            text = text.replace(",", "").replace("_", "")
        if not _NUMBER.match(text):
            return value
        value = float(text) if "." in text else int(text)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # not-a-number and infinity are no figure: text, which the schema refuses
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


class DateOutOfReach(ValueError):
    """A date or time that exists, but not as an editor can have meant it (its message says why)."""


def _offset(text: str | None) -> dt.tzinfo:
    if not text:
        return SHANGHAI
    if text.upper() == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if minutes >= 60 or not -12 * 60 <= sign * (hours * 60 + minutes) <= 14 * 60:
        raise DateOutOfReach(f"没有“{text}”这个时区（各地时区在 -12:00 到 +14:00 之间，北京时间是 +08:00），请核对")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse_datetime(text: str) -> dt.datetime | None:
    """`2027-04-02T01:00:00.000Z` -> 2027-04-02 09:00 Beijing time; None if not a time at all.
    Raises ValueError for a time that does not exist (2027-02-30 09:00), DateOutOfReach for an
    offset no place has (+25:00) or a time that cannot be told in Beijing time (9999-12-31T23:00Z)."""
    match = _DATETIME.match(text.translate(_DATE_TEXT).strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0").ljust(6, "0"))
    value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro, tzinfo=_offset(zone))
    try:
        return value.astimezone(SHANGHAI).replace(microsecond=0)
    except OverflowError:
        raise DateOutOfReach(f"“{text}”远在日历尽头，不会是培训或活动的时间，请核对年份") from None


def parse_date(text: str) -> dt.date | None:
    """`2027-03-15`, or a spreadsheet's `2027-03-15 00:00:00`; None if not a date."""
    text = text.translate(_DATE_TEXT).strip()
    midnight = _MIDNIGHT.match(text)
    match = _DATE.match(midnight.group(1) if midnight else text)
    return dt.date(*(int(n) for n in match.groups())) if match else None


def is_date_only(text: str) -> bool:
    """`2027-03-15` where a time was wanted: the editor forgot the hour."""
    return bool(_DATE.match(text.translate(_DATE_TEXT).strip()))


# Characters that cannot be seen, or look like a space, that copying from Word, WeChat or a web page
# brings along. In a value that must match a list entry or an id, they make 滕州市 not 滕州市.
INVISIBLE = {
    "\u00a0": "不间断空格 U+00A0",
    "\u00ad": "软连字符 U+00AD",
    "\u180e": "蒙古文元音分隔符 U+180E",
    "\u200b": "零宽空格 U+200B",
    "\u200c": "零宽不连字 U+200C",
    "\u200d": "零宽连字 U+200D",
    "\u200e": "从左到右标记 U+200E",
    "\u200f": "从右到左标记 U+200F",
    "\u2060": "零宽词连接符 U+2060",
    "\ufeff": "BOM（零宽不换行空格）U+FEFF",
    **{chr(code): f"文字方向控制符 U+{code:04X}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")


def invisible_characters(text: object) -> str:
    """The invisible characters in text, named (“零宽空格 U+200B”), or ""."""
    found = dict.fromkeys(_INVISIBLE.findall(str(text)))
    return "、".join(INVISIBLE[c] for c in found)


def without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def invisible_note(text: object) -> str:
    """A sentence for a message about a value that matched nothing, when invisible characters are why."""
    names = invisible_characters(text)
    return f"这个值含有看不见的字符（{names}），多半是复制粘贴时带进来的。请删去这个值重新输入。" if names else ""


# Phone numbers as typed with a Chinese input method: full-width digits, dashes and brackets, which
# a phone cannot dial from a tel: link. Written back with ASCII ones (0632－5551234 -> 0632-5551234).
_PHONE = str.maketrans(
    {
        **{chr(0xFF10 + n): str(n) for n in range(10)},
        "－": "-",
        "—": "-",
        "–": "-",
        "‐": "-",
        "―": "-",
        "ー": "-",
        "（": "(",
        "）": ")",
        "＋": "+",
        "\u3000": " ",
        "，": ",",
        "；": ";",
        "、": ",",
    }
)


def phone_text(text: str) -> str:
    """A phone number with the separators a tel: link dials (spaces between parts kept, one each)."""
    return re.sub(r"\s+", " ", text.translate(_PHONE)).strip()


def likely_phone(number: int) -> str | None:
    """The phone number a spreadsheet turned into the number `number`, dropping its leading 0:
    6325867001 -> 0632-5867001 (a 3-digit area code for 010 and 02x, else 4 digits); None when
    the number is not a fixed line that lost its 0 (a mobile number keeps all its digits)."""
    digits = "0" + str(number)
    if not 10 <= len(digits) <= 12 or digits[1] == "0" or len(digits) == 12 and digits[1] == "1":
        return None
    area = 3 if digits[1] in "12" else 4
    return f"{digits[:area]}-{digits[area:]}"
