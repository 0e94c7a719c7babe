"""A new record as the YAML an editor would write (the shipped content's style): fields in the
schema's order, Chinese as it is, lists of plain values on one line (`modes: [B2C, 农村电商]`),
sub-records one per line (`  - {title: …, level: 市级, year: 2014}`), a short group on one line
(`contact: {phone: "0632-5551234", address: …}`), bodies as blocks (`description: |`), and quotes
only where a reader could take the text for something else: anything either YAML version reads as a
number, date, true/false or null, text that looks like a phone number or a date, text starting with
a YAML sign or holding `: ` or ` #`. No tags, no anchors; `check` reads back exactly the data.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from ..content.schemas import schema_at

WIDTH = 100  # a group is written on one line when it fits in this many characters

# Characters a YAML stream may hold as they are (YAML 1.1's printable set, which PyYAML enforces),
# less the line breaks YAML 1.1 also counts (NEL, LS, PS) and the byte-order mark.
_UNPRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Anywhere in a plain scalar: a line break or tab, what YAML reads as a key (`: `, a closing `:`)
# or a comment (` #`), a character outside the printable set; in a flow ([…], {…}) also , [ ] { }.
_NOT_PLAIN = re.compile(r"[\n\t]|: | #|:$|" + _UNPRINTABLE.pattern)
_NOT_PLAIN_IN_FLOW = re.compile(r"[\n\t,\[\]{}]|: | #|:$|" + _UNPRINTABLE.pattern)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@` \u3000“‘＂＇"
# Text a reader could take for a number, date, time, phone number or a word YAML 1.1 reads as true
# or false: quoted, as editors quote "0632-5551234" and "2026-12-05 09:00".
_NUMBERISH = re.compile(r"^[-+.]?[0-9][0-9\s\-+./:_eExXoObB]*$")
_WORDS = re.compile(r"^(?:y|n|yes|no|on|off|true|false|null|~|=|<<|\.inf|\.nan|[-+]\.inf)$", re.IGNORECASE)
# `name：…` would be taken by the loader for a field name typed with a full-width colon.
_KEY_WITH_WIDE_COLON = re.compile(r"^\s*(?:-\s+)?[a-z][a-z0-9_]*\s*：")


_SHORT: dict[tuple[str, bool], bool] = {}  # short texts recur (district, platform, mode …): decided once


def plain_ok(text: str, flow: bool) -> bool:
    """Whether text can be written without quotes and read back as the same text."""
    if len(text) > 24:
        return _plain_ok(text, flow)
    key = (text, flow)
    found = _SHORT.get(key)
    if found is None:
        if len(_SHORT) > 100_000:
            _SHORT.clear()
        found = _SHORT[key] = _plain_ok(text, flow)
    return found


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text[0] in _INDICATORS or text[-1] in " \u3000":
        return False
    if (_NOT_PLAIN_IN_FLOW if flow else _NOT_PLAIN).search(text):
        return False
    if text[0] < "\u0080":  # only text starting in ASCII can be a number, a YAML word or a field name
        if _NUMBERISH.match(text) or _WORDS.match(text) or _KEY_WITH_WIDE_COLON.match(text):
            return False
        if text[0] in "+.~0123456789" or len(text) <= 5:  # the rest of what might be misread: ask both readers
            return not _misread(text, flow)
    return True


def _misread(text: str, flow: bool) -> bool:
    """Whether PyYAML (YAML 1.1, what `check` reads with) or yaml-rs (YAML 1.2, its fast path)
    would read the plain text as anything but itself."""
    import yaml
    import yaml_rs

    document = f"k: [{text}]" if flow else f"k: {text}"
    try:
        values = [yaml.safe_load(document)["k"], yaml_rs.loads(document, parse_datetime=False)["k"]]
    except Exception:  # noqa: BLE001 - anything a reader chokes on is quoted
        return True
    return any((value[0] if flow and isinstance(value, list) and len(value) == 1 else value) != text for value in values)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(text: str) -> str:
    """A double-quoted YAML scalar: every character that is not plainly printable escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _UNPRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return format(value, "f").rstrip("0").rstrip(".") if "e" in text else text
    text = str(value)
    return text if plain_ok(text, flow) else quoted(text)


def block_ok(text: str) -> bool:
    return "\n" in text and "\t" not in text and "\r" not in text and not _UNPRINTABLE.search(text)


def _block(head: str, text: str, indent: str) -> list[str]:
    """`key: |` and the text's lines indented under it (text of line breaks only has no block form:
    YAML reads an empty block as "", so it is written quoted)."""
    if not text.strip("\n"):
        return [f"{head} {json.dumps(text, ensure_ascii=False)}"]
    chomp = "-" if not text.endswith("\n") else "+" if text.endswith("\n\n") else ""
    lines = text.removesuffix("\n").split("\n") if chomp != "+" else text[:-1].split("\n")
    marker = "|2" if lines[0].startswith(" ") else "|"
    return [f"{head} {marker}{chomp}"] + [f"{indent}  {line}" if line else "" for line in lines]


@lru_cache(maxsize=None)
def _schema_order(type_name: str, path: tuple) -> tuple[str, ...]:
    return tuple(schema_at(type_name, path).get("properties", {}))


def _order(type_name: str, path: tuple, data: dict) -> list[str]:
    known = _schema_order(type_name, path)
    keys = [k for k in known if k in data]
    return keys if len(keys) == len(data) else keys + [k for k in data if k not in known]


def _flow_map(type_name: str, path: tuple, data: dict) -> str | None:
    parts = []
    for key in _order(type_name, path, data):
        value = data[key]
        if isinstance(value, (dict, list)) or (isinstance(value, str) and "\n" in value):
            return None
        parts.append(f"{key}: {scalar(value, flow=True)}")
    return "{" + ", ".join(parts) + "}"


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


def _mapping(type_name: str, path: tuple, data: dict, indent: str, lines: list[str]) -> None:
    for key in _order(type_name, path, data):
        value = data[key]
        if _empty(value):
            continue
        head = f"{indent}{key}:"
        here = path + (key,)
        if isinstance(value, dict):
            flow = _flow_map(type_name, here, value)
            if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
                lines.append(f"{head} {flow}")
            else:
                lines.append(head)
                _mapping(type_name, here, value, indent + "  ", lines)
        elif isinstance(value, list):
            if all(not isinstance(item, (dict, list)) and not (isinstance(item, str) and "\n" in item) for item in value):
                lines.append(f"{head} [{', '.join(scalar(item, flow=True) for item in value)}]")
                continue
            lines.append(head)
            for item in value:
                flow = _flow_map(type_name, here + (0,), item) if isinstance(item, dict) else None
                if flow is not None:
                    lines.append(f"{indent}  - {flow}")
                elif isinstance(item, dict):
                    inner: list[str] = []
                    _mapping(type_name, here + (0,), item, indent + "    ", inner)
                    lines.append(f"{indent}  - {inner[0].lstrip()}" if inner else f"{indent}  - {{}}")
                    lines.extend(inner[1:])
                elif isinstance(item, str) and block_ok(item):
                    lines.extend(_block(f"{indent}  -", item, indent + "  "))
                else:
                    lines.append(f"{indent}  - {scalar(item)}")
        elif isinstance(value, str) and block_ok(value):
            lines.extend(_block(head, value, indent))
        else:
            lines.append(f"{head} {scalar(value)}")


def record_yaml(type_name: str, data: dict, comment: str = "") -> str:
    """The text of a new record file."""
    lines = [f"# {line}" for line in comment.splitlines()]
    _mapping(type_name, (), data, "", lines)
    return "\n".join(lines) + "\n"
