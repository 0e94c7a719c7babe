"""Ids made from names, for rows without an 编号: readable pinyin, the same for the same row on
every import. 滕州精工机床有限公司 -> tengzhou-jinggong-jichuang: the name is cut into words
(jieba), each word written in pinyin (pypinyin), words joined by hyphens; a company's legal form
(有限公司 …) is left out, and single-character words run together (鲁南农品 -> lunan-nongpin, not
lunan-nong-pin). A type whose records are told apart by a date as well as a name (a class, a story:
the schema's first required date field) gets the date too: ...-rumenban-2026-12-05.

What makes an id stable is the content, not the sheet: a row whose name (and date) is an existing
record's is that record, whatever its id; only a new name gets a new id (-2, -3 … when taken).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache
from typing import Any

from ..content.schemas import load_schema, schema_at
from ..content.validate import ID_PATTERN
from ..content.values import parse_date, parse_datetime

LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
MAX_LENGTH = 64  # of an id (the content contract)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HANZI = re.compile(r"^[\u3400-\u9fff]$")
_SPACES = re.compile(r"[\s\u3000]+")


@lru_cache(maxsize=1)
def _cut():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary: not for editors
    jieba.initialize()
    return lambda text: jieba.lcut(text, HMM=False)


def prepare() -> None:
    """Load the word list now (about a second), e.g. before the work is shared between processes."""
    _cut()


@lru_cache(maxsize=65536)
def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return _NOT_SLUG.sub("", "".join(lazy_pinyin(word)).casefold())


def slug(name: str, suffix: str = "") -> str:
    """tengzhou-jinggong-jichuang (+ "-" + suffix), at most 64 characters, cut between words."""
    text = _SPACES.sub("", name)
    for form in LEGAL_FORMS:
        if text.endswith(form) and len(text) > len(form):
            text = text[: -len(form)]
            break
    pieces: list[str] = []
    run = ""
    for word in _cut()(text):
        pinyin = _pinyin(word)
        if _HANZI.match(word):  # a one-character word: runs on with its neighbours
            run += pinyin
            continue
        if run:
            pieces.append(run)
            run = ""
        if pinyin:
            pieces.append(pinyin)
    if run:
        pieces.append(run)
    suffix = _NOT_SLUG.sub("-", suffix.casefold()).strip("-")
    tail = f"-{suffix}" if suffix else ""
    while len(pieces) > 1 and len("-".join(pieces)) + len(tail) > MAX_LENGTH:
        pieces.pop()
    text = ("-".join(pieces)[: MAX_LENGTH - len(tail)] + tail).strip("-")
    if not ID_PATTERN.match(text):  # too short, or nothing pronounceable in the name
        text = (f"record-{text}" if text else "record")[:MAX_LENGTH]
    return text


@lru_cache(maxsize=None)
def date_field(type_name: str) -> str | None:
    """The first required date or time of a type (a class's start, a story's publication date)."""
    schema = load_schema(type_name)
    for key in schema["properties"]:
        if key in schema.get("required", []) and schema_at(type_name, (key,)).get("x-format") in ("date", "datetime"):
            return key
    return None


def _day(value: Any) -> str:
    """The day of a date or time as written (2026-12-05 09:00 -> 2026-12-05)."""
    if value is None:
        return ""
    if not isinstance(value, (dt.date, dt.datetime)):
        try:
            value = parse_datetime(str(value)) or parse_date(str(value)) or str(value).strip()
        except ValueError:
            return str(value).strip()
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else value


def identity(type_name: str, title_field: str, data: dict) -> tuple[str, str] | None:
    """What tells two records of a type apart when they have no id: the name (and the date)."""
    name = data.get(title_field)
    if not isinstance(name, str) or not name.strip():
        return None
    field = date_field(type_name)
    return _SPACES.sub("", name).casefold(), _day(data.get(field)) if field else ""


def base_id(type_name: str, title_field: str, data: dict) -> str:
    """The id a new record's name (and date) make, before it is made unique."""
    field = date_field(type_name)
    return slug(str(data.get(title_field) or ""), _day(data.get(field)) if field else "")


def unique_id(base: str, taken) -> str:
    """base, or base-2, base-3 … : the first that no record and no other row has."""
    candidate, number = base, 2
    while candidate in taken:
        tail = f"-{number}"
        candidate = base[: MAX_LENGTH - len(tail)] + tail
        number += 1
    return candidate
