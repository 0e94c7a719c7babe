"""Static SVG bar charts made at build time: no script, nothing from another host, the same bytes
for the same figures.

Drawn for a phone first. The picture is WIDTH units wide, about the width of the text column on a
360 px phone, so its 14-unit labels show at 13 px or more there (the page shows it at most 420 px
wide on a desktop). Every label is placed from an estimate of its width (a Chinese character is a
full em, a digit about half), so nothing overlaps or is cut off; counts have whole-number axes.
The numbers are also in a table under each chart (progress.md.j2).

Every chart is drawn twice: `x.svg` with 14-unit labels and `x-large.svg` with labels the size of
大字 mode's text (LARGE), laid out again for them (the page shows the one of the reader's mode): a
picture's labels cannot follow the page's text size, and scaling them up inside one layout would make
them overlap. Years that do not follow each other (2014, 2025) are drawn apart, with a break mark on
the axis between them, never as if they were consecutive; a zero is written as "0", not left blank.

(Written here rather than with a charting library: the one we used sized labels for Latin text,
so Chinese district names were cut off and legends fell outside the picture on a phone.)
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from xml.sax.saxutils import escape

from .progress import Progress

WIDTH = 320
LABEL = 14  # axis, value and legend labels
TITLE = 15
LARGE = 20  # labels of the 大字 version: about 0.85 of that mode's 24 px text, as 14 is of the normal 17 px
LARGE_SUFFIX = "-large"
_label_size: ContextVar[int] = ContextVar("label_size", default=LABEL)  # the size the charts are drawn with now


@contextmanager
def labels_of(size: int):
    """Draw the charts made inside this block with labels of this size (and titles one unit larger)."""
    token = _label_size.set(size)
    try:
        yield
    finally:
        _label_size.reset(token)


def label() -> int:
    return _label_size.get()


def title_size() -> int:
    return label() + TITLE - LABEL


PAD = 8
COLOURS = ("#0b4f8a", "#c77700", "#b3261e", "#2e7d32")
INK, MUTED, GRID = "#1f2933", "#4b5563", "#c9d2dc"
FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans CJK",sans-serif'


def text_width(text: str, size: int | None = None) -> float:
    """About how wide a label is drawn: a Chinese character is a full em, a digit or letter about 0.6."""
    size = size or label()
    return sum(size if ord(c) > 0x2E80 else size * 0.6 for c in str(text))


def whole_numbers(largest: int, most: int = 6) -> list[int]:
    """Axis marks for counts: whole numbers only, at most about `most` steps of them."""
    largest = max(1, int(largest))
    most = max(1, most)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**4, 10**5, 10**6) if largest / s <= most)
    return list(range(0, largest + step, step))


def _text(
    x: float, y: float, content: object, size: int | None = None, anchor: str = "start", colour: str = INK, weight: str = "normal"
) -> str:
    size = size or label()
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{colour}"'
        f"{' font-weight=' + chr(34) + weight + chr(34) if weight != 'normal' else ''}>{escape(str(content))}</text>"
    )


OPENING, CLOSING = "（《“", "）》”，。、："


def _wrap(title: str, size: int) -> list[str]:
    """A title in lines that fit, never ending a line with an opening bracket or starting one with a closing one."""
    lines, line = [], ""
    for char in title:
        if text_width(line + char, size) > WIDTH - 2 * PAD and line:
            carried = ""
            while len(line) > 1 and (line[-1] in OPENING or (char in CLOSING and not carried)):
                carried, line = line[-1] + carried, line[:-1]
            lines.append(line)
            line = carried
        line += char
    return [*lines, line] if line else lines


def _svg(title: str, height: float, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f"font-family='{FONT}'><title>{escape(title)}</title>"
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="#fff"/>' + "".join(parts) + "</svg>\n"
    )


def _title(title: str) -> tuple[list[str], float]:
    size = title_size()
    lines = _wrap(title, size)
    leading = round(size * 1.5)  # a line's glyph box is about 1.45 em high
    parts = [_text(WIDTH / 2, PAD + size + leading * i, line, size, "middle", weight="bold") for i, line in enumerate(lines)]
    return parts, PAD + size + leading * (len(lines) - 1) + 4 + PAD


def _legend(names: list[str], top: float) -> tuple[list[str], float]:
    """Swatches and names in rows under the chart; returns the parts and the height used."""
    if len(names) < 2:
        return [], 0
    size = label()
    parts, x, y = [], PAD, top + size
    for index, name in enumerate(names):
        width = size + 4 + text_width(name) + 14
        if x + width > WIDTH - PAD and x > PAD:
            x, y = PAD, y + size + 8
        parts.append(
            f'<rect x="{x:.1f}" y="{y - size + 2:.1f}" width="{size - 2}" height="{size - 2}" fill="{COLOURS[index % 4]}"/>'
        )
        parts.append(_text(x + size + 4, y, name))
        x += width
    return parts, y - top + 6


def year_breaks(categories: list[str]) -> set[int]:
    """The places of an axis of years where years are missing (2014, 2025: a break before 2025)."""
    if len(categories) < 2 or not all(c.isdigit() and len(c) == 4 for c in categories):
        return set()
    return {i for i in range(1, len(categories)) if int(categories[i]) - int(categories[i - 1]) > 1}


def _break_mark(x: float, y: float) -> str:
    """Two short slanted strokes across the axis: the years in between are left out."""
    return (
        "".join(
            f'<line x1="{x + dx - 3:.1f}" x2="{x + dx + 3:.1f}" y1="{y + 6:.1f}" y2="{y - 6:.1f}" stroke="{MUTED}" stroke-width="1.5"/>'
            for dx in (-3, 3)
        )
        + f'<rect x="{x - 4:.1f}" y="{y - 1:.1f}" width="8" height="2" fill="#fff"/>'
    )


def column_chart(title: str, categories: list[str], series: list[tuple[str, list[int]]], stacked: bool = False) -> str:
    """Vertical bars: one group (or stack) per category, one bar per series, values on the bars."""
    size = label()
    parts, top = _title(title)
    totals = (
        [sum(values[i] for _, values in series) for i in range(len(categories))]
        if stacked
        else [max((values[i] for _, values in series), default=0) for i in range(len(categories))]
    )
    marks = whole_numbers(max(totals, default=1))
    left = PAD + max(text_width(m) for m in marks) + 6
    plot_top, plot_height = top + size + 4, 190  # room above the tallest bar for its value
    bottom = plot_top + plot_height
    scale = plot_height / marks[-1]
    for mark in marks:
        y = bottom - mark * scale
        parts.append(
            f'<line x1="{left:.1f}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-dasharray="{"none" if mark == 0 else "4 3"}"/>'
        )
        parts.append(_text(left - 6, y + size * 0.35, mark, anchor="end", colour=MUTED))
    breaks = year_breaks(categories)
    slot = (WIDTH - PAD - left) / max(1, len(categories) + len(breaks) / 2)  # a break takes half a slot
    bars = 1 if stacked else len(series)
    bar = min(40.0, (slot - 10) / bars)
    start = left
    for i, category in enumerate(categories):
        if i in breaks:
            parts.append(_break_mark(start + slot / 4, bottom))
            start += slot / 2
        x0 = start + (slot - bar * bars) / 2
        base = bottom
        for s, (_, values) in enumerate(series):
            value = values[i]
            x = x0 if stacked else x0 + s * bar
            height = value * scale
            y = (base if stacked else bottom) - height
            if value:
                parts.append(
                    f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{height:.1f}" fill="{COLOURS[s % 4]}"/>'
                )
            if value or not stacked or not totals[i]:  # a zero bar says "0"; a zero part of a stack says nothing
                inside = stacked and height >= size + 4
                parts.append(
                    _text(
                        x + bar / 2,
                        (y + height / 2 + size * 0.35) if inside else y - 4,
                        value,
                        anchor="middle",
                        colour="#fff" if inside else INK,
                    )
                )
            if stacked:
                base = y
            if stacked and not totals[i]:
                break  # one "0" for an empty stack
        parts.append(_text(start + slot / 2, bottom + size + 6, category, anchor="middle"))
        start += slot
    legend, used = _legend([name for name, _ in series], bottom + size + 14)
    return _svg(title, bottom + size + 14 + used + PAD, parts + legend)


def bar_chart(title: str, rows: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per district or industry, in the list's order, the label in front."""
    size = label()
    parts, top = _title(title)
    largest = max((count for _, count in rows), default=1)
    label_width = max((text_width(name) for name, _ in rows), default=0)
    left = PAD + label_width + 8
    # as many axis marks as fit side by side under the bars (fewer with long names or large labels)
    room = WIDTH - PAD - left - text_width(largest * 2)
    marks = whole_numbers(largest, int(room // (text_width(largest * 2) + 8)))
    right = WIDTH - PAD - text_width(marks[-1]) / 2 - 2
    scale = (right - left) / marks[-1]
    row = size + 14
    bottom = top + row * len(rows)
    for mark in marks:
        x = left + mark * scale
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="{GRID}" '
            f'stroke-dasharray="{"none" if mark == 0 else "4 3"}"/>'
        )
        parts.append(_text(x, bottom + size + 6, mark, anchor="middle", colour=MUTED))
    for i, (name, count) in enumerate(rows):
        y = top + row * i
        parts.append(_text(left - 8, y + row / 2 + size * 0.35, name, anchor="end"))
        width = count * scale
        if count:
            parts.append(f'<rect x="{left:.1f}" y="{y + 4:.1f}" width="{width:.1f}" height="{row - 8}" fill="{COLOURS[0]}"/>')
        fits = width >= text_width(count) + 8
        parts.append(  # the count at the bar's end, inside when it fits; a zero says "0" beside the axis
            _text(
                left + width - 4 if fits else left + width + 4,
                y + row / 2 + size * 0.35,
                count,
                anchor="end" if fits else "start",
                colour="#fff" if fits else INK,
            )
        )
    return _svg(title, bottom + size + 6 + PAD, parts)


def _charts(progress: Progress) -> dict[str, str]:
    classes = progress.aims.get("classes_per_year") or {}
    years = sorted(set(progress.classes_by_year) | ({classes["year"]} if classes else set()))
    level_years = list(progress.levels_by_year)
    return {
        "progress/classes.svg": column_chart(
            "每年举办的培训班（期）", [str(y) for y in years], [("已举办", [progress.classes_by_year.get(y, 0) for y in years])]
        ),
        "progress/levels.svg": column_chart(
            "认定的示范企业（家次）",
            [str(y) for y in level_years],
            [(level, [progress.levels_by_year[y].get(level, 0) for y in level_years]) for level in progress.level_names],
            stacked=True,
        ),
        "progress/districts.svg": bar_chart("各区（市）收录的记录", [(name, count) for _, name, count in progress.by_district]),
        "progress/industries.svg": bar_chart("各行业收录的记录", [(name, count) for _, name, count in progress.by_industry]),
        f"progress/{progress.parks_per_district_chart}": bar_chart(
            "各区（市）的电子商务产业园（个）", [(row.district.name, len(row.built)) for row in progress.parks_per_district]
        ),
        "progress/platforms.svg": column_chart(
            "行业电商平台：目标和已建成（个）",
            [str(row.year) for row in progress.platform_years],
            [("目标", [row.aim for row in progress.platform_years]), ("已建成", [row.built for row in progress.platform_years])],
        ),
    }


def chart_files(progress: Progress) -> dict[str, str]:
    """Every chart at the normal size (x.svg) and for 大字 mode (x-large.svg)."""
    files = _charts(progress)
    with labels_of(LARGE):
        files.update({name.removesuffix(".svg") + LARGE_SUFFIX + ".svg": svg for name, svg in _charts(progress).items()})
    return files


def chart_sizes(files: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Each chart's drawn width and height (its viewBox), for the page's <img width height>: the page keeps
    a lazy picture's room before it loads, so nothing moves when the reader scrolls to it."""
    return {name.removeprefix("progress/"): _size(svg) for name, svg in files.items()}


def _size(svg: str) -> tuple[int, int]:
    _, _, width, height = svg.split('viewBox="', 1)[1].split('"', 1)[0].split()
    return int(float(width)), int(float(height))
