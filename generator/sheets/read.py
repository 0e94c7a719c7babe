"""A sheet's cells, whatever program saved it: .xlsx, .xls and .ods through python-calamine (fast,
typed cells), .csv in UTF-8 (with or without the BOM Excel writes), in GBK/GB18030 (what Excel on
Chinese Windows saves as "CSV") or in UTF-16 (Excel's "Unicode text"), with commas or tabs.
The encoding is told from the bytes, never guessed by trial and error that could garble Chinese."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..content.loader import display_path
from .columns import find_layout

WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT = (".csv", ".txt")
MAX_BYTES = 100 * 1024 * 1024  # a sheet of 10,000 records is a few MB; far bigger is a mistake


class SheetError(Exception):
    """The file cannot be read as a sheet; the message is for the editor."""


@dataclass
class Table:
    file: str  # as the editor named it
    rows: list[list]  # every row from the first, cells typed as the spreadsheet gave them
    sheet: str = ""  # the worksheet read, for a workbook


def decode(raw: bytes) -> str:
    """The text of a CSV file: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (GBK's superset)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise SheetError(
            "认不出这个 CSV 文件的编码（既不是 UTF-8，也不是 GBK）。请在 Excel 或 WPS 里打开它，"
            "另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入"
        ) from None


def _csv_rows(text: str) -> list[list]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _unmerge(sheet, rows: list[list]) -> None:
    """A merged cell (a district written once for the rows of its firms) holds its value in
    every row and column it covers, as the editor sees it."""
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # not every format keeps them
        return
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for row in range(top, min(bottom, len(rows) - 1) + 1):
            for column in range(left, min(right, len(rows[row]) - 1) + 1):
                rows[row][column] = value


def _workbook_rows(path: Path, type_name: str) -> tuple[list[list], str]:
    import python_calamine

    try:
        book = python_calamine.load_workbook(str(path))
    except python_calamine.PasswordError:
        raise SheetError("文件设置了打开密码。请取消密码后另存，再导入") from None
    except Exception as err:  # calamine raises several kinds for a damaged or mislabelled file
        raise SheetError(f"无法作为表格打开（{type(err).__name__}）。请确认它是 Excel、WPS 或 LibreOffice 保存的表格") from None
    visible = python_calamine.SheetVisibleEnum.Visible
    sheets = [m.name for m in book.sheets_metadata if m.visible == visible] or book.sheet_names
    first: tuple[list[list], str] | None = None
    for name in sheets:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception:  # a chart sheet or the like: not a table
            continue
        _unmerge(sheet, rows)
        if first is None:
            first = (rows, name)
        if find_layout("", type_name, rows).fields:
            return rows, name
    return first or ([], "")


def read_table(path: Path, type_name: str) -> Table:
    """Every row of the sheet (for a workbook: the first visible worksheet with a header naming this
    type's fields, else the first one)."""
    path = Path(path)
    file = display_path(path)
    if not path.is_file():
        raise SheetError(f"找不到文件 {file}")
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_BYTES:
        raise SheetError(f"文件太大（{path.stat().st_size // 1024 // 1024} MB）。请检查是否选错了文件")
    if suffix in TEXT:
        return Table(file, _csv_rows(decode(path.read_bytes())))
    if suffix in WORKBOOKS:
        rows, sheet = _workbook_rows(path, type_name)
        return Table(file, rows, sheet)
    raise SheetError(f"不支持 {suffix or '没有扩展名'} 文件。请存成 .xlsx、.xls、.ods 或 .csv 后再导入")
