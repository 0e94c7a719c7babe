"""Refuse to publish what looks like a national ID number or a private mobile number (PIPL).

Fields the schema marks `x-privacy: public-business-line` (a firm's or an estate's office
line, contact.phone) are exempt; nothing else is.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .loader import Loaded
from .problems import Problem
from .schemas import annotated, field_label

# Numbers are looked for in a copy of the text where full-width digits, signs and spaces and the
# dashes an input method types are their ASCII selves, one character for one (so offsets, and the
# line a number is on, stay right). Groups may be split by a space, hyphen or dot; a mobile
# number may carry +86 / 0086 / 86 in front.
_ASCII = str.maketrans(
    "０１２３４５６７８９＋－．Ｘｘ\u3000\u2010\u2011\u2012\u2013\u2014\u2015\u2212（）", "0123456789+-.Xx -------()"
)
_SEP = r"[\s.\-]?"
MOBILE = re.compile(rf"(?<![\d])(?:\(?(?:\+|00)?86\)?{_SEP})?(1[3-9]\d){_SEP}(\d{{4}}){_SEP}(\d{{4}})(?![\d])")
# An ID number: region (first digit 1-8), birth date, sequence and check digit. The region and date
# rules keep an all-digit unified social credit code (it starts with 9) from looking like one.
ID_NUMBER = re.compile(
    rf"(?<![\dXx])([1-8]\d{{5}}){_SEP}((?:18|19|20)\d{{2}}){_SEP}((?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    rf"{_SEP}(\d{{3}})([\dXx])(?![\dXx])"
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def valid_id_number(digits17: str, check: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits17, _WEIGHTS))
    return _CHECK[total % 11] == check.upper()


def _strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


# A run of at least ten digits, separators and signs: the only places a mobile or ID number can
# be. Finding these first is cheap; the exact patterns then only look at the few runs there are.
_CANDIDATE = re.compile("[0-9０-９][0-9０-９ .\\-()+XxＸｘ（）＋－．\u3000\u2010-\u2015\u2212]{9,}")


def find_private_numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, masked number) for each ID number and mobile number in text."""
    for candidate in _CANDIDATE.finditer(text):
        start, piece = candidate.start(), candidate.group().translate(_ASCII)
        for match in ID_NUMBER.finditer(piece):
            head, year, day, seq, check = match.groups()
            if valid_id_number(head + year + day + seq, check):
                yield start + match.start(), "身份证号", f"{head}********{(seq + check)[-4:]}"
        for match in MOBILE.finditer(piece):
            yield start + match.start(), "手机号", f"{match.group(1)}****{match.group(3)}"


def _exempt(schema: str, path: tuple) -> bool:
    generic = tuple("*" if isinstance(part, int) else part for part in path)
    return any(pattern == generic for pattern, _ in annotated(schema, "x-privacy"))


def _texts(data: Any, out: list[str]) -> list[str]:
    for value in data.values() if isinstance(data, dict) else data:
        if value.__class__ is str:
            out.append(value)
        elif isinstance(value, (dict, list)):
            _texts(value, out)
    return out


def scan_record(schema: str, loaded: Loaded) -> list[Problem]:
    # One look at all the text first (almost no record has such a number anywhere); only then the
    # field by field scan that knows which field, line and column, and which fields are exempt.
    if not any(True for _ in find_private_numbers("\x00".join(_texts(loaded.data, [])))):
        return []
    problems = []
    for path, text in _strings(loaded.data):
        if _CANDIDATE.search(text) is None or _exempt(schema, path):
            continue
        for offset, what, masked in find_private_numbers(text):
            line, column = loaded.where_in(path, text, offset)
            problems.append(
                Problem(
                    loaded.file,
                    line,
                    column,
                    field_label(schema, path),
                    (
                        f"含有{what} {masked}。个人{what}不能公开，请删除"
                        + ("；需要留电话的，请改用单位办公电话" if what == "手机号" else "")
                    ),
                )
            )
    return problems
