"""The JSON Schemas: validation of records with every error turned into a Chinese Problem, the
sub-schema of any field, and the per-field annotations (x-taxonomy, x-ref, x-format, x-privacy)
the rest of the generator derives its tables from."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .loader import Loaded
from .problems import Problem
from .values import as_number, invisible_note, without_invisible

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_TYPE_NAMES = {
    "string": "一段文字",
    "integer": "整数（阿拉伯数字，如 80）",
    "number": "数字（阿拉伯数字，如 12.5）",
    "boolean": "true 或 false",
    "array": "列表（每项单独一行，以“- ”开头）",
    "object": "一组子字段（下一行缩进两个空格再写）",
    "null": "空",
}


# The start of the message for a required field that is not there (the spreadsheet import words it
# for a cell left empty instead of a line left out).
MISSING_REQUIRED = "缺少这个必填字段。"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _resolve(node: dict, base: str) -> dict:
    """Follow $ref (within this project's schemas: `_common.json#/$defs/x`, `#/$defs/x`) until a
    schema with content is reached; the referring node's own keywords win (title, description)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 10:
        ref = node["$ref"]
        doc, _, pointer = ref.partition("#")
        doc = doc or base
        target: Any = load_schema(doc.removesuffix(".json"))
        for part in [p for p in pointer.split("/") if p]:
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node, base, seen = merged, doc, seen + 1
    return node


@lru_cache(maxsize=None)
def bundled(name: str) -> dict:
    """The schema with every $ref inlined: one self-contained document, which both validators
    check several times faster than one that refers to _common.json."""

    def inline(node: Any, base: str) -> Any:
        if isinstance(node, list):
            return [inline(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            doc = node["$ref"].partition("#")[0] or base
            node = _resolve(node, base)
            base = doc
        return {key: inline(value, base) for key, value in node.items() if key not in ("$defs", "$id")}

    return inline(load_schema(name), f"{name}.json")


@lru_cache(maxsize=None)
def _validator(name: str):
    """The validator that explains (errors in detail, for the Chinese messages)."""
    from jsonschema import Draft202012Validator  # only needed when something is wrong

    return Draft202012Validator(bundled(name))


@lru_cache(maxsize=None)
def fast_validator(name: str):
    """A compiled validator (jsonschema-rs) that only says valid or not: the fast path of `check`."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(bundled(name))


def schema_at(name: str, path: tuple) -> dict:
    """The (merged) sub-schema describing the value at path, or {} if none does."""
    # Every item of a list has the same schema: index 0 stands for all, which keeps the cache small.
    return _schema_at(name, tuple(0 if isinstance(part, int) else part for part in path))


@lru_cache(maxsize=4096)
def _schema_at(name: str, path: tuple) -> dict:
    base = f"{name}.json"
    node = _resolve(load_schema(name), base)
    for part in path:
        if isinstance(part, int):
            items = node.get("items")
            if items is None and "anyOf" in node:
                items = next((a.get("items") for a in node["anyOf"] if "items" in a), None)
            node = items or {}
        else:
            node = node.get("properties", {}).get(part, {})
        node = _resolve(node, base)
    return node


@lru_cache(maxsize=None)
def annotated(name: str, keyword: str) -> tuple[tuple[tuple, Any], ...]:
    """(path pattern, value) of every field of schema name carrying keyword, "*" for list items:
    annotated(name, "x-taxonomy") of the firms' schema -> ((("district",), "districts"), (("modes",), "modes"), …)."""
    found: list[tuple[tuple, Any]] = []

    def visit(node: dict, path: tuple, depth: int) -> None:
        if depth > 8:  # the schemas are shallow; this only guards against a recursive $ref
            return
        node = _resolve(node, f"{name}.json")
        if keyword in node:
            found.append((path, node[keyword]))
        for key, child in (node.get("properties") or {}).items():
            visit(child, path + (key,), depth + 1)
        items = node.get("items")
        if isinstance(items, dict):
            visit(items, path + ("*",), depth + 1)
        for option in node.get("anyOf") or []:
            if option.get("type") == "array" and isinstance(option.get("items"), dict):
                visit(option["items"], path + ("*",), depth + 1)

    visit(load_schema(name), (), 0)
    return tuple(found)


def field_label(name: str, path: tuple) -> str:
    """`shops 第 1 项 url（店铺网址）`: the field as an editor finds it in the file, with its title."""
    if not path:
        return ""
    words = []
    for part in path:
        words.append(f"第 {part + 1} 项" if isinstance(part, int) else str(part))
    title = schema_at(name, path).get("title")
    if isinstance(path[-1], int):
        title = title or schema_at(name, path[:-1]).get("title")
    label = " ".join(words)
    return f"{label}（{title}）" if title else label


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "空"
    if isinstance(value, (dict, list)):
        return "一组内容" if isinstance(value, dict) else "一个列表"
    text = str(value)
    return f"“{text[:30]}{'…' if len(text) > 30 else ''}”"


def _messages(name: str, error) -> Iterator[tuple[tuple, str]]:
    """(path, message) pairs for one jsonschema error."""
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        title = schema_at(name, path + (missing,)).get("title", "")
        yield path + (missing,), f"{MISSING_REQUIRED}请加上一行“{missing}: …”"
    elif kind == "additionalProperties":
        allowed = sorted(schema_at(name, path).get("properties", {}))
        for extra in sorted(set(error.instance) - set(allowed), key=str):
            close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
            if close:
                title = schema_at(name, path + (close[0],)).get("title", "")
                hint = f"你是不是要写“{close[0]}”（{title}）？"
            else:
                hint = f"可以用的字段有：{'、'.join(allowed)}"
            yield path + (extra,), f"没有“{extra}”这个字段。{hint}"
    elif kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        yield path, f"应该是{_TYPE_NAMES.get(expected, expected)}，现在写的是{_describe(error.instance)}"
    elif kind == "minLength":
        parent = schema_at(name, path[:-1]) if path else {}
        if path and path[-1] in parent.get("required", []):
            yield path, "这是必填项，不能为空或只有空格，请填写内容"
        else:
            yield path, "不能为空或只有空格，请填写内容或删除这一行"
    elif kind == "maxLength":
        yield path, f"太长了：{len(error.instance)} 个字，最多 {error.validator_value} 个字"
    elif kind == "minItems":
        yield path, f"至少要写 {error.validator_value} 项"
    elif kind in ("minimum", "exclusiveMinimum"):
        yield path, f"不能小于 {error.validator_value}，现在写的是 {error.instance}"
    elif kind in ("maximum", "exclusiveMaximum"):
        yield path, f"不能大于 {error.validator_value}，现在写的是 {error.instance}"
    elif kind in ("pattern", "enum") and invisible_note(error.instance):
        yield path, f"“{without_invisible(str(error.instance))}”{invisible_note(error.instance)}"
    elif kind == "pattern":
        hint = schema_at(name, path).get("x-hint") or "格式不对"
        yield path, f"{hint}，现在写的是{_describe(error.instance)}"
    elif kind == "enum":
        hint = schema_at(name, path).get("x-hint") or f"只能是：{'、'.join(map(str, error.validator_value))}"
        yield path, f"{hint}，现在写的是{_describe(error.instance)}"
    elif kind == "anyOf":
        yield path, f"写法不对：{schema_at(name, path).get('description', '请检查格式')}，现在写的是{_describe(error.instance)}"
    else:  # pragma: no cover - a keyword the schemas do not use yet
        yield path, f"内容不符合要求（{error.message}）"


def _wants_text(node: dict) -> bool:
    return node.get("type") == "string" or any(a.get("type") == "string" for a in node.get("anyOf", []))


def _wants_number(node: dict) -> bool:
    return node.get("type") in ("integer", "number")


def coerce_typed_text(name: str, loaded: Loaded) -> None:
    """Turn numbers YAML guessed back into the text typed, where the schema asks for text; and
    where it asks for a number, read the text typed as an editor means it (normalise_numbers):
    YAML 1.1 reads `017` as 15, `0x1F` as 31 and `1:20` as 80; an editor means 17 or no number."""
    for path, text in loaded.typed_text.items():
        if not path:
            continue
        node = schema_at(name, path)
        if not _wants_text(node) and not _wants_number(node):
            continue
        parent = loaded.data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if not isinstance(parent[path[-1]], str):
                parent[path[-1]] = text
        except (KeyError, IndexError, TypeError):
            continue


@lru_cache(maxsize=None)
def number_fields(name: str) -> tuple[tuple, ...]:
    """Path patterns of the fields whose values are numbers ("*" for list items)."""
    found = []

    def visit(node: dict, path: tuple, depth: int) -> None:
        node = _resolve(node, f"{name}.json")
        if node.get("type") in ("integer", "number"):
            found.append(path)
        for key, child in (node.get("properties") or {}).items() if depth < 8 else ():
            visit(child, path + (key,), depth + 1)
        if isinstance(node.get("items"), dict) and depth < 8:
            visit(node["items"], path + ("*",), depth + 1)

    visit(load_schema(name), (), 0)
    return tuple(found)


def _blank_to_empty(data: Any) -> None:
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            if value and not value.strip():
                data[key] = ""
        elif isinstance(value, (dict, list)):
            _blank_to_empty(value)


def normalise_values(name: str, data: Any) -> None:
    """Before validation: text of only spaces counts as empty (never an empty heading), and numbers
    written as text or with a needless `.0` become numbers where the schema wants a number."""
    _blank_to_empty(data)
    normalise_numbers(name, data)


def normalise_numbers(name: str, data: Any) -> None:
    from .fieldpaths import set_at, walk

    for pattern in number_fields(name):
        for path, value in list(walk(data, pattern)):
            if isinstance(value, (str, float)) and path and len(path) >= len(pattern):
                set_at(data, path, as_number(value))


def drop_empty_fields(data) -> None:
    """`registration:` with nothing after it means "not filled in", as an editor expects; so does
    a group whose every sub-field is empty (`contact:` with `phone:` and `address:` left blank)."""
    if isinstance(data, dict):
        for value in data.values():
            drop_empty_fields(value)
        for key in [k for k, v in data.items() if v is None or v == {}]:
            del data[key]
    elif isinstance(data, list):
        for value in data:
            drop_empty_fields(value)


def validate_against_schema(name: str, loaded: Loaded) -> list[Problem]:
    drop_empty_fields(loaded.data)
    coerce_typed_text(name, loaded)
    normalise_values(name, loaded.data)
    problems = []
    for error in _validator(name).iter_errors(loaded.data):
        for path, message in _messages(name, error):
            line, column = loaded.where(path)
            problems.append(Problem(loaded.file, line, column, field_label(name, path), message))
    return problems
