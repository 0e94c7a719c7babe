"""Refuse to publish what looks like a national ID number or a private mobile number (PIPL).

An enterprise's contact.phone is a public business line and is exempt; nothing else is.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from .loader import Loaded
from .problems import Problem
from .schema import field_label

MOBILE = re.compile(r"(?<![\d])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d])")
ID_NUMBER = re.compile(r"(?<![\dXx])(\d{6})(\d{8})(\d{3})([\dXx])(?![\dXx])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
EXEMPT = {"enterprise": {("contact", "phone")}}


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


def find_private_numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, masked number) for each ID number and mobile number in text."""
    for match in ID_NUMBER.finditer(text):
        head, birth, seq, check = match.groups()
        if valid_id_number(head + birth + seq, check):
            yield match.start(), "身份证号", f"{head}********{(seq + check)[-4:]}"
    for match in MOBILE.finditer(text):
        yield match.start(), "手机号", f"{match.group(1)}****{match.group(3)}"


def scan_record(kind: str, loaded: Loaded) -> list[Problem]:
    problems = []
    exempt = EXEMPT.get(kind, set())
    for path, text in _strings(loaded.data):
        if path in exempt:
            continue
        for offset, what, masked in find_private_numbers(text):
            line, column = loaded.where(path)
            if "\n" in text:  # a block of text starts on the line after its key
                line += text.count("\n", 0, offset) + (0 if text.startswith("\n") else 1)
            problems.append(Problem(loaded.file, line, column, field_label(kind, path), (
                f"含有{what} {masked}。个人{what}不能公开，请删除" +
                ("；需要留电话的，请改用单位办公电话" if what == "手机号" else ""))))
    return problems
