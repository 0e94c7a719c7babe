"""The columns of a record type's sheet, all derived from its JSON Schema, and a sheet's header row
matched to them.

A field is a column: a field of a group (contact.phone) has a column of its own; a list of plain
values (modes) is one column; a list of sub-records (recognitions) is one column whose cell holds
one sub-record per line, its parts separated by ｜ (generator.content.cells, which writes the
open-data CSV, decides that layout). A header is the field's Chinese title, its heading as the
open-data CSV writes it (荣誉认定（认定名称｜认定级别｜认定年份｜批次）, whose parts may come in any
order) or its dotted name. `编号` holds the record's id; `网址` and the columns the open-data CSV
derives (a class's 状态 and 日历文件) are read past.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..content.cells import ID_COLUMN, PAGE_COLUMN, PART_SEPARATOR, sub_fields
from ..content.cells import heading as cell_heading
from ..content.registry import BY_NAME
from ..content.schemas import schema_at
from .problems import SheetProblem, column_letter

HEADER_ROWS = 10  # the header is looked for in this many rows (a title row may come first)


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]  # ("contact", "phone"); for a part of a sub-record, its path in the item
    title: str  # 办公电话
    heading: str  # the open-data CSV's heading: the title, with the parts of a list of sub-records
    kind: str  # text | integer | number | boolean | list | records
    required: bool  # required in a record (and every group it is in is required)
    taxonomy: str | None = None  # the controlled list values come from (x-taxonomy)
    format: str | None = None  # x-format: date, datetime, markdown, image-path …
    description: str = ""
    example: Any = None
    item_kind: str = "text"  # the kind of a list's items
    parts: tuple["Column", ...] = ()  # the sub-fields of a list of sub-records, in the schema's order
    ref: str | None = None  # the record type an id points at (x-ref)
    hint: str = ""  # the schema's x-hint: how to write it
    max_length: int | None = None
    headings: tuple[str, ...] = ()  # x-headings: what district bureaus' own sheets call this field

    @property
    def name(self) -> str:
        return ".".join(self.path)


def _kind(node: dict) -> str:
    kind = node.get("type")
    if kind in ("integer", "number", "boolean"):
        return kind
    if kind == "array" or any(option.get("type") == "array" for option in node.get("anyOf", [])):
        return "list"
    return "text"


def _column(type_name: str, path: tuple, required: bool, in_item: tuple | None = None) -> Column:
    """The column of the field at path; in_item is a sub-record part's own path (("level",))."""
    node = schema_at(type_name, path)
    kind = _kind(node)
    items = schema_at(type_name, path + (0,)) if kind == "list" else {}
    parts: tuple[Column, ...] = ()
    if items.get("type") == "object":
        kind = "records"
        needed = set(items.get("required", []))
        parts = tuple(_column(type_name, path + (0, sub), sub in needed, (sub,)) for sub in sub_fields(type_name, ".".join(path)))
    title = node.get("title") or str(path[-1])
    examples = node.get("examples") or items.get("examples") or [None]
    return Column(
        path=in_item or path,
        title=title,
        heading=title if in_item else cell_heading(type_name, ".".join(path)),
        kind=kind,
        required=required,
        taxonomy=node.get("x-taxonomy") or items.get("x-taxonomy"),
        format=node.get("x-format") or items.get("x-format"),
        description=node.get("description", ""),
        example=examples[0],
        item_kind=_kind(items) if kind == "list" else "text",
        parts=parts,
        ref=node.get("x-ref") or items.get("x-ref"),
        hint=node.get("x-hint") or items.get("x-hint", ""),
        max_length=node.get("maxLength"),
        headings=tuple(node.get("x-headings", ())),
    )


@lru_cache(maxsize=None)
def columns(type_name: str) -> tuple[Column, ...]:
    """Every column a record of this type can have, in the schema's order."""
    found: list[Column] = []

    def visit(path: tuple, node: dict, required: bool, group_format: str | None) -> None:
        needed = set(node.get("required", []))
        for key in node.get("properties", {}):
            child = schema_at(type_name, path + (key,))
            if child.get("type") == "object":  # a group (contact, person, person.photo): its fields
                visit(path + (key,), child, required and key in needed, child.get("x-format") or group_format)
            else:
                column = _column(type_name, path + (key,), required and key in needed)
                if group_format and not column.format:  # a part of a group such as a picture (person.photo.src)
                    column = replace(column, format=group_format)
                found.append(column)

    visit((), schema_at(type_name, ()), True, None)
    return tuple(found)


@lru_cache(maxsize=None)
def groups(type_name: str) -> dict[str, tuple[Column, ...]]:
    """A group's title and name (联系方式, contact) -> its columns: a header naming a group is
    answered with the columns to use instead."""
    found: dict[str, list[Column]] = {}
    for column in columns(type_name):
        for depth in range(1, len(column.path)):
            node = schema_at(type_name, column.path[:depth])
            for key in (node.get("title"), ".".join(column.path[:depth])):
                if key:
                    found.setdefault(normal(key), []).append(column)
    return {key: tuple(value) for key, value in found.items()}


