"""The progress page on a phone: charts readable at 360 px (labels ≥ 12 px, nothing overlapping,
whole-number axes) and every table inside its own box."""

from __future__ import annotations

import re

import pytest
from browser import PHONE, screenshot

pytestmark = pytest.mark.browser

CHARTS = ["parks.svg", "platforms.svg", "classes.svg", "levels.svg", "districts.svg", "industries.svg"]

# In the SVG itself: every text's box (in the picture's units) and font size.
TEXT_BOXES = """() => [...document.querySelectorAll('text')].filter(t => t.textContent.trim() && t.getBBox().width > 0)
  .map(t => { const b = t.getBBox(); const m = t.getCTM();
    return {text: t.textContent.trim(), size: parseFloat(getComputedStyle(t).fontSize),
            x: b.x * m.a + m.e, y: b.y * m.d + m.f, w: b.width * m.a, h: b.height * m.d}; })"""


@pytest.mark.parametrize("mode", ["normal", "large"])
def test_charts_have_readable_labels_at_phone_width(visit, site_url, mode):
    """Labels at least 12 px and about as big, next to the text around them, as a chart can make them
    (0.75 of it: in 大字 mode 18 px of 24), nothing cut off or overlapping."""
    page = visit("progress/", viewport=PHONE)
    if mode == "large":
        page.locator("button.display-toggle[data-mode=large]:visible").click()
    text_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize)")
    screenshot(page, f"progress-360-{mode}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    for image in page.locator("figure.chart img:visible").all():  # lazy pictures load when scrolled to
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    shown = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('figure.chart img')].filter(i => i.offsetWidth).map("
        "i => [i.getAttribute('src').split('/').pop(), i.getBoundingClientRect().width]))"
    )
    charts = CHARTS if mode == "normal" else [chart.replace(".svg", "-large.svg") for chart in CHARTS]
    assert set(charts) == set(shown), shown
    if mode == "normal":  # the 大字 pictures are not fetched for a reader who does not use that mode
        assert not [u for u in page.requests if u.endswith("-large.svg")]
    for chart in charts:
        svg = page.context.new_page()
        svg.goto(site_url + "progress/" + chart)
        view_width = float(svg.evaluate("document.documentElement.viewBox.baseVal.width"))
        # the picture's own area (its viewBox) on screen: what an <img> of it shows
        frame = svg.evaluate("""() => { const root = document.documentElement, box = root.viewBox.baseVal,
            m = root.getScreenCTM();
            return {x: box.x * m.a + m.e, y: box.y * m.d + m.f, width: box.width * m.a, height: box.height * m.d}; }""")
        scale = shown[chart] / view_width
        boxes = svg.evaluate(TEXT_BOXES)
        svg.close()
        assert boxes, chart
        for box in boxes:
            assert box["size"] * scale >= max(12, 0.75 * text_size), (chart, box["text"], round(box["size"] * scale, 1))
            inside = (
                box["x"] >= frame["x"] - 1
                and box["y"] >= frame["y"] - 1
                and box["x"] + box["w"] <= frame["x"] + frame["width"] + 1
                and box["y"] + box["h"] <= frame["y"] + frame["height"] + 1
            )
            assert inside, (chart, box["text"], box)  # nothing cut off at the picture's edge
        for i, a in enumerate(boxes):  # no two labels on top of each other
            for b in boxes[i + 1 :]:
                overlap_x = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                overlap_y = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                assert overlap_x <= 1 or overlap_y <= 1, (chart, a["text"], b["text"])
        numbers = [box["text"] for box in boxes if re.fullmatch(r"[0-9.,]+", box["text"])]
        assert numbers and not any("." in n for n in numbers), (chart, numbers)  # counts: whole numbers


def test_every_table_fits_or_scrolls_in_its_own_box(visit):
    for path in ("progress/", "data/"):
        page = visit(path, viewport=PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        # a table fits the screen, or an element around it (ours or the theme's) scrolls sideways
        tables = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => {
            let box = t.parentElement, scrolls = false;
            while (box && box.tagName !== 'ARTICLE') {
              if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
                  && box.getBoundingClientRect().right <= window.innerWidth + 1) { scrolls = true; break; }
              box = box.parentElement;
            }
            return {fits: t.getBoundingClientRect().right <= window.innerWidth + 1, scrolls}; })""")
        assert tables and all(t["fits"] or t["scrolls"] for t in tables), (path, tables)
