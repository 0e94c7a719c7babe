"""`python -m generator template TYPE FILE.xlsx`: an empty sheet for editors to fill.

Made from the type's schema, like `new TYPE ID`'s commented YAML (content/scaffold.py): the header
row in Chinese (the open-data CSV's headings, so a downloaded list and a filled template read the
same), required columns in red, a note on every header cell (必填 or 选填, what to write, the parts
of a sub-record, the choices), drop-down lists for the fields drawn from taxonomy.yaml (区县,
行业, 经营模式, 平台 …) and for 是/否, text format on every text column so Excel keeps 0632-… and
long digit strings as typed, date format on dates, a grey example row (its 编号 cell says it is an
example: the import skips it), a 填写说明 sheet listing every column, and the choices on a hidden
sheet the drop-downs read from. Writing is openpyxl's job; reading sheets is python-calamine's.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..content.cells import ID_COLUMN, LIST_SEPARATOR, PART_SEPARATOR
from ..content.problems import ContentError
from ..content.registry import BY_NAME, RecordType
from ..content.taxonomy import Taxonomy, list_titles
from ..content.validate import load_settings
from .cellvalues import CLEAR
from .columns import Column, columns
from .ids import slug
from .importer import EXAMPLE_MARK
from .problems import column_letter

ROWS = 10_000  # rows below the header that get drop-downs and formats
OPTIONS_SHEET = "选项"
GUIDE_SHEET = "填写说明"
TEXT_FORMAT = "@"
FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}
YES_NO = ("是", "否")
HEADER_FILL = "DDEBF7"  # the header row and the guide's table heading


class TemplateError(Exception):
    pass


def template_columns(type_name: str) -> list[Column]:
    # Old ids (redirect_from) are for renamed records, done by hand (README); `new` leaves them out too.
    return [c for c in columns(type_name) if c.name != "redirect_from"]


def _choices(column: Column, taxonomy: Taxonomy) -> list[str]:
    return [entry.name for entry in taxonomy.entries(column.taxonomy)] if column.taxonomy else []


def _how(column: Column, taxonomy: Taxonomy, record_type: RecordType) -> str:
    """What to write in a column (or in a part of a sub-record), in a sentence or two."""
    words = []
    if column.description:
        description = column.description
        if column.kind == "boolean":  # the schema speaks YAML's true/false; a sheet says 是/否
            description = re.sub(r"\btrue\b", "“是”", re.sub(r"\bfalse\b", "“否”", description))
        words.append(description.rstrip("。") + "。")
    if column.kind == "records":
        parts = PART_SEPARATOR.join(p.title for p in column.parts)
        words.append(
            f"每项一行（在单元格里按 Alt+Enter 换行），每行依次写：{parts}，各部分之间用“{PART_SEPARATOR}”隔开，没有的部分空着。"
        )
        for part in column.parts:
            detail = _how(part, taxonomy, record_type)
            words.append(f"{part.title}：{'必填' if part.required else '选填'}{'，' + detail if detail else '。'}")
        return "".join(words)
    if column.taxonomy:
        names = _choices(column, taxonomy)
        shown = "、".join(names[:20]) + ("等" if len(names) > 20 else "")
        many = f"，可以填几个，用“{LIST_SEPARATOR}”或“、”隔开" if column.kind == "list" else ""
        words.append(f"从下拉列表里选{many}（见 content/taxonomy.yaml 的{list_titles()[column.taxonomy]}）：{shown}。")
    elif column.ref:
        target = BY_NAME[column.ref]
        many = f"，几个用“{LIST_SEPARATOR}”隔开" if column.kind == "list" else ""
        words.append(f"填{target.short}的编号（content/{target.folder}/ 下的文件名，不含 .yaml）{many}。")
    elif column.kind == "list":
        words.append(f"可以填几个，用“{LIST_SEPARATOR}”或“、”隔开。")
    elif column.kind == "boolean":
        words.append("从下拉列表里选“是”或“否”；空着就是“否”。")
    elif column.kind in ("integer", "number"):
        words.append("只填阿拉伯数字" + ("（整数）" if column.kind == "integer" else "") + "。")
    elif column.format == "date":
        words.append("写成 2026-12-05，或用表格的日期格式。")
    elif column.format == "datetime":
        words.append("写成 2026-12-05 09:00（北京时间）。")
    elif column.format == "markdown":
        words.append("可以写几段：在单元格里按 Alt+Enter 换行，空一行分段。")
    elif column.hint and not column.description:
        words.append(column.hint + "。")
    if column.max_length:
        words.append(f"最多 {column.max_length} 个字。")
    return "".join(words)


def _note(column: Column, taxonomy: Taxonomy, record_type: RecordType) -> str:
    return f"{column.title}（{column.name}）：{'必填' if column.required else '选填'}。{_how(column, taxonomy, record_type)}"


def _id_note(record_type: RecordType) -> str:
    title = next(c.title for c in columns(record_type.name) if c.path == (record_type.title_field,))
    return (
        f"{ID_COLUMN}：选填。记录的编号，也是网址的一部分（/{record_type.folder}/编号/），只能用小写英文字母、数字和连字符。"
        f"不填时按{title}自动生成拼音编号，如 {slug('滕州精工机床有限公司')}；"
        f"要用表格更新网站上已有的记录，填它的编号（网站“开放数据”下载的名单里有）。"
    )


def _example(column: Column, taxonomy: Taxonomy, today: dt.date) -> Any:
    """The example row's cell: the schema's example, or the first choices of the list."""
    if column.format in ("image", "image-path"):  # an image must be a real file in content/media/
        return None
    if column.kind == "records":
        parts = [_example(part, taxonomy, today) for part in column.parts]
        if not any(p not in (None, "") for p in parts):
            return None
        while parts and parts[-1] in (None, ""):
            parts.pop()
        return PART_SEPARATOR.join("" if p is None else str(p) for p in parts)
    if column.kind == "boolean":
        # the example is a draft: kept by mistake (its 编号 cell changed), it is checked, never published
        if column.path == ("draft",):
            return YES_NO[0]
        return None if column.example is None else YES_NO[0] if column.example else YES_NO[1]
    example = column.example
    if isinstance(example, str):
        example = example.replace("{today}", today.isoformat())
    if example is None and column.taxonomy:
        names = _choices(column, taxonomy)
        example = LIST_SEPARATOR.join(names[:2]) if column.kind == "list" else (names[0] if names else None)
    if example is None and column.format == "date":
        example = today.isoformat()
    if example is None and column.format == "datetime":
        example = f"{today.isoformat()} 09:00"
    if isinstance(example, str) and "\n" in example:
        example = example.strip()
    if column.format == "date" and isinstance(example, str):
        return dt.date.fromisoformat(example)
    if column.format == "datetime" and isinstance(example, str):
        return dt.datetime.strptime(example, "%Y-%m-%d %H:%M")
    return example


def _format(column: Column) -> str:
    if column.format in FORMATS and column.kind != "list":
        return FORMATS[column.format]
    if column.kind in ("integer", "number", "boolean"):
        return "General"
    return TEXT_FORMAT  # text, lists, sub-records: kept as typed (0632-…, 913704…, 1-2)


def write_template(type_name: str, target: Path, content_dir: Path = Path("content"), today: dt.date | None = None) -> Path:
    from openpyxl import Workbook

    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise TemplateError(f"模板只能存成 .xlsx 文件（现在是“{target.name}”），如 企业名单.xlsx")
    if target.exists():
        raise TemplateError(f"{target} 已经存在，没有改动它。请换一个文件名，或先删去旧文件")
    taxonomy, _, problems = load_settings(Path(content_dir))
    if taxonomy is None:
        raise ContentError(problems)
    today = today or dt.date.today()
    record_type = BY_NAME[type_name]
    fields = template_columns(type_name)

    book = Workbook()
    sheet = book.active
    sheet.title = record_type.title
    guide = book.create_sheet(GUIDE_SHEET)
    options = book.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    lists = _write_choices(options, fields, taxonomy)
    _write_header(sheet, record_type, fields, taxonomy)
    _write_example(sheet, fields, taxonomy, today, lists)
    _write_guide(guide, record_type, fields, taxonomy, today)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def _drop_down_key(column: Column) -> str | None:
    """Which list of choices a column's drop-down offers: its taxonomy list, 是/否, or none."""
    return column.taxonomy or ("yes-no" if column.kind == "boolean" else None)


