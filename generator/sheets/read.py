"""A sheet's cells, whatever program saved it: .xlsx, .xls and .ods through python-calamine (fast,
typed cells), .csv in UTF-8 (with or without the BOM Excel writes), in GBK/GB18030 (what Excel on
Chinese Windows saves as "CSV") or in UTF-16 (Excel's "Unicode text"), with commas or tabs.
The encoding is told from the bytes, never guessed by trial and error that could garble Chinese."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..content import files
from ..content.loader import display_path
from .columns import find_layout

WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT = (".csv", ".txt")
MAX_BYTES = 100 * 1024 * 1024  # a sheet of 10,000 records is a few MB; far bigger is a mistake
# .xlsx and .ods are zip files of XML: 10,000 records unpack to a few tens of MB. The cap is on what
# the zip says AND on what it really unpacks to (a header may lie), before the spreadsheet reader starts.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 50_000  # rows of a worksheet
MAX_CELLS = 5_000_000  # rows × columns: a stray cell in column XFD makes every row 16,384 cells wide
ZIPPED = (".xlsx", ".xlsm", ".ods")


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
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_ROWS:  # no need to read the rest to refuse it
                raise SheetError(f"表格超过 {MAX_ROWS} 行，超过能导入的上限。请分成几个表格")
    except csv.Error as err:
        line = len(rows) + 1
        if "field larger" in str(err):
            raise SheetError(
                f"第 {line} 行附近有一格内容太长（超过 13 万个字），不像名单里的内容。请检查这一行的引号是否成对"
            ) from None
        raise SheetError(f"第 {line} 行附近有无法识别的内容（{err}）。请在 Excel 或 WPS 里打开，另存为 .xlsx 后再导入") from None
    return rows


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


_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_zipped(path: Path) -> None:
    """Refuse a zipped workbook that unpacks to more than MAX_UNPACKED (a zip bomb) or whose cells
    span more than MAX_ROWS or MAX_CELLS (one stray cell at XFD1048576 makes calamine allocate a
    grid of 17 billion cells and abort), before calamine reads it: first by the sizes the zip
    declares, then by unpacking it in chunks, counting bytes and reading the cells' references."""
    import zipfile
    import zlib

    too_big = SheetError(
        f"表格解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，远大于任何一份名单，不能导入。"
        "请检查是否选错了文件；名单确实很长时请分成几个表格"
    )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                raise too_big
            total = 0
            for member in members:
                worksheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
                rows: list[int] = []
                columns: list[int] = []
                carry = b""
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise too_big
                        if worksheet:
                            text = carry + chunk
                            for letters, digits in _CELL_REF.findall(text):
                                columns.append(_column_number(letters))
                                rows.append(int(digits))
                            carry = text[-24:]  # a reference cut by the chunk's end is read with the next
                            if len(rows) > 1_000_000:  # keep only the extremes
                                rows, columns = [min(rows), max(rows)], [min(columns), max(columns)]
                if rows:
                    _check_extent(max(rows) - min(rows) + 1, max(columns) - min(columns) + 1, "")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError):
        return  # not a sound zip: calamine says it cannot open it, in its own words


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
        except Exception:  # a chart sheet or the like: not a table
            continue
        _check_extent(sheet.total_height, sheet.total_width, name)
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception:
            continue
        _unmerge(sheet, rows)
        if first is None:
            first = (rows, name)
        if find_layout("", type_name, rows).fields:
            return rows, name
    return first or ([], "")


def _check_extent(height: int, width: int, name: str) -> None:
    """A worksheet of more rows or cells than any list: refused before its cells become values."""
    if height > MAX_ROWS or height * width > MAX_CELLS:
        sheet = f"工作表“{name}”" if name else "表格里有一张工作表"
        raise SheetError(
            f"{sheet}有 {height} 行、{width} 列，超过能导入的上限（{MAX_ROWS} 行、{MAX_CELLS // 10000} 万个格子）。"
            "如果表格远处有误填的格子，请删掉那些行和列后另存；名单确实很长时请分成几个表格"
        )


def _too_many_rows(rows: list[list]) -> None:
    if len(rows) > MAX_ROWS:
        raise SheetError(f"表格有 {len(rows)} 行，超过能导入的上限（{MAX_ROWS} 行）。请分成几个表格")


def read_table(path: Path, type_name: str) -> Table:
    """Every row of the sheet (for a workbook: the first visible worksheet with a header naming this
    type's fields, else the first one)."""
    path = Path(path)
    file = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT + WORKBOOKS:
        if path.is_dir():
            raise SheetError(f"{file} 是一个文件夹，不是表格。请写出表格文件的名字")
        raise SheetError(f"不支持 {suffix or '没有扩展名'} 文件。请存成 .xlsx、.xls、.ods 或 .csv 后再导入")
    try:  # a regular file of bounded size (a FIFO or a link to /dev/zero is refused, never opened)
        if suffix in TEXT:
            rows = _csv_rows(decode(files.read_bytes(path, MAX_BYTES)))
            _too_many_rows(rows)
            return Table(file, rows)
        files.check_regular(path, MAX_BYTES)
    except files.Refused as refused:
        raise SheetError(str(refused)) from None
    if suffix in ZIPPED:
        _check_zipped(path)
    rows, sheet = _workbook_rows(path, type_name)
    _too_many_rows(rows)
    return Table(file, rows, sheet)