# A header as typed: spaces anywhere, half- or full-width brackets and bars, a * or （必填） marking.
_SPACE = re.compile(r"[\s\u3000]+")
_WIDE = str.maketrans({"(": "（", ")": "）", "|": PART_SEPARATOR, "*": "", "＊": ""})
_MARKS = re.compile(r"（(?:必填|选填)）$")


def normal(text: Any) -> str:
    return _MARKS.sub("", _SPACE.sub("", str(text)).translate(_WIDE)).casefold()


@lru_cache(maxsize=None)
def _keys(type_name: str) -> dict[str, list[Column]]:
    keys: dict[str, list[Column]] = {}
    for column in columns(type_name):
        for key in {normal(column.name), normal(column.title), normal(column.heading), *map(normal, column.headings)}:
            if column not in keys.setdefault(key, []):
                keys[key].append(column)
    return keys


@dataclass(frozen=True)
class PartOf:
    """A header naming one part of a list of sub-records (店铺名称, 网店平台: parts of 网店): the
    columns naming parts of one field are read together, line by line, as that field's cell."""

    column: Column
    part: Column


@lru_cache(maxsize=None)
def _part_keys(type_name: str) -> dict[str, PartOf]:
    return {normal(h): PartOf(column, part) for column in columns(type_name) for part in column.parts for h in part.headings}


# Columns of district lists that are no field: a row number, remarks. Read past with a line saying so.
SKIPPED_HEADINGS = frozenset({"序号", "序", "no", "no.", "备注", "备注说明", "说明"})
# A row of sums under the list (its first filled cell): not a record.
TOTAL_WORDS = ("合计", "总计", "小计")


def is_total_row(cells: list) -> bool:
    first = next((normal(cell) for cell in cells if cell is not None and str(cell).strip()), "")
    return first.startswith(TOTAL_WORDS)


@lru_cache(maxsize=None)
def read_past(type_name: str) -> frozenset[str]:
    """Headers of the open-data CSV that are not fields: the page URL and derived facts."""
    return frozenset(normal(h) for h in (PAGE_COLUMN, *(derived.title for derived in BY_NAME[type_name].derived)))


ID_KEYS = frozenset({normal(ID_COLUMN), "id"})


@dataclass
class Field:
    """A column of the sheet that holds a field."""

    index: int  # 0-based
    heading: str  # as written in the sheet
    column: Column
    parts: tuple[Column, ...] = ()  # for a list of sub-records: the parts in the order the header gives
    joined: tuple[int, ...] = ()  # the columns of a sub-record's parts read together (their index; index is the first)

    @property
    def letters(self) -> str:
        return "、".join(column_letter(i) for i in self.joined or (self.index,))


