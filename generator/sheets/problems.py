"""A mistake in a sheet, as an editor finds it: `企业名单.xlsx:第 12 行:C 列（所在区县）: 说明`."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.problems import _visible


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the letters a spreadsheet shows above a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class SheetProblem:
    file: str  # the sheet as the editor named it
    row: int = 0  # as the spreadsheet numbers it (the header is usually row 1); 0 for the whole sheet
    column: int = -1  # 0-based; -1 for a whole row
    heading: str = ""  # the column's header as written in the sheet
    message: str = ""

    def format(self) -> str:
        where = self.file
        if self.row:
            where += f":第 {self.row} 行"
        if self.column >= 0:
            where += f":{column_letter(self.column)} 列"
            if self.heading:
                where += f"（{self.heading}）"
        return f"{_visible(where)}: {_visible(self.message)}"


def summary(problems: list[SheetProblem]) -> str:
    rows = len({(p.file, p.row) for p in problems if p.row})
    where = f"，涉及 {rows} 行" if rows else ""
    return f"共发现 {len(problems)} 个问题{where}。没有写入任何文件：请在表格里逐条改好，再重新导入。"
