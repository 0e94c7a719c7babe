"""Change some fields of an existing record file and nothing else: its comments, the order of its
fields, their quotes and flow or block style stay as the editor left them (ruamel.yaml's round
trip). A changed field keeps its place; a field the file did not have goes where the schema's
order puts it; a field the sheet empties (a cell saying 删除) is removed, and a group left empty
with it. New
values are written as generator.sheets.yamltext writes them (lists on one line, sub-records one
per line, bodies as blocks, quotes where a reader could misread the text).
"""

from __future__ import annotations

import io
from typing import Any

from ..content.schemas import schema_at
from .yamltext import block_ok, plain_ok


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order, quotes and styles are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line of Chinese
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _node(value: Any, flow_items: bool = True) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, str):
        if block_ok(value):
            return LiteralScalarString(value if value.endswith("\n") else value + "\n")
        return value if plain_ok(value, flow=False) else DoubleQuotedScalarString(value)
    if isinstance(value, list):
        seq = CommentedSeq(_node(item) for item in value)
        if all(not isinstance(item, (dict, list)) for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        mapping = CommentedMap((key, _node(item)) for key, item in value.items())
        if flow_items and all(
            not isinstance(item, (dict, list)) and not (isinstance(item, str) and "\n" in item) for item in value.values()
        ):
            mapping.fa.set_flow_style()
        return mapping
    return value


def _ordered(type_name: str, path: tuple, value: Any) -> Any:
    """Sub-records' and groups' fields in the schema's order."""
    if isinstance(value, dict):
        known = list(schema_at(type_name, path).get("properties", {}))
        keys = [k for k in known if k in value] + [k for k in value if k not in known]
        return {key: _ordered(type_name, path + (key,), value[key]) for key in keys}
    if isinstance(value, list):
        return [_ordered(type_name, path + (0,), item) for item in value]
    return value


def _place(type_name: str, path: tuple, mapping, key: str) -> int:
    """Where a new field goes: after the last field the schema puts before it."""
    order = list(schema_at(type_name, path).get("properties", {}))
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    return position


def _put(type_name: str, doc, path: tuple, value: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    mapping = doc
    for depth, key in enumerate(path[:-1]):
        if not isinstance(mapping.get(key), dict):
            group = CommentedMap()
            if key in mapping:
                mapping[key] = group
            else:
                mapping.insert(_place(type_name, path[:depth], mapping, key), key, group)
        mapping = mapping[key]
    key = path[-1]
    node = _node(_ordered(type_name, path, value))
    if key in mapping:
        mapping[key] = node
    else:
        mapping.insert(_place(type_name, path[:-1], mapping, key), key, node)


def _remove(doc, path: tuple) -> None:
    chain = [doc]
    for key in path[:-1]:
        if not isinstance(chain[-1].get(key), dict):
            return
        chain.append(chain[-1][key])
    chain[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):  # a group left empty goes too
        if not chain[depth]:
            chain[depth - 1].pop(path[depth - 1], None)


def updated_text(text: str, type_name: str, changes: list[tuple[tuple[str, ...], Any]]) -> str:
    """The file's text with each (field path, value) set; a value of None removes the field."""
    yaml = _yaml()
    doc = yaml.load(text)
    for path, value in changes:
        if value is None or value == []:
            _remove(doc, path)
        else:
            _put(type_name, doc, path, value)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()
