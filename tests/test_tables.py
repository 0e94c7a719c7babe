"""Tables that read on a phone: each body cell carries its column's name (generator/pages/tables.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.pages.tables import label_cells


def cells(html: str) -> list[list[tuple[str | None, str]]]:
    table = BeautifulSoup(str(html), "html.parser")
    return [
        [(cell.get("data-label"), cell.get_text()) for cell in row.find_all(["td", "th"])] for row in table.tbody.find_all("tr")
    ]


def test_every_body_cell_is_labelled_with_its_columns_heading():
    html = (
        '<div><table>\n<caption>表</caption>\n<thead><tr><th scope="col">年份</th><th scope="col">网上销售额<br>（万元）</th>'
        '<th scope="col">R&amp;D "说明"</th></tr></thead>\n<tbody>\n<tr><th scope="row">2014</th><td>320</td><td>a&lt;td</td></tr>\n'
        "<tr><td>2015</td><td>610.5</td><td>—</td></tr>\n</tbody>\n</table></div>"
    )
    out = label_cells(html)
    assert cells(out) == [
        [("年份", "2014"), ("网上销售额（万元）", "320"), ('R&D "说明"', "a<td")],
        [("年份", "2015"), ("网上销售额（万元）", "610.5"), ('R&D "说明"', "—")],
    ]
    assert "<table data-stack>" in out  # three columns: cards on every phone
    assert BeautifulSoup(str(out), "html.parser").thead.find(attrs={"data-label": True}) is None


def test_a_two_column_table_is_labelled_but_stays_a_table_outside_large_text_mode():
    out = label_cells(
        "<table><thead><tr><th>时间</th><th>内容</th></tr></thead><tbody><tr><td>上午</td><td>开店</td></tr></tbody></table>"
    )
    assert cells(out) == [[("时间", "上午"), ("内容", "开店")]]
    assert "data-stack" not in out
