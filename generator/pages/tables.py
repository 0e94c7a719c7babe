"""Tables that read on a phone: every data cell carries its column's name (`data-label`), so that
site.css can show a narrow screen each row as a small card of "name value" lines instead of a table
wider than the screen. The generator writes these tables itself (templates, `m.scroll_table`), so their
shape is known: one header row of <th> in <thead>, then rows of <td> (a <th> may head a row)."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)\b")
_TAGS = re.compile(r"<[^>]+>")
STACK_FROM = 3  # columns: a table this wide becomes cards on a phone in every mode (narrower ones in 大字 mode only)


def _label_row(row: re.Match, labels: list[str]) -> str:
    column = iter(labels)
    return _CELL.sub(lambda cell: f'<{cell.group(1)} data-label="{html.escape(next(column, ""), quote=True)}"', row.group(0))


def label_cells(table_html: str) -> Markup:
    """The table(s) with each body cell labelled by its column's heading, and `data-stack` on a table of
    STACK_FROM columns or more."""

    def one_table(match: re.Match) -> str:
        text = match.group(0)
        head = _HEAD.search(text)
        if not head:
            return text
        labels = [html.unescape(_TAGS.sub("", cell)).strip() for cell in _HEADER_CELL.findall(head.group(1))]
        text = _BODY.sub(lambda body: _ROW.sub(lambda row: _label_row(row, labels), body.group(0)), text)
        return text.replace("<table>", "<table data-stack>", 1) if len(labels) >= STACK_FROM else text

    return Markup(re.sub(r"<table>.*?</table>", one_table, str(table_html), flags=re.S))