def _write_choices(options, fields: list[Column], taxonomy: Taxonomy) -> dict[str, str]:
    """The choices the drop-downs read, one list a column of the hidden sheet; returns each list's
    cell range (as a drop-down's formula)."""
    lists: dict[str, str] = {}
    for column in fields:
        key = _drop_down_key(column)
        if key and key not in lists:
            letter = column_letter(len(lists))
            names = _choices(column, taxonomy) if column.taxonomy else list(YES_NO)
            options.cell(1, len(lists) + 1, list_titles().get(key, "是否"))
            for row, name in enumerate(names, start=2):
                options.cell(row, len(lists) + 1, name)
            lists[key] = f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${len(names) + 1}"
    return lists


def _write_header(sheet, record_type: RecordType, fields: list[Column], taxonomy: Taxonomy) -> None:
    """Row 1: the headings (required ones in red), each with its note; each column's width and format."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, red = Font(bold=True), Font(bold=True, color="C00000")
    header = [(ID_COLUMN, _id_note(record_type), False, TEXT_FORMAT)] + [
        (c.heading, _note(c, taxonomy, record_type), c.required, _format(c)) for c in fields
    ]
    for index, (text, note, required, number_format) in enumerate(header, start=1):
        cell = sheet.cell(1, index, text)
        cell.font = red if required else bold
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.comment = Comment(note, "枣庄电商网站", height=min(60 + len(note) * 2, 400), width=320)
        letter = column_letter(index - 1)
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(text) + 4))
        sheet.column_dimensions[letter].number_format = number_format
        sheet.cell(2, index).number_format = number_format
    sheet.freeze_panes = "B2"
    sheet.row_dimensions[1].height = 36


def _write_example(sheet, fields: list[Column], taxonomy: Taxonomy, today: dt.date, lists: dict[str, str]) -> None:
    """Row 2: the grey example (its 编号 cell marks it, so the import skips it), and the drop-downs."""
    from openpyxl.styles import Alignment, Font

    sheet.cell(2, 1, f"{EXAMPLE_MARK}（这一行是例子，导入时跳过，可以删去）")
    for index, column in enumerate(fields, start=2):
        cell = sheet.cell(2, index, _example(column, taxonomy, today))
        cell.font = Font(italic=True, color="808080")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        key = _drop_down_key(column)
        if column.kind != "records" and key is not None:
            sheet.add_data_validation(_drop_down(column, lists[key], column_letter(index - 1)))


def _drop_down(column: Column, choices: str, letter: str):
    """A column's drop-down list: for a list field it only suggests (several values, typed)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    many = column.kind == "list"
    check = DataValidation(
        type="list",
        formula1=choices,
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=not many,
        errorStyle="warning",
        errorTitle="不在列表里",
        error=f"“{column.title}”请从下拉列表里选；确实要写别的，点“是”保留。",
        showInputMessage=True,
        promptTitle=column.title[:32],
        prompt=(f"从列表里选；填几个时用“{LIST_SEPARATOR}”隔开，手动输入" if many else "从列表里选")[:255],
    )
    check.add(f"{letter}2:{letter}{ROWS + 1}")
    return check


