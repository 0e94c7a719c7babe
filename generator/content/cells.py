"""One field of a record as the text of a spreadsheet cell, and its column heading: the open-data
CSV writes records this way and the spreadsheet import reads them back, so a published list can be
fixed in Excel and brought back unchanged.

- a list of plain values: joined with "；" (the import also splits on 、 ; ， and line breaks);
- a list of sub-records (recognitions, shops, figures …): one per line, sub-fields in the schema's
  order separated by "｜", with the order in the heading: 荣誉认定（认定名称｜认定级别｜认定年份｜批次）;
- a field of a group (contact.phone): its own column, headed by its own title (办公电话);
- taxonomy values by name, dates as 2026-12-05, times as 2026-12-05 09:00 (Beijing), true/false as 是/否.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .fieldpaths import dotted
from .schemas import schema_at
from .taxonomy import Entry

# Columns of a published list beside the fields: the record's id (the import reads it back) and
# its page, and the facts nobody types (a type's `derived` in the registry), published and never imported.
ID_COLUMN, PAGE_COLUMN = "编号", "网址"

LIST_SEPARATOR = "；"
ITEM_SEPARATOR = "\n"
PART_SEPARATOR = "｜"

# A published cell that a spreadsheet would run as a formula (OWASP, CSV injection) is written
# with a ' in front; the import takes it off again, so the list still comes back unchanged.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def formula_safe(text: str) -> str:
    return FORMULA_GUARD + text if text.startswith(FORMULA_STARTS) else text


def formula_unguarded(text: str) -> str:
    """A cell as published by formula_safe, back as the text it was."""
    return text[1:] if text.startswith(FORMULA_GUARD) and text[1:].startswith(FORMULA_STARTS) else text


def _is_record_list(node: dict) -> bool:
    return node.get("type") == "array" and (node.get("items") or {}).get("type") == "object"


def sub_fields(type_name: str, field: str) -> list[str]:
    """The sub-fields of a list of sub-records, in the order a cell lists them."""
    path = dotted(field)
    return list(schema_at(type_name, path + (0,)).get("properties", {}))


def heading(type_name: str, field: str) -> str:
    """The column heading: the field's Chinese title (with the parts of a list of sub-records)."""
    path = dotted(field)
    node = schema_at(type_name, path)
    title = node.get("title") or path[-1]
    if _is_record_list(node):
        parts = [schema_at(type_name, path + (0, name)).get("title", name) for name in sub_fields(type_name, field)]
        return f"{title}（{PART_SEPARATOR.join(parts)}）"
    return title


def scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Entry):
        return value.name
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_text(type_name: str, field: str, value: Any) -> str:
    """The cell for one field's value (the value as the record holds it, after checking)."""
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            names = sub_fields(type_name, field)
            lines = []
            for item in value:
                parts = [scalar_text(item.get(name)) for name in names]
                while parts and not parts[-1]:
                    parts.pop()
                lines.append(PART_SEPARATOR.join(parts))
            return ITEM_SEPARATOR.join(lines)
        return LIST_SEPARATOR.join(scalar_text(v) for v in value)
    return scalar_text(value)


def field_value(fields: dict, field: str) -> Any:
    """The value of a dotted field in a record's fields, or None."""
    value: Any = fields
    for part in dotted(field):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
