"""`python -m generator import FILE --type TYPE [--update] [--dry-run]`: a sheet into content/.

1. Read the sheet (read.py) and match its header to the type's columns (columns.py).
2. Give every row its id: the 编号 column's, or the id of the record with the same name (and
   date) already in content/, or a new one made from the name (ids.py).
3. Check every row as `check` checks a YAML file (schema, dates, taxonomy, images, bodies, the
   type's rules, private numbers; the fast path first, the careful one for the messages), on
   every core when there are many: a new row as the record it makes; a row whose record exists as
   that record with the sheet's filled cells put in (an empty cell keeps the record's value, a cell
   saying 删除 empties the field), the other fields as they are. A row that would change its
   record needs --update; one that changes nothing is simply 未变 (unchanged).
4. Check the rows together with content/: ids of other records (in the sheet or in content/),
   old ids, published records pointing at a record the sheet turns into a draft.
5. Any problem: every message at once, nothing written. Otherwise each new record is written as a
   new file (yamltext.py), each changed one changed in place (update.py), the unchanged ones are
   not touched; all files go to a temporary folder first and are moved in only when all are written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any

from ..content.cells import PART_SEPARATOR, cell_text, field_value
from ..content.loader import Loaded, display_path
from ..content.model import Record, relations
from ..content.problems import ContentError, Problem
from ..content.registry import BY_NAME, RecordType
from ..content.schemas import fast_validator, normalise_numbers, validate_against_schema
from ..content.taxonomy import Entry, Taxonomy
from ..content.validate import ID_PATTERN, PARALLEL_FROM, check_loaded, load_settings, old_id_problems, reference_problems
from ..parallel import parallel_map
from .cellvalues import CellError, clears, number_in_text_column, typed_text, value_from_text
from .columns import Field, Layout, columns, find_layout, is_total_row, likelier_type
from .existing import Existing
from .ids import base_id, date_field, identity, prepare, unique_id
from .problems import SheetProblem
from .read import SheetError, read_table
from .rows import SheetRow, sheet_problem
from .update import updated_text
from .yamltext import record_yaml

# The template's example row starts its 编号 cell with this; such a row is never imported (an id
# is ASCII, so no real row can start so).
EXAMPLE_MARK = "示例"


class Status(Enum):
    """What importing a row does to its record."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        """The word the report prints."""
        return {Status.NEW: "新增", Status.UPDATED: "更新", Status.UNCHANGED: "未变"}[self]


class ImportFailed(Exception):
    def __init__(self, problems: list[SheetProblem]):
        super().__init__(f"{len(problems)} 个问题")
        self.problems = sorted(set(problems))


@dataclass
class Planned:
    row: int
    id: str
    change: Status
    path: Path
    text: str | None = None  # the file's new text (NEW, UPDATED)
    changed: list[str] = field(default_factory=list)  # each field an update changes: 标题：旧 → 新

    @property
    def status(self) -> str:
        """What the row does, as the report prints it (新增, 更新, 未变)."""
        return self.change.label


@dataclass
class Report:
    file: str
    record_type: RecordType
    sheet: str
    planned: list[Planned]
    written: bool
    notes: list[str] = field(default_factory=list)  # columns and rows read past
    mapping: list[str] = field(default_factory=list)  # which heading became which field

    def count(self, change: Status) -> int:
        return sum(1 for p in self.planned if p.change is change)

    def lines(self, limit: int) -> list[str]:
        """A line per record written (the first limit of them), with the fields an update changes."""
        changes = [p for p in self.planned if p.change is not Status.UNCHANGED]
        lines = []
        for p in changes[:limit]:  # an update: each field it changes, old → new, on a line of its own
            lines += [f"  {p.status} {display_path(p.path)}（第 {p.row} 行）", *(f"      {change}" for change in p.changed)]
        if len(changes) > limit:
            lines.append(f"  ……另有 {len(changes) - limit} 条")
        if not self.planned:
            lines.append(f"  表格 {self.file} 的表头下面没有要导入的行（灰色的示例行会跳过）")
        return lines

    def counts(self) -> str:
        return "、".join(f"{change.label} {self.count(change)} 条" for change in Status)


@dataclass
class Task:
    """One row to check: its cells as text, its id, and whether it makes a record or changes one."""

    row: int
    id: str | None  # None: a new record whose id is made from its name once all rows are checked
    texts: dict[int, str | None]  # column index -> the cell's text
    bad: set[int]  # columns whose cell could not be read (already reported)
    exists: bool
    by_name: bool = False  # the id is that of the record with the row's name (the row had none)


@dataclass
class Outcome:
    row: int
    id: str | None
    status: Status | None  # None when the row has problems
    problems: list[SheetProblem]
    data: dict | None = None  # what the checks across records read: the ids it points at, draft
    cells: dict[tuple, int] = field(default_factory=dict)
    text: str | None = None
    changed: list[str] = field(default_factory=list)
    draft_now: bool = False  # an update makes a published record a draft
    base: str = ""  # for a new record without an id: the id its name makes (ids.base_id)


@dataclass
class Context:
    file: str
    record_type: RecordType
    layout: Layout
    taxonomy: Taxonomy
    content_dir: Path
    existing: Existing
    missing: set[tuple]  # required fields the sheet has no column for (reported once, at the header)
    update: bool = False  # --update: rows may change the records they name
    allow_removal: bool = False  # --allow-removal: an update may take values away
    notes: list[str] = field(default_factory=list)  # what was read past, said so (rows of sums)

    @cached_property
    def linking(self) -> frozenset[str]:
        return frozenset({path[0] for path, _ in relations(self.record_type.name)} | {"draft", "redirect_from"})

    @cached_property
    def cells(self) -> dict[tuple, int]:
        """Each field's column."""
        return {f.column.path: f.index for f in self.layout.fields}

    @cached_property
    def unnamed(self) -> Path:
        """Where a new record without an id is checked (its id is made from its name afterwards)."""
        return self.existing.path(self.record_type.name, "new")

    @cached_property
    def headings(self) -> dict[int, str]:
        return {f.index: f.heading for f in self.layout.fields} | (
            {self.layout.id_index: self.layout.headings[self.layout.id_index]} if self.layout.id_index is not None else {}
        )