def _write_guide(guide, record_type: RecordType, fields: list[Column], taxonomy: Taxonomy, today: dt.date) -> None:
    """The 填写说明 sheet: how to fill and import the sheet, then a row for every column."""
    from openpyxl.styles import Alignment, Font, PatternFill

    guide.append(["怎样填写这张表"])
    guide["A1"].font = Font(bold=True, size=14)
    for line in (
        f"1. 在“{record_type.title}”这一页，每行填一条{record_type.short}记录；第 1 行是表头，不要改。红色表头的列必填。",
        "2. 第 2 行是例子（灰色），导入时会跳过，填好后可以删去。把鼠标停在表头上可以看到每一列的填写说明（下表也有）。",
        f"3. 填好后保存，运行：python -m generator import 文件名.xlsx --type {record_type.name}",
        "   加 --dry-run 只检查、不写入；表格里有错时会列出每个错在第几行、哪一列，并且一条也不会写入。",
        f"4. 要修改网站上已有的{record_type.short}：在“{ID_COLUMN}”列填它的编号，导入时加 --update；表格里没有的列、"
        f"空着的格子都保持原样；要删去某一项的内容，在格子里填“{CLEAR}”。",
    ):
        guide.append([line])
    guide.append([])
    guide.append(["列", "表头", "必填", "怎么填", "例子"])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    guide.append(["A", ID_COLUMN, "选填", _id_note(record_type).split("：", 1)[1], ""])
    for index, column in enumerate(fields, start=1):
        example = _example(column, taxonomy, today)
        guide.append(
            [
                column_letter(index),
                column.heading,
                "必填" if column.required else "选填",
                _how(column, taxonomy, record_type),
                "" if example is None else str(example),
            ]
        )
    for letter, width in zip("ABCDE", (6, 28, 8, 80, 36)):
        guide.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in guide.iter_rows(min_row=8):
        for cell in row:
            cell.alignment = wrap
