"""The progress page's charts (generator/outputs/charts.py) as drawn: a zero says "0", years that do not
follow each other are drawn apart with a break mark, every chart also drawn for 大字 mode."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.outputs.charts import LARGE, bar_chart, column_chart, labels_of, year_breaks

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[tuple[float, float, str, float]]:
    root = ET.fromstring(svg)
    return [(float(t.get("x")), float(t.get("y")), t.text, float(t.get("font-size"))) for t in root.iter(f"{SVG}text")]


def axis_label_x(svg: str, word: str) -> float:
    return next(x for x, _, text, _ in texts(svg) if text == word)


def test_a_zero_bar_says_0():
    column = column_chart("每年举办的培训班（期）", ["2014", "2015"], [("已举办", [0, 3])])
    year_x = axis_label_x(column, "2014")
    assert any(text == "0" and abs(x - year_x) < 1 for x, _, text, _ in texts(column))  # over 2014, not the axis's 0
    bars = bar_chart("各区（市）的产业园", [("市中区", 2), ("薛城区", 0)])
    薛城 = next(y for _, y, text, _ in texts(bars) if text == "薛城区")
    assert any(text == "0" and abs(y - 薛城) < 1 for _, y, text, _ in texts(bars))


def test_an_empty_stack_says_0_once_and_an_empty_part_of_a_stack_nothing():
    svg = column_chart("认定", ["2014", "2015"], [("市级", [0, 2]), ("省级", [0, 0])], stacked=True)
    year_x = axis_label_x(svg, "2014"), axis_label_x(svg, "2015")
    zeros = [x for x, _, text, _ in texts(svg) if text == "0" and x in year_x]
    assert zeros == [year_x[0]]


def test_years_that_do_not_follow_each_other_are_drawn_apart_with_a_break_mark():
    assert year_breaks(["2014", "2025", "2026"]) == {1}
    assert year_breaks(["2014", "2015", "2016"]) == set()
    assert year_breaks(["市中区", "薛城区"]) == set()
    apart = column_chart("每年", ["2014", "2025", "2026"], [("已举办", [1, 2, 3])])
    together = column_chart("每年", ["2014", "2015", "2016"], [("已举办", [1, 2, 3])])
    gap = axis_label_x(apart, "2025") - axis_label_x(apart, "2014")
    step = axis_label_x(apart, "2026") - axis_label_x(apart, "2025")
    assert gap >= 1.4 * step  # the missing years take room
    assert len(re.findall(r"<line [^>]*stroke-width=\"1.5\"", apart)) == 2  # the break mark: two strokes
    assert 'stroke-width="1.5"' not in together
    steps = [axis_label_x(together, b) - axis_label_x(together, a) for a, b in (("2014", "2015"), ("2015", "2016"))]
    assert abs(steps[0] - steps[1]) < 0.2


def test_the_large_text_charts_have_larger_labels_and_still_fit():
    rows = [("农副土特产品", 12), ("煤及煤化工产品", 3), ("社区服务", 0)]
    normal = bar_chart("各行业收录的记录", rows)
    with labels_of(LARGE):
        large = bar_chart("各行业收录的记录", rows)
    assert {size for _, _, text, size in texts(normal) if text != "各行业收录的记录"} == {14}
    assert {size for _, _, text, size in texts(large) if text != "各行业收录的记录"} == {LARGE}
    assert bar_chart("各行业收录的记录", rows) == normal  # the size is the block's only
    width = float(ET.fromstring(large).get("viewBox").split()[2])
    assert all(0 <= x <= width for x, *_ in texts(large))


def test_a_long_title_wraps_without_leaving_a_bracket_alone():
    with labels_of(LARGE):
        svg = bar_chart("各区（市）的电子商务产业园（个）", [("市中区", 1)])
    lines = [text for _, _, text, size in texts(svg) if size == LARGE + 1]
    assert lines == ["各区（市）的电子商务产业园", "（个）"]