@dataclass
class Layout:
    type_name: str
    header_row: int  # 1-based, as the spreadsheet numbers it
    headings: list[str]
    fields: list[Field] = field(default_factory=list)
    id_index: int | None = None
    problems: list[SheetProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # columns read past, said so

    def mapping(self) -> list[str]:
        """Which heading became which field, as `--dry-run` prints it."""
        lines = (
            [f"  {column_letter(self.id_index)} 列“{self.headings[self.id_index]}” → 编号（文件名）"]
            if self.id_index is not None
            else []
        )
        for found in self.fields:
            lines.append(f"  {found.letters} 列“{found.heading}” → {found.column.name}（{found.column.title}）")
        return lines

    def missing_required(self) -> list[Column]:
        """Required fields the sheet has no column for (new records cannot be made without them)."""
        present = {f.column.path for f in self.fields}
        return [c for c in columns(self.type_name) if c.required and c.path not in present]


def _parts_in_header(column: Column, text: str) -> tuple[Column, ...] | str:
    """The parts named in a header like 荣誉认定（认定级别｜认定名称）, or a message why not."""
    inner = text[len(normal(column.title)) + 1 : -1]
    by_key = {normal(key): part for part in column.parts for key in (part.title, part.name)}
    parts = []
    for word in inner.split(PART_SEPARATOR):
        part = by_key.get(word)
        if part is None or part in parts:
            names = PART_SEPARATOR.join(p.title for p in column.parts)
            what = f"“{word}”不是{column.title}的一部分" if part is None else f"“{word}”写了两次"
            return f"表头里{what}。{column.title}的各部分是：{names}"
        parts.append(part)
    return tuple(parts)


def match(type_name: str, text: str) -> Column | tuple[Column, tuple[Column, ...]] | PartOf | str | None:
    """What a header names: a column (with its parts for a list of sub-records), "id", "skip",
    a message (a header that cannot be used), or None (not a field at all)."""
    key = normal(text)
    if key in ID_KEYS:
        return "id"
    found = _keys(type_name).get(key)
    if found and len(found) > 1:
        return "表头“{}”可以指几个字段：{}。请改写成字段名".format(text, "、".join(c.name for c in found))
    if found:
        return found[0]
    if key in read_past(type_name):
        return "skip"
    if key in _part_keys(type_name):
        return _part_keys(type_name)[key]
    for column in columns(type_name):
        title = normal(column.title)
        if column.parts and key.startswith(title + "（") and key.endswith("）"):
            parts = _parts_in_header(column, key)
            return parts if isinstance(parts, str) else (column, parts)
    return None


def _unknown(type_name: str, text: str) -> str:
    group = groups(type_name).get(normal(text))
    if group:
        names = "、".join(f"{c.title}（{c.name}）" for c in group)
        return f"“{text}”包含几项内容，每项要单独一列：{names}"
    titles = {normal(c.title): c for c in columns(type_name)} | {normal(c.name): c for c in columns(type_name)}
    close = difflib.get_close_matches(normal(text), list(titles), n=1, cutoff=0.5)
    hint = (
        f"你是不是要写“{titles[close[0]].title}”？"
        if close
        else f"请删去这一列，或把表头改成字段的中文名（python -m generator template {type_name} 模板.xlsx 生成的模板里有全部的列）"
    )
    return f"没有“{text}”这个字段，这一列不能导入。{hint}"


def _score(type_name: str, cells: list) -> int:
    return sum(1 for cell in cells if str(cell).strip() and match(type_name, str(cell)) is not None)


def likelier_type(type_name: str, headings: list[str]) -> str | None:
    """Another record type whose fields the header names more of (a sheet imported with the wrong
    --type), or None."""

    def fields(name: str) -> int:
        return sum(1 for text in headings if text and isinstance(match(name, text), (Column, tuple)))

    mine, best = fields(type_name), None
    for other in BY_NAME:
        if other != type_name and fields(other) > max(mine, fields(best) if best else 0):
            best = other
    return best


def find_layout(file: str, type_name: str, rows: list[list]) -> Layout:
    """The header row (the first of the first rows naming the most fields) matched to columns."""
    scores = [_score(type_name, row) for row in rows[:HEADER_ROWS]]
    if not scores or max(scores) == 0:
        example = "、".join(c.title for c in columns(type_name) if c.required)
        layout = Layout(type_name, 1, [])
        layout.problems.append(
            SheetProblem(
                file,
                0,
                -1,
                "",
                (
                    f"找不到表头：前 {HEADER_ROWS} 行里没有一行写着{BY_NAME[type_name].title}的字段名（如 {example}）。"
                    f"请检查 --type 是否选对，或用 python -m generator template {type_name} 模板.xlsx 生成的模板填写"
                ),
            )
        )
        return layout
    at = scores.index(max(scores))
    headings = [str(cell).strip() if cell is not None else "" for cell in rows[at]]
    layout = Layout(type_name, at + 1, headings)
    seen: dict[tuple, int] = {}
    parted: dict[tuple, list[tuple[int, str, PartOf]]] = {}
    for index, text in enumerate(headings):

        def problem(message: str) -> None:
            layout.problems.append(SheetProblem(file, at + 1, index, text, message))

        if not text:
            if any(index < len(row) and row[index] is not None and str(row[index]).strip() for row in rows[at + 1 :]):
                problem("这一列有内容，但没有表头。请在表头写上字段的中文名，或删去这一列")
            continue
        if normal(text) in SKIPPED_HEADINGS:
            layout.notes.append(f"{column_letter(index)} 列“{text}”不是记录的内容，跳过这一列")
            continue
        found = match(type_name, text)
        if isinstance(found, PartOf):
            parted.setdefault(found.column.path, []).append((index, text, found))
            continue
        if found is None:
            problem(_unknown(type_name, text))
            continue
        if isinstance(found, str) and found not in ("id", "skip"):
            problem(found)
            continue
        if found == "skip":
            continue
        column, parts = (found if isinstance(found, tuple) else (found, found.parts)) if found != "id" else (None, ())
        key = column.path if column else ("编号",)
        if key in seen:
            problem(f"这一列和 {column_letter(seen[key])} 列是同一个字段，请只留一列")
            continue
        seen[key] = index
        if column is None:
            layout.id_index = index
        else:
            layout.fields.append(Field(index, text, column, parts))
    for path, found in parted.items():  # 网店平台 and 店铺名称 together: the 网店 field
        column = found[0][2].column
        parts = tuple(part.part for _, _, part in found)
        first = found[0][0]
        if path in seen or len(set(parts)) < len(parts):
            layout.problems.append(
                SheetProblem(file, at + 1, first, found[0][1], f"“{column.title}”的内容在几列里重复出现了，请只留一套列")
            )
            continue
        heading = "＋".join(text for _, text, _ in found)
        layout.fields.append(Field(first, heading, column, parts, tuple(index for index, _, _ in found)))
    return layout
