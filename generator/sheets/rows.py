"""A row of a sheet as the shared checks see a YAML file, and their Problems as sheet messages.

The checks (generator.content.validate and the schema) ask a `Loaded` where the value at a field
path is, and put the answer into each Problem as its line and column. A `SheetRow` answers with
its row number and a handle of the path asked about; `sheet_problem` turns the handle back into
the cell the field came from (the column letter and the header as the sheet writes it) and, for a
value inside a cell (an item of a list, a part of a sub-record), the words that find it there.
So the messages are the check's own, with the suggestions, at `第 12 行:C 列（所在区县）`.
"""

from __future__ import annotations

from ..content.loader import Loaded
from ..content.problems import Problem
from ..content.schemas import MISSING_REQUIRED
from .columns import Column, columns
from .problems import SheetProblem

EMPTY_REQUIRED = "这是必填项，不能空着，请填写"


class SheetRow(Loaded):
    """One row: its data (nested like a YAML record's) and the column each field path came from."""

    def __init__(self, file: str, number: int, data: dict, cells: dict[tuple, int], source: str = ""):
        super().__init__(file, data)
        self.number = number  # the row as the spreadsheet numbers it
        self.cells = cells  # field path -> 0-based column index
        self.source = source  # the YAML file an updated row changes ("" for a new record)
        self.asked: list[tuple] = []  # the paths `where` was asked about: a Problem's column is 1 + an index here

    def where(self, path: tuple) -> tuple[int, int]:
        self.asked.append(tuple(path))
        return self.number, len(self.asked)

    def where_in(self, path: tuple, text: str, offset: int) -> tuple[int, int]:
        return self.where(path)  # a place inside a cell's text is the cell

    def path_of(self, problem: Problem) -> tuple | None:
        if problem.line == self.number and 0 < problem.column <= len(self.asked):
            return self.asked[problem.column - 1]
        return None

    def cell_of(self, path: tuple) -> tuple[tuple, int] | None:
        """The column path and index holding the value at path (or, for a group, its first column)."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.cells:
                return path[:end], self.cells[path[:end]]
        inside = sorted((index, key) for key, index in self.cells.items() if key[: len(path)] == path)
        return (inside[0][1], inside[0][0]) if inside and path else None


def _column(type_name: str, path: tuple) -> Column | None:
    return next((c for c in columns(type_name) if c.path == path), None)


def _inside(type_name: str, column_path: tuple, inner: tuple) -> str:
    """`第 2 项的认定级别：` for a value inside a cell."""
    if not inner or not isinstance(inner[0], int):
        return ""
    words = f"第 {inner[0] + 1} 项"
    column = _column(type_name, column_path)
    if len(inner) > 1 and column is not None:
        part = next((p for p in column.parts if p.path[-1] == inner[1]), None)
        words += f"的{part.title if part else inner[1]}"
    return words + "："


def sheet_problem(
    type_name: str, row: SheetRow, problem: Problem, headings: dict[int, str], skip: set[tuple] = frozenset()
) -> SheetProblem | None:
    """The message for one Problem of a row's checks; None for one already reported otherwise
    (a field whose column the sheet lacks is reported once, at the header: paths in skip)."""
    path = row.path_of(problem)
    if path is None:  # not from this row's checks (cannot happen; kept whole rather than lost)
        return SheetProblem(row.file, row.number, -1, "", f"{problem.field}: {problem.message}")
    if any(path == missing[: len(path)] for missing in skip):
        return None
    message = problem.message
    if message.startswith(MISSING_REQUIRED):
        message = EMPTY_REQUIRED
    found = row.cell_of(path)
    if found is None:  # a field the sheet has no column for: it comes from the record's file
        origin = f"{row.source} 里的 " if row.source else ""
        return SheetProblem(row.file, row.number, -1, "", f"{origin}{problem.field}: {message}")
    column_path, index = found
    inner = path[len(column_path) :] if path[: len(column_path)] == column_path else ()
    return SheetProblem(row.file, row.number, index, headings.get(index, ""), _inside(type_name, column_path, inner) + message)
