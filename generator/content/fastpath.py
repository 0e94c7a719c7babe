"""The fast path of `check`, for the files that are right (nearly all of them, on most days).

A valid record is read with yaml-rs (a compiled YAML parser, several times faster than PyYAML's)
and validated with jsonschema-rs, then goes through the same rules as every record (dates,
taxonomy, images, bodies, per-type rules, the private-number scan: validate.check_loaded). The
moment anything is not plainly right, the fast path gives up and returns None, and the file goes
through the careful path (loader.load_yaml + jsonschema), which finds the line, the column and
the Chinese words for every problem. So the fast path only ever says "this file is fine".

It may only say so where the careful path would: PyYAML reads YAML 1.1 and yaml-rs YAML 1.2, and
the two disagree about a few plain scalars (017 is 15 or 17; 0x1F is 31 in both, but an editor's
number only in neither; 1e3 is text or 1000; yes is true
or text; anchors, tags, tabs, odd line breaks). Every file with such a thing goes the careful way
(_guarded), as does any value the careful path would treat differently (a non-text key, a value in
curly quotes, a field name before a full-width colon). tests/test_fastpath.py checks on the
sample content, the editor-mistake corpus and generated files that both paths agree.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import files
from .loader import _NBSP_AS_SYNTAX, MAX_BYTES, Loaded, display_path
from .schemas import fast_validator, normalise_numbers

try:
    import yaml_rs
except ImportError:  # pragma: no cover - then every file takes the careful path
    yaml_rs = None

# control characters and the YAML 1.1 line breaks (tabs and merge keys are looked for apart:
# a plain character class is scanned much faster than an alternation)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# numbers the two YAML versions read differently (or both unlike an editor), as a whole value: 017, 08, 0o17, 0x1F, 1e3, .5e3
_NUMBER = re.compile(
    r"[ ]*[-+]?(?:0[0-9_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+|\.[0-9_]+[eE][-+]?[0-9]+)"
    r"[ ]*(?:#[^\n]*)?(?:\n|$|[,\]}])"
)
_EXPONENT = re.compile(r"[0-9.][eE][-+]?[0-9]")
_VALUE_START = re.compile(r"(?:: |- |[\[{,])[ ]*")
# Without an exponent in the file, only a value starting with a zero (or a sign, or a dot) can be risky.
_ZERO_START = re.compile(r"(?:: |- |[\[{,])[ ]*(?=[-+.0])")


def _marks(text: str) -> bool:
    """An anchor (&a), alias (*a) or tag (!x) where YAML would read one: after a space, a line
    start or a flow bracket, followed by a name. (Markdown's **bold** is not one.)"""
    for mark in "&*!":
        at = text.find(mark)
        while at >= 0:
            before = text[at - 1] if at else "\n"
            after = text[at + 1 : at + 2]
            if before in " \n[{," and after and after not in " \n*&":
                return True
            at = text.find(mark, at + 1)
    return False


# digits with underscores (yaml-rs reads 1_0 as 10, anywhere; an editor means at most 1_000)
_UNDERSCORED = re.compile(r"(?:: |- |[\[{,])[ ]*[-+]?[0-9][0-9_]*_[0-9_.]*[ ]*(?:#[^\n]*)?(?:\n|$|[,\]}])")


def _risky_number(text: str) -> bool:
    """A whole value 017, 08, 0o17, 0x1F, 0b11, 1e3, .5e3 or 1_000 (a value starts after `: `, `- `, `[`, `{` or `,`)."""
    if "_" in text and _UNDERSCORED.search(text):
        return True
    starts = _VALUE_START if _EXPONENT.search(text) else _ZERO_START  # exponents are rare: look widely only then
    return any(_NUMBER.match(text, start.end()) for start in starts.finditer(text))


def _guarded(text: str) -> bool:
    """Whether the file holds anything the two YAML readers could read differently."""
    return bool(
        "\t" in text
        or "<<" in text
        or _CONTROLS.search(text)
        or text.startswith(("---", "...", "%"))
        or "\n---" in text
        or "\n..." in text
        or "\n%" in text
        or _marks(text)
        or _risky_number(text)
        or ("\u00a0" in text and _NBSP_AS_SYNTAX.search(text) is not None)
    )


_CURLY = "“”‘’＂＇"
_FULL_WIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s+)?[a-z][a-z0-9_]*\s*：")


class _NotPlain(Exception):
    pass


def _text(value: str) -> str:
    stripped = value.strip()
    if stripped[:1] in _CURLY and stripped[-1:] in _CURLY or "：" in value and _FULL_WIDTH_COLON_KEY.match(value):
        raise _NotPlain
    return value if stripped or not value else ""


def _prepare(data: Any) -> Any:
    """In one pass: refuse what the careful path would read differently (see the module's note:
    a non-text key, a value in curly quotes or after a field name and a full-width colon), drop
    empty fields and treat text of only spaces as empty, as schemas.validate_against_schema does.
    (Text, the commonest value, is handled in the loop: a call per value costs.)"""
    if data.__class__ is dict:
        for key, value in list(data.items()):
            if key.__class__ is not str or key[:1] in ("\u3000", " "):
                raise _NotPlain
            kind = value.__class__
            if kind is str:
                data[key] = _text(value)
            elif value is None:
                del data[key]
            elif kind is dict or kind is list:
                if _prepare(value) == {}:
                    del data[key]
        return data
    if data.__class__ is list:
        for index, item in enumerate(data):
            kind = item.__class__
            if kind is str:
                data[index] = _text(item)
            elif kind is dict or kind is list:
                _prepare(item)
        return data
    return data


def fast_load(path: Path, type_name: str, raw: bytes | None = None) -> Loaded | None:
    """The file's data, normalised and valid against its type's schema, or None (take the careful path)."""
    if yaml_rs is None:
        return None
    try:
        raw = files.read_bytes(path, MAX_BYTES) if raw is None else raw
        if len(raw) > MAX_BYTES:
            return None
        text = raw.decode("utf-8-sig")
        if _guarded(text) or files.nesting_too_deep(text):  # yaml-rs overflows its stack on deep block lists
            return None
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (files.Refused, OSError, UnicodeDecodeError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    try:
        _prepare(data)
    except _NotPlain:
        return None
    normalise_numbers(type_name, data)
    if not fast_validator(type_name).is_valid(data):
        return None
    return Loaded(display_path(path), data)
