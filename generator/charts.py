"""Static SVG charts made at build time (pygal), with no script and nothing from another host."""
from __future__ import annotations

import re

import pygal
from pygal.style import Style

from .progress import Progress

_STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1f2933", foreground_strong="#1f2933",
    foreground_subtle="#6b7785", colors=("#0b4f8a", "#c77700", "#b3261e", "#2e7d32"),
    font_family='"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif',
    label_font_size=14, major_label_font_size=14, legend_font_size=14, title_font_size=16, value_font_size=13,
)
# js=[]: pygal would otherwise reference its tooltip script on a public CDN.
_COMMON = dict(style=_STYLE, js=[], width=720, height=360, explicit_size=False, print_values=True,
               show_y_guides=True, legend_at_bottom=True, disable_xml_declaration=True, pretty_print=False)


def _svg(chart) -> str:
    svg = chart.render(is_unicode=True)
    # pygal embeds a config script even with js=[]: drop it (charts are pictures, not programs).
    svg = re.sub(r"<script.*?</script>", "", svg, flags=re.S)
    # pygal stamps a random uuid into ids and CSS; replace it so builds are byte-identical.
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "chart", svg)


def classes_chart(progress: Progress) -> str:
    chart = pygal.Bar(title="每年举办的培训班（期）", show_legend=False, **_COMMON)
    years = sorted(set(progress.classes_by_year) | {2014})
    chart.x_labels = [str(y) for y in years]
    chart.add("已举办", [progress.classes_by_year.get(y, 0) for y in years])
    return _svg(chart)


def levels_chart(progress: Progress) -> str:
    chart = pygal.StackedBar(title="认定的示范企业（家次）", **_COMMON)
    years = list(progress.levels_by_year)
    chart.x_labels = [str(y) for y in years]
    for level in progress.level_names:
        chart.add(level, [progress.levels_by_year[y].get(level, 0) for y in years])
    return _svg(chart)


def tally_chart(title: str, rows: list[tuple[str, str, int]]) -> str:
    chart = pygal.HorizontalBar(title=title, show_legend=False, **dict(_COMMON, height=max(240, 34 * len(rows))))
    chart.x_labels = [name for _, name, _ in rows]
    chart.add("记录数", [count for _, _, count in rows])
    return _svg(chart)


def chart_files(progress: Progress) -> dict[str, str]:
    return {
        "progress/classes.svg": classes_chart(progress),
        "progress/levels.svg": levels_chart(progress),
        "progress/districts.svg": tally_chart("各区（市）收录的记录", progress.by_district),
        "progress/industries.svg": tally_chart("各行业收录的记录", progress.by_industry),
    }
