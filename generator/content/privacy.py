"""Refuse to publish what looks like a national ID number or a private mobile number (PIPL).

Fields the schema marks `x-privacy: public-business-line` (a firm's or an estate's office
line, contact.phone) may hold a mobile number only when the record says its owner agreed to
publish it (`consent: true` beside the field); an ID number is refused everywhere.

The same detectors serve the check (a record's fields, for precise messages) and the output guard
(generator/assemble/output_guard.py: the text of every published file, after `readable`).
Invisible characters (zero-width, soft hyphen, bidi controls) between the digits do not hide a
number; bidi controls are refused in every text, since they can show digits in another order.
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterator, NamedTuple
from urllib.parse import unquote

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


# Characters a reader does not see: zero-width spaces and joiners, word joiner, BOM, soft hyphen,
# invisible operators, and the bidi controls (marks, embeddings, overrides, isolates).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u200e\u200f\u061c" + BIDI_CONTROLS
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

# A run of at least ten digits, separators and signs: the only places a mobile or ID number can
# be. Finding these first is cheap; the exact patterns then only look at the few runs there are.
# (Any white space counts, as a page shows a line break or a run of spaces as one space.)
_CANDIDATE = re.compile(f"[0-9０-９][0-9０-９\\s.\\-()+XxＸｘ（）＋－．\u2010-\u2015\u2212{INVISIBLE}]{{9,}}")
_SPACES = re.compile(r"\s+")


class PrivateNumber(NamedTuple):
    offset: int  # in the text given
    kind: str  # 身份证号 or 手机号
    masked: str  # as messages show it
    number: str  # its digits (and X), as one key whatever way it was written


def _visible(piece: str) -> tuple[str, list[int] | None]:
    """piece as it shows: without invisible characters and with each run of white space one space,
    and where each kept character was (None: nothing changed)."""
    kept = _SPACES.sub(" ", piece.translate(_DROP_INVISIBLE))
    if kept == piece:
        return piece, None
    where, space = [], False
    for index, char in enumerate(piece):
        if char in INVISIBLE or (space and char.isspace()):
            continue
        space = char.isspace()
        where.append(index)
    return kept, where


def private_numbers(text: str) -> Iterator[PrivateNumber]:
    """Each ID number and mobile number in text, however written (full-width, split, invisible
    characters between the digits)."""
    for candidate in _CANDIDATE.finditer(text):
        piece, where = _visible(candidate.group().translate(_ASCII))
        at = (lambda offset: candidate.start() + offset) if where is None else (lambda offset: candidate.start() + where[offset])
        for match in ID_NUMBER.finditer(piece):
            head, year, day, seq, check = match.groups()
            if valid_id_number(head + year + day + seq, check):
                number = head + year + day + seq + check.upper()
                yield PrivateNumber(at(match.start()), "身份证号", f"{head}********{(seq + check)[-4:]}", number)
        for match in MOBILE.finditer(piece):
            number = "".join(match.group(1, 2, 3))
            yield PrivateNumber(at(match.start()), "手机号", f"{match.group(1)}****{match.group(3)}", number)


def find_private_numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, masked number) for each ID number and mobile number in text."""
    for found in private_numbers(text):
        yield found.offset, found.kind, found.masked


# The percent-escapes that can make or hide part of a number: digits, signs, separators, spaces,
# full-width digits and the invisible characters above. (Only these are decoded: a published page
# holds thousands of escaped Chinese file names, and decoding them all would cost for nothing.)
_PERCENT = re.compile(
    "%(?:3[0-9]|2[0-9A-Fa-f]|[Ee]2%80%8[B-Fb-f]|[Ee]2%80%[Aa][A-Ea-e]|[Ee]2%81%[Aa][0-9]|[Ee]2%81%[89]"
    "|[Cc]2%[Aa][0-9A-Fa-f]|[Ee][Ff]%[Bb][Bb]%[Bb][Ff]|[Ee][Ff]%[Bb][Cc]%[89][0-9A-Fa-f]|[Dd]8%9[Cc]|[Ee]1%[Aa]0%8[Ee]"
    "|[Ee]3%80%80|[Ee]2%88%92)"
)


def readable(text: str) -> str:
    """Text as a reader gets it from a published file: HTML/XML character references decoded and
    percent-escapes (`tel:%31%33…`) undone, so that no spelling hides a number from the scan."""
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = _PERCENT.sub(lambda escape: unquote(escape.group(), errors="replace"), text)
    return text


def candidates(text: str) -> Iterator[str]:
    """The runs of digits and separators in text where a number could be (for callers that meet
    the same runs again and again, and remember what each held)."""
    for candidate in _CANDIDATE.finditer(text):
        yield candidate.group()


def _business_line(type_name: str, path: tuple) -> bool:
    generic = tuple("*" if isinstance(part, int) else part for part in path)
    return any(pattern == generic for pattern, _ in annotated(type_name, "x-privacy"))


CONSENT = "consent"  # beside a public business line: its owner agreed to publish a mobile number there


def _consent_title(type_name: str, path: tuple) -> str:
    from .schemas import schema_at

    return schema_at(type_name, tuple(path[:-1]) + (CONSENT,)).get("title", CONSENT)


def _consented(data: Any, path: tuple) -> bool:
    for part in path[:-1]:
        data = data[part]
    return isinstance(data, dict) and data.get(CONSENT) is True


def _texts(data: Any, out: list[str]) -> list[str]:
    for value in data.values() if isinstance(data, dict) else data:
        if value.__class__ is str:
            out.append(value)
        elif isinstance(value, (dict, list)):
            _texts(value, out)
    return out


def _number_message(what: str, masked: str, business_line: str | None) -> str:
    if what == "身份证号":
        return f"含有身份证号 {masked}。个人身份证号不能公开，请删除"
    if business_line is not None:
        return (
            f"含有手机号 {masked}。这里填的应是单位的办公电话；个人手机号要公开，须取得机主本人同意，"
            f"并在同一组里写上 {CONSENT}: true（表格里“{business_line}”一列填“是”），否则请改用单位办公电话"
        )
    return f"含有手机号 {masked}。个人手机号不能公开，请删除；需要留电话的，请改用单位办公电话"


def scan_record(type_name: str, loaded: Loaded) -> list[Problem]:
    """Private numbers (outside a consented business line) and bidi controls in any text field."""
    # One look at all the text first (almost no record has such a number anywhere); only then the
    # field by field scan that knows which field, line and column, and which fields are exempt.
    everything = "\x00".join(_texts(loaded.data, []))
    if not any(True for _ in find_private_numbers(everything)) and _BIDI.search(everything) is None:
        return []
    problems = []
    for path, text in _strings(loaded.data):
        bidi = _BIDI.search(text)
        if bidi is not None:
            line, column = loaded.where_in(path, text, bidi.start())
            problems.append(
                Problem(
                    loaded.file,
                    line,
                    column,
                    field_label(type_name, path),
                    f"含有看不见的文字方向控制符（U+{ord(bidi.group()):04X}），它会让文字或数字倒着显示，常被用来伪装内容。"
                    "请删除它（通常是从网页或聊天软件复制来的：重新输入这一段即可）",
                )
            )
        if _CANDIDATE.search(text) is None:
            continue
        business_line = _consent_title(type_name, path) if _business_line(type_name, path) else None
        for offset, what, masked in find_private_numbers(text):
            if business_line is not None and what == "手机号" and _consented(loaded.data, path):
                continue
            line, column = loaded.where_in(path, text, offset)
            problems.append(
                Problem(loaded.file, line, column, field_label(type_name, path), _number_message(what, masked, business_line))
            )
    return problems
