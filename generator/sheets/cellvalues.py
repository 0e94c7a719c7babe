"""A cell as text, and text as a field's value.

Spreadsheets hand cells over typed: numbers as floats (120.0), dates and times as date objects,
TRUE/FALSE as booleans. Each becomes the text an editor would have typed (120, 2027-03-15,
2027-03-15 09:00, 是), so a cell compares with the open-data CSV's text of the same value
(generator.content.cells) and is read the same way whatever program saved the sheet. The text is
then the field's value: lists split on 、 ； ; ， or line breaks, sub-records one per line with their
parts split on ｜, numbers as numbers, 是/否 as true/false, dates as the check reads them. A long
number the spreadsheet has already turned into 9.1e+17 is refused: its last digits are gone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..content.cells import PART_SEPARATOR, formula_unguarded
from ..content.values import as_number, half_width, likely_phone, parse_date, parse_datetime, phone_text
from .columns import Column

# Excel keeps 15 significant digits: a bigger number typed into a cell not formatted as text (a
# credit code, a long account number) has lost its last digits by the time we see it.
LONGEST_EXACT = 10**15
_SCIENTIFIC = re.compile(r"^[-+]?\d+(?:\.\d+)?[eE][-+]?\d+$")
LIST_SPLIT = re.compile(r"[、；;，\n]")
PART_SPLIT = re.compile(f"[{PART_SEPARATOR}|]")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$")
_DATE_WORDS = re.compile(r"^(\d{4})\s*[年/.]\s*(\d{1,2})\s*[月/.]\s*(\d{1,2})\s*日?")
YES = frozenset({"是", "true", "yes", "y", "1", "对", "√"})
NO = frozenset({"否", "false", "no", "n", "0", "不", "×"})

# A cell that empties its field when a record is updated (an empty cell keeps what the record has).
CLEAR = "删除"
_CLEAR_FORMS = frozenset({CLEAR, f"（{CLEAR}）", f"({CLEAR})", f"[{CLEAR}]", f"【{CLEAR}】"})


def clears(text: str | None) -> bool:
    return text is not None and text in _CLEAR_FORMS


TOO_LONG_NUMBER = (
    "“{text}”是表格软件改成科学计数法的长数字，后面几位已经丢失，不能导入。请把这一列设置为“文本”格式，重新填写完整的数字后再导入"
)


class CellError(ValueError):
    """A cell that cannot be read as its field's value; the message is for the editor."""


def typed_text(value: Any) -> str | None:
    """The cell as the text an editor would have typed; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if abs(value) >= LONGEST_EXACT:
            raise CellError(TOO_LONG_NUMBER.format(text=f"{value:.6g}".replace("e+", "E+")))
        return str(int(value)) if float(value).is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, dt.timedelta):  # a duration cell: hours and minutes, as it shows
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    text = formula_unguarded(str(value))  # as the open-data CSV published it (content.cells)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if ("e" in text or "E" in text) and len(text) < 40 and _SCIENTIFIC.match(half_width(text)):
        raise CellError(TOO_LONG_NUMBER.format(text=text))
    return text or None


def _date_text(text: str, wanted: str) -> str:
    """A date (or time) as the check reads it, written the one way: 2027/3/15, 2027.3.15 and
    2027年3月15日 become 2027-03-15; 2027-03-15T01:00:00Z becomes 2027-03-15 09:00 (Beijing).
    What cannot be read is left as written, for the check to explain."""
    match = _DATE_WORDS.match(half_width(text))
    if match:
        year, month, day = match.groups()
        rest = half_width(text)[match.end() :].strip()
        text = f"{year}-{int(month):02d}-{int(day):02d}" + (f" {rest}" if rest else "")
    try:
        value = parse_datetime(text) if wanted == "datetime" else parse_date(text)
    except ValueError:
        return text
    if value is None:
        return text
    return value.strftime("%Y-%m-%d %H:%M") if wanted == "datetime" else value.isoformat()


def _scalar(column: Column, text: str) -> Any:
    if column.kind in ("integer", "number"):
        plain = half_width(text).strip()
        if _THOUSANDS.match(plain):
            plain = plain.replace(",", "").replace("，", "")
        number = as_number(plain)
        return number if not isinstance(number, str) else text
    if column.kind == "boolean":
        word = half_width(text).strip().casefold()
        if word in YES:
            return True
        if word in NO:
            return False
        raise CellError(f"只能填“是”或“否”，现在写的是“{text}”")
    if column.format in ("date", "datetime"):
        return _date_text(text, column.format)
    if column.format == "phone":
        return phone_text(text)
    return text


def number_in_text_column(column: Column, value: Any) -> str | None:
    """A number cell where the field is a phone number: the text it stands for (a mobile number
    keeps its digits), or CellError when the spreadsheet dropped the leading 0 of a fixed line
    (0632-5867001 typed into a General cell becomes 6325867001, with no warning)."""
    if column.format != "phone" or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not float(value).is_integer() or abs(value) >= LONGEST_EXACT:
        raise CellError(f"电话号码成了数字 {value:g}，请把这一列设成“文本”格式，重新填写完整的号码")
    likely = likely_phone(int(value))
    if likely is None:
        return str(int(value))
    raise CellError(
        f"电话号码“{int(value)}”被 Excel 当成了数字，开头的 0 已经丢了，可能是 {likely}。"
        f"请把这一列设成“文本”格式，填写完整的号码（如 {likely}）后再导入"
    )


def _items(text: str) -> list[str]:
    return [item.strip() for item in LIST_SPLIT.split(text) if item.strip()]


@lru_cache(maxsize=None)
def _item(column: Column) -> Column:
    """A list's item as a column of its own (its kind, its format)."""
    return replace(column, kind=column.item_kind, parts=())


def value_from_text(column: Column, text: str, parts: tuple[Column, ...] = ()) -> Any:
    """The value of column's field written as text (never empty)."""
    if column.kind == "text" and column.format not in ("date", "datetime", "phone"):
        return text + "\n" if column.format == "markdown" and "\n" in text else text  # a body ends its last line
    if column.kind == "list":
        item = _item(column)
        return [_scalar(item, piece) for piece in _items(text)]
    if column.kind == "records":
        parts = parts or column.parts
        records = []
        for number, line in enumerate((line for line in text.split("\n") if line.strip()), start=1):
            pieces = [piece.strip() for piece in PART_SPLIT.split(line)]
            while pieces and not pieces[-1]:
                pieces.pop()
            if len(pieces) > len(parts):
                names = PART_SEPARATOR.join(p.title for p in parts)
                raise CellError(
                    f"第 {number} 项“{line.strip()}”分成了 {len(pieces)} 部分，最多 {len(parts)} 部分：{names}。"
                    f"每项单独一行，各部分之间用“{PART_SEPARATOR}”隔开"
                )
            item = {}
            for part, piece in zip(parts, pieces):
                if piece:
                    try:
                        item[part.path[-1]] = _scalar(part, piece)
                    except CellError as err:
                        raise CellError(f"第 {number} 项的{part.title}：{err}") from None
            records.append(item)
        return records
    return _scalar(column, text)