def _copied(value: Any) -> Any:
    """A copy of plain data (dicts, lists, scalars): the checks change what they are given."""
    if value.__class__ is dict:
        return {key: _copied(item) for key, item in value.items()}
    if value.__class__ is list:
        return [_copied(item) for item in value]
    return value


def _set(data: dict, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _remove(data: dict, path: tuple) -> None:
    chain = [data]
    for key in path[:-1]:
        if not isinstance(chain[-1].get(key), dict):
            return
        chain.append(chain[-1][key])
    chain[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):
        if not chain[depth]:
            chain[depth - 1].pop(path[depth - 1], None)


def same(a: Any, b: Any) -> bool:
    """Whether two field values (as the check reads them) mean the same: taxonomy entries whether
    written by id or name, text whatever spaces around it, an empty value whatever its form."""
    empty = lambda v: v is None or v == "" or v == [] or v == {}  # noqa: E731
    if empty(a) and empty(b):
        return True
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    if isinstance(a, dict) and isinstance(b, dict):
        return all(same(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, Entry) and isinstance(b, Entry):
        return (a.list_name, a.id) == (b.list_name, b.id)
    return a == b


def _check(ctx: Context, row: int, data: dict, cells: dict, source: str, path: Path):
    """The record a row makes, checked as `check` checks a file: the fast path (jsonschema-rs) when
    it is right, else the careful path for the messages. Returns (record, problems, SheetRow)."""
    name = ctx.record_type.name
    loaded = SheetRow(ctx.file, row, _copied(data), cells, source)
    normalise_numbers(name, loaded.data)
    if fast_validator(name).is_valid(loaded.data):
        record, problems = check_loaded(ctx.record_type, path, loaded, ctx.taxonomy, ctx.content_dir, [])
        if not problems:
            return record, [], loaded
    loaded = SheetRow(ctx.file, row, _copied(data), cells, source)
    problems = validate_against_schema(name, loaded)
    record, problems = check_loaded(ctx.record_type, path, loaded, ctx.taxonomy, ctx.content_dir, problems)
    return record, problems, loaded


def _messages(ctx: Context, loaded: SheetRow, problems, bad: set[int], skip: set[tuple]) -> list[SheetProblem]:
    found = []
    for problem in problems:
        message = sheet_problem(ctx.record_type.name, loaded, problem, ctx.headings, skip)
        if message is not None and message.column not in bad:  # an unreadable cell is reported once
            found.append(message)
    return found


def _values(ctx: Context, task: Task) -> tuple[dict[tuple, Any], list[SheetProblem], set[int]]:
    """Each column's value (None for an empty cell), and the cells that cannot be read."""
    values, problems, bad = {}, [], set(task.bad)
    for column in ctx.layout.fields:
        if column.index in bad:
            continue
        text = task.texts.get(column.index)
        if text is None or clears(text):
            values[column.column.path] = None
            continue
        try:
            values[column.column.path] = value_from_text(column.column, text, column.parts)
        except CellError as err:
            problems.append(SheetProblem(ctx.file, task.row, column.index, column.heading, str(err)))
            bad.add(column.index)
    return values, problems, bad


def _links(ctx: Context, data: dict) -> dict:
    """The part of a record the checks across records read (ids of other records, draft): all a
    row's outcome carries back from the process that checked it."""
    return {key: data[key] for key in ctx.linking if key in data}


def check_row(ctx: Context, task: Task) -> Outcome:
    """A row checked: as the record it makes (a new one), or as the change it makes to its record."""
    values, problems, bad = _values(ctx, task)
    if task.exists:
        return _check_update(ctx, task, values, problems, bad)
    return _check_new(ctx, task, values, problems, bad)


def _outcome(ctx: Context, task: Task, data: dict | None, status: Status | None = None, **rest) -> Outcome:
    """The one place an Outcome is made: the row's number and id, and what the checks across rows read."""
    links = None if data is None else _links(ctx, data)
    rest.setdefault("problems", [])
    return Outcome(row=task.row, id=task.id, status=status, data=links, cells=ctx.cells, **rest)


def _check_new(ctx: Context, task: Task, values: dict, problems: list[SheetProblem], bad: set[int]) -> Outcome:
    """A row naming no record in content/: the record made of its filled cells."""
    data: dict = {}
    for key, value in values.items():
        if value not in (None, []):
            _set(data, key, value)
    path = ctx.existing.path(ctx.record_type.name, task.id) if task.id else ctx.unnamed
    record, found, loaded = _check(ctx, task.row, data, ctx.cells, "", path)
    problems += _messages(ctx, loaded, found, bad, ctx.missing)
    if problems:
        return _outcome(ctx, task, data, problems=problems)
    text = record_yaml(ctx.record_type.name, data, f"由 {Path(ctx.file).name} 第 {task.row} 行导入。")
    base = "" if task.id else base_id(ctx.record_type.name, ctx.record_type.title_field, data)
    return _outcome(ctx, task, data, Status.NEW, text=text, base=base)


def _check_update(ctx: Context, task: Task, values: dict, problems: list[SheetProblem], bad: set[int]) -> Outcome:
    """A row naming a record in content/: that record with the row's filled cells put in, checked;
    refused when the change is not asked for (--update) or takes values away unasked (--allow-removal)."""
    path = ctx.existing.path(ctx.record_type.name, task.id)
    source = display_path(path)
    current = ctx.existing.current(ctx.record_type, task.id)
    if current.raw is None:
        message = f"{source} 本身有错误，无法更新。请先运行 python -m generator check，按提示改好这个文件"
        return _outcome(ctx, task, None, problems=problems + [SheetProblem(ctx.file, task.row, -1, "", message)])
    old = current.record.fields
    changed = _changed_columns(ctx, task, old, bad)
    if not changed and not problems:
        return _outcome(ctx, task, current.raw, Status.UNCHANGED)
    merged = _merged(current.raw, changed, values)
    record, found, loaded = _check(ctx, task.row, merged, ctx.cells, source, path)
    problems += _messages(ctx, loaded, found, bad, set())
    if problems:
        return _outcome(ctx, task, merged, problems=problems)
    real = [c for c in changed if not same(field_value(record.fields, c.column.name), field_value(old, c.column.name))]
    if not real:
        return _outcome(ctx, task, merged, Status.UNCHANGED)
    if not ctx.update:
        return _outcome(ctx, task, merged, problems=[_update_not_asked(ctx, task, real, source)])
    if not ctx.allow_removal:
        refused = _removals(ctx, task, real, old, record.fields, source)
        if refused:
            return _outcome(ctx, task, merged, problems=refused)
    text = updated_text(
        path.read_text(encoding="utf-8-sig"), ctx.record_type.name, [(c.column.path, values.get(c.column.path)) for c in real]
    )
    changes = [
        f"{title}：{_short(before)} → {_short(after)}" for _, title, before, after in _shown(ctx, real, old, record.fields)
    ]
    draft_now = bool(record.get("draft")) and not old.get("draft")
    return _outcome(ctx, task, merged, Status.UPDATED, text=text, changed=changes, draft_now=draft_now)


def _changed_columns(ctx: Context, task: Task, old: dict, bad: set[int]) -> list[Field]:
    """The columns whose cell says something other than the record has (as the sheet shows it)."""
    changed = []
    for column in ctx.layout.fields:
        text = task.texts.get(column.index)
        if column.index in bad or text is None:  # an empty cell keeps what the record has
            continue
        before = field_value(old, column.column.name)
        if clears(text):
            if before is not None:
                changed.append(column)
        elif text != cell_text(ctx.record_type.name, column.column.name, before):
            changed.append(column)
    return changed


def _merged(raw: dict, changed: list[Field], values: dict) -> dict:
    """The record as written with the changed cells put in (an emptied cell removes its field)."""
    merged = _copied(raw)
    for column in changed:
        value = values.get(column.column.path)
        if value in (None, []):
            _remove(merged, column.column.path)
        else:
            _set(merged, column.column.path, value)
    return merged


def _shown(ctx: Context, columns: list[Field], old: dict, new: dict) -> list[tuple[Field, str, str, str]]:
    """(column, its title, the value before, the value after) as a sheet shows them."""
    name = ctx.record_type.name
    return [
        (
            c,
            c.column.title,
            cell_text(name, c.column.name, field_value(old, c.column.name)),
            cell_text(name, c.column.name, field_value(new, c.column.name)),
        )
        for c in columns
    ]


def _update_not_asked(ctx: Context, task: Task, real: list[Field], source: str) -> SheetProblem:
    titles = "、".join(c.column.title for c in real)
    how = "已经有了" if not task.by_name else f"已经有同名的{ctx.record_type.short}"
    index = ctx.layout.id_index if ctx.layout.id_index is not None else -1
    return SheetProblem(
        ctx.file,
        task.row,
        index,
        ctx.headings.get(index, ""),
        (
            f"{how}（{source}），表格里的{titles}和它不一样。要用表格里的内容更新它，请加上 --update；"
            f"要另外新增一条，请{'在“编号”列填一个新编号' if task.by_name else '换一个编号'}"
        ),
    )


def _removals(ctx: Context, task: Task, real: list[Field], old: dict, new: dict, source: str) -> list[SheetProblem]:
    """A problem for each changed column that loses a value, for an update without --allow-removal."""
    return [
        SheetProblem(
            ctx.file,
            task.row,
            c.index,
            c.heading,
            (
                f"会删去 {source} 里原有的{lost}（原来是“{_short(before)}”，表格里是“{_short(after)}”）。"
                "确实要删去，请加上 --allow-removal 再导入；不想删，请在表格里补回来"
            ),
        )
        for c, _, before, after in _shown(ctx, real, old, new)
        if (lost := removed(field_value(old, c.column.name), field_value(new, c.column.name), c.column))
    ]


def _short(text: str) -> str:
    text = text.replace("\n", " / ")
    return (text[:40] + "…" if len(text) > 40 else text) or "（空）"


def _key(value: Any) -> Any:
    return (value.list_name, value.id) if isinstance(value, Entry) else value


def removed(before: Any, after: Any, column) -> str:
    """What an update takes away from a field, in words ("" when nothing): the whole value, items of
    a list (a mode, a platform), or parts of a sub-record (a shop's URL)."""
    empty = lambda v: v is None or v == "" or v == [] or v == {}  # noqa: E731
    if empty(before):
        return ""
    title = column.title
    if empty(after):
        return f"“{title}”"
    if isinstance(before, list) and isinstance(after, list):
        if before and isinstance(before[0], dict):
            lost = []
            for number, item in enumerate(before, start=1):
                new = after[number - 1] if number - 1 < len(after) and isinstance(after[number - 1], dict) else {}
                parts = [
                    part.title for part in column.parts if not empty(item.get(part.path[-1])) and empty(new.get(part.path[-1]))
                ]
                if len(parts) == len([p for p in column.parts if not empty(item.get(p.path[-1]))]):
                    lost.append(f"第 {number} 项")
                elif parts:
                    lost.append(f"第 {number} 项的{'、'.join(parts)}")
            return f"{title}的" + "、".join(lost) if lost else ""
        kept = {_key(item) for item in after}
        gone = [str(item) for item in before if _key(item) not in kept]
        return f"{title}里的“{'、'.join(gone)}”" if gone else ""
    return ""


def check_rows(ctx: Context, tasks: list[Task]) -> list[Outcome]:
    """check_row for every row, on every core when there are many (the context is inherited)."""
    return parallel_map(lambda task: check_row(ctx, task), tasks, least=PARALLEL_FROM)


def _rows(ctx: Context, rows: list[list]) -> tuple[list[tuple[int, str | None, dict, set]], list[SheetProblem]]:
    """(row number, id cell, texts, unreadable columns) of each row below the header with anything in it."""
    found, problems = [], []
    layout = ctx.layout
    wanted = [i for f in layout.fields for i in f.joined or (f.index,)] + (
        [layout.id_index] if layout.id_index is not None else []
    )
    kinds = {f.index: f.column for f in layout.fields if f.column.format == "phone"}
    for offset, cells in enumerate(rows[layout.header_row :]):
        number = layout.header_row + 1 + offset
        texts, bad = {}, set()
        for index in wanted:
            try:
                phone = number_in_text_column(kinds[index], cells[index]) if index in kinds and index < len(cells) else None
                texts[index] = phone or (typed_text(cells[index]) if index < len(cells) else None)
            except CellError as err:
                texts[index] = None
                bad.add(index)
                problems.append(SheetProblem(ctx.file, number, index, layout.headings[index], str(err)))
        if is_total_row(cells):  # its 合计 may stand in a column read past (序号)
            ctx.notes.append(f"第 {number} 行是合计行，不是一条记录，跳过这一行")
            problems = [p for p in problems if p.row != number]
            continue
        if all(text is None for text in texts.values()) and not bad:
            continue
        for joined in (f for f in layout.fields if f.joined):
            texts[joined.index] = _joined_text([texts.get(i) for i in joined.joined])
        id_text = texts.pop(layout.id_index, None) if layout.id_index is not None else None
        if id_text and id_text.startswith(EXAMPLE_MARK):
            problems = [p for p in problems if p.row != number]
            continue
        found.append((number, id_text, texts, bad))
    return found, problems


def _joined_text(cells: list[str | None]) -> str | None:
    """The cells of a sub-record's parts in columns of their own (网店平台, 店铺名称) as the one cell
    of the list they make: line by line, the parts joined by ｜ (淘宝｜鲁南农品旗舰店)."""
    if all(cell is None for cell in cells):
        return None
    lines = [(cell or "").split("\n") for cell in cells]
    return "\n".join(
        PART_SEPARATOR.join(part[n].strip() if n < len(part) else "" for part in lines) for n in range(max(map(len, lines)))
    )


def _title_and_date(ctx: Context, texts: dict) -> dict:
    """The fields an id is made from (the name, and a date for some types), as read from the row."""
    wanted = {(ctx.record_type.title_field,), (date_field(ctx.record_type.name) or "",)}
    data = {}
    for column in ctx.layout.fields:
        if column.column.path in wanted and texts.get(column.index) is not None:
            try:
                data[column.column.path[0]] = value_from_text(column.column, texts[column.index])
            except CellError:
                pass
    return data


def _identify(ctx: Context, rows) -> tuple[list[Task], list[SheetProblem]]:
    """Each row's id: the 编号 column's; for a row without one, the id of the record with the same
    name (and date) in content/; else None (a new record: its id is made from its name later)."""
    record_type, layout, existing = ctx.record_type, ctx.layout, ctx.existing
    problems: list[SheetProblem] = []
    id_heading = layout.headings[layout.id_index] if layout.id_index is not None else ""

    def about_row(number, message):  # a problem of a whole row, not of one cell
        return SheetProblem(ctx.file, number, -1, "", message)

    def at_id(number, message):
        return SheetProblem(
            ctx.file,
            number,
            -1 if layout.id_index is None else layout.id_index,
            id_heading,
            message,
        )

    given: dict[str, int] = {}
    for number, id_text, _, _ in rows:
        if not id_text:
            continue
        if not ID_PATTERN.match(id_text):
            problems.append(
                at_id(
                    number,
                    f"编号“{id_text}”不合规：只能用小写英文字母、数字和连字符（-），3 到 64 个字符，"
                    "且以字母或数字开头，如 tengzhou-nongpin",
                )
            )
        elif id_text in given:
            problems.append(at_id(number, f"编号“{id_text}”和第 {given[id_text]} 行重复。一条记录只能占一行"))
        else:
            given[id_text] = number
    named: dict[tuple, int] = {}
    tasks = []
    title = next(c.title for c in columns(record_type.name) if c.path == (record_type.title_field,))
    ids = existing.ids(record_type.name)
    for number, id_text, texts, bad in rows:
        record_id = id_text
        if not record_id:
            key = identity(record_type.name, record_type.title_field, _title_and_date(ctx, texts))
            if key is None:
                problems.append(
                    about_row(number, (f"这一行既没有编号，也没有{title}，无法生成编号。请填写{title}，或在“编号”列填写编号"))
                )
                continue
            if key in named:
                problems.append(
                    about_row(
                        number,
                        (
                            f"和第 {named[key]} 行的{title}相同，是同一条记录吗？同一条请删去一行；"
                            f"不是同一条，请在“编号”列给两行各填一个编号"
                        ),
                    )
                )
                continue
            named[key] = number
            record_id = existing.known(record_type, names=True).by_identity.get(key)
            if record_id in given:
                problems.append(
                    about_row(
                        number,
                        (
                            f"{title}和 content/ 里的“{record_id}”相同，而第 {given[record_id]} 行已经是“{record_id}”了。"
                            "同一条记录请只留一行；不是同一条，请在“编号”列填一个新编号"
                        ),
                    )
                )
                continue
        elif not ID_PATTERN.match(record_id) or given.get(record_id) != number:
            continue
        tasks.append(Task(number, record_id, texts, bad, record_id is not None and record_id in ids, not id_text))
    return tasks, problems


def _name_new(ctx: Context, outcomes: list[Outcome]) -> None:
    """Ids for the new records that had none: the name's, made unique against every record (and
    old id) of the type and every other row, in the sheet's order."""
    if all(o.id for o in outcomes):
        return
    known = ctx.existing.known(ctx.record_type, names=True)
    taken = known.ids | set(known.claimed) | {o.id for o in outcomes if o.id}
    for outcome in outcomes:
        if not outcome.id:
            outcome.id = unique_id(outcome.base or "record", taken)
            taken.add(outcome.id)


def _across(ctx: Context, outcomes: list[Outcome]) -> list[SheetProblem]:
    """What one row cannot tell alone: ids of other records, old ids, drafts others point at."""
    record_type, existing = ctx.record_type, ctx.existing
    in_sheet = {o.id: o for o in outcomes if o.data is not None}
    problems: list[SheetProblem] = []

    def find(type_name: str, record_id: str):
        if type_name == record_type.name and record_id in in_sheet:
            outcome = in_sheet[record_id]
            return Record(record_type, record_id, ctx.file, outcome.data)
        return existing.record(type_name, record_id)

    renames = any(o.data and o.data.get("redirect_from") for o in outcomes if o.status is not Status.UNCHANGED)
    claimed = existing.known(record_type, names=False).claimed if renames or any(o.status is Status.NEW for o in outcomes) else {}
    if renames:
        problems += _old_ids(ctx, outcomes, claimed)
    for outcome in outcomes:
        if outcome.data is None or outcome.status is Status.UNCHANGED:  # an unchanged record changes nothing
            continue
        record = Record(record_type, outcome.id, ctx.file, outcome.data)
        source = "" if outcome.status is Status.NEW else display_path(existing.path(record_type.name, outcome.id))
        if reference_problems(record, Loaded(ctx.file, outcome.data), find):  # rare: find the cells
            loaded = SheetRow(ctx.file, outcome.row, outcome.data, outcome.cells, source)
            problems += _messages(ctx, loaded, reference_problems(record, loaded, find), set(), set())
        if outcome.status is Status.NEW and outcome.id in claimed:
            problems.append(
                SheetProblem(
                    ctx.file,
                    outcome.row,
                    -1 if ctx.layout.id_index is None else ctx.layout.id_index,
                    ctx.headings.get(ctx.layout.id_index, ""),
                    (
                        f"编号“{outcome.id}”是 {claimed[outcome.id]} 的旧编号（redirect_from），旧网址会跳到那里，"
                        "不能再给新记录用。请换一个编号"
                    ),
                )
            )
        if outcome.draft_now:
            referrers = existing.published_referrers(record_type.name, outcome.id)
            if referrers:
                draft = next((f for f in ctx.layout.fields if f.column.path == ("draft",)), None)
                problems.append(
                    SheetProblem(
                        ctx.file,
                        outcome.row,
                        draft.index if draft else -1,
                        draft.heading if draft else "",
                        (
                            f"改成草稿后这条{record_type.short}不再发布，但 {'、'.join(referrers[:3])} 还链接到它，链接会失效。"
                            "请先改那些记录，或不要改成草稿"
                        ),
                    )
                )
    return problems


def _old_ids(ctx: Context, outcomes: list[Outcome], claimed: dict[str, str]) -> list[SheetProblem]:
    """The rows' old ids (redirect_from), by the rule `check` applies (validate.old_id_problems)."""
    name = ctx.record_type.name
    ids = ctx.existing.ids(name) | {o.id for o in outcomes}
    taken = {**claimed, **{record_id: display_path(ctx.existing.path(name, record_id)) for record_id in ids}}
    problems = []
    for outcome in outcomes:
        old_ids = (outcome.data or {}).get("redirect_from") if outcome.status is not Status.UNCHANGED else None
        own = display_path(ctx.existing.path(name, outcome.id))
        for index, message in old_id_problems(outcome.id, own, old_ids, taken):
            loaded = SheetRow(ctx.file, outcome.row, outcome.data, outcome.cells)
            line, column = loaded.where(("redirect_from", index))
            problems += _messages(ctx, loaded, [Problem(ctx.file, line, column, "", message)], set(), set())
    return problems


def _header_missing(ctx: Context, tasks: list[Task]) -> list[SheetProblem]:
    new_rows = [t.row for t in tasks if not t.exists]
    if not new_rows:
        return []
    rows = "、".join(str(n) for n in new_rows[:5]) + ("等" if len(new_rows) > 5 else "")
    return [
        SheetProblem(
            ctx.file,
            ctx.layout.header_row,
            -1,
            "",
            (f"缺少“{column.title}”这一列（{column.name}，必填）：新增的记录必须填写（第 {rows} 行是新增的）。请加上这一列"),
        )
        for column in ctx.layout.missing_required()
    ]


def commit(planned: list[Planned], content_dir: Path) -> None:
    """Write every file, or none: all go to a temporary folder inside content/ first, then each is
    moved into place; should a move fail, the files moved so far are put back as they were."""
    writes = [p for p in planned if p.text is not None]
    if not writes:
        return
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=content_dir))
    done: list[tuple[Path, bytes | None]] = []
    try:
        staged = []
        for number, plan in enumerate(writes):
            temporary = staging / f"{number}.yaml"
            temporary.write_bytes(plan.text.encode("utf-8"))
            staged.append((temporary, plan))
        for folder in {plan.path.parent for plan in writes}:
            folder.mkdir(parents=True, exist_ok=True)
        for temporary, plan in staged:
            before = plan.path.read_bytes() if plan.change is not Status.NEW else None
            os.replace(temporary, plan.path)
            done.append((plan.path, before))
    except OSError as err:
        for target, before in reversed(done):
            if before is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(before)
        raise ImportFailed(
            [
                SheetProblem(
                    display_path(content_dir),
                    0,
                    -1,
                    "",
                    (f"写入文件时出错（{err.strerror or err}），已恢复原样，没有改动任何记录"),
                )
            ]
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def import_sheet(
    path: Path,
    type_name: str,
    content_dir: Path = Path("content"),
    update: bool = False,
    dry_run: bool = False,
    allow_removal: bool = False,
) -> Report:
    """Import a sheet; raise ImportFailed (every problem) or ContentError (content/ itself is broken)."""
    record_type = BY_NAME[type_name]
    content_dir = Path(content_dir)
    taxonomy, _, problems = load_settings(content_dir)
    if taxonomy is None:
        raise ContentError(problems)
    try:
        table = read_table(Path(path), type_name)
    except SheetError as err:
        raise ImportFailed([SheetProblem(display_path(Path(path)), 0, -1, "", str(err))]) from None
    layout = find_layout(table.file, type_name, table.rows)
    likelier = likelier_type(type_name, layout.headings) if layout.problems else None
    if likelier:
        other = BY_NAME[likelier]
        raise ImportFailed(
            [
                SheetProblem(
                    table.file,
                    layout.header_row,
                    -1,
                    "",
                    (
                        f"表头更像{other.title}的名单，不像{record_type.title}的：是不是要用 --type {likelier}？"
                        f"（--type {type_name} 是{record_type.title}）"
                    ),
                )
            ]
        )
    if not layout.fields and layout.problems:
        raise ImportFailed(layout.problems)
    ctx = Context(
        table.file,
        record_type,
        layout,
        taxonomy,
        content_dir,
        Existing(content_dir, taxonomy),
        {c.path for c in layout.missing_required()},
        update,
        allow_removal=allow_removal,
    )
    rows, problems = _rows(ctx, table.rows)
    tasks, found = _identify(ctx, rows)
    problems = layout.problems + problems + found + _header_missing(ctx, tasks)
    if any(task.id is None for task in tasks):
        prepare()  # the word list for ids from names: loaded once, before the work is shared out
    outcomes = check_rows(ctx, tasks)
    _name_new(ctx, outcomes)
    problems += [p for o in outcomes for p in o.problems]
    problems += _across(ctx, outcomes)
    if problems:
        raise ImportFailed(problems)
    planned = [
        Planned(row=o.row, id=o.id, change=o.status, path=ctx.existing.path(type_name, o.id), text=o.text, changed=o.changed)
        for o in outcomes
    ]
    if not dry_run:
        commit(planned, content_dir)
    return Report(table.file, record_type, table.sheet, planned, not dry_run, layout.notes + ctx.notes, layout.mapping())
