"""The site on a 360 × 740 phone in its three display modes (normal, 大字, 高对比度), as a reader sees it
in Debian's headless Chromium, served under the sub-path /ecommerce/: the header names the site and the
page in full, nothing jumps while a page loads, no table or chart is wider than the screen, every tap
target is big enough in 大字 mode."""

from __future__ import annotations

import json
import re

import pytest
from browser import DESKTOP, PHONE, screenshot
from conftest import ROOT
from test_site import SHIPPED

from generator.content.siteconfig import SiteConfig

pytestmark = pytest.mark.browser
CONFIG = SiteConfig.read(ROOT / "mkdocs.yml")
SITE = SHIPPED.site
MODES = {"normal": {}, "large": {"large": True}, "contrast": {"contrast": True}}
LONGEST = max(SITE.all(), key=lambda record: len(record.display_name)) if SITE else None
TRAINING = SITE.of("training")[0] if SITE else None
# Every layout shift a page makes while it loads (not those right after the reader's own input)
LAYOUT_SHIFTS = """window.layoutShifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries())
  if (!entry.hadRecentInput) window.layoutShifts.push(entry.value); }).observe({type: 'layout-shift', buffered: true});"""


@pytest.fixture
def phone(chromium, site_url):
    """A phone in one display mode, chosen as a reader who pressed its button earlier (kept on the device)."""
    contexts = []

    def open_page(path: str, mode: str):
        context = chromium.new_context(viewport=PHONE, locale="zh-CN")
        contexts.append(context)
        context.add_init_script(f"localStorage.setItem('display-mode', {json.dumps(json.dumps(MODES[mode]))})")
        context.add_init_script(LAYOUT_SHIFTS)
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(site_url + path, wait_until="networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def header_names(page) -> dict:
    """The header's shown name (the site's, or the page's once its title has scrolled away): its text,
    whether all of it shows, and where it is."""
    return page.evaluate("""() => {
        const title = document.querySelector('.md-header__title');
        const topics = [...title.querySelectorAll('.md-header__topic')];
        const shown = topics.find(t => getComputedStyle(t).opacity === '1') || topics[0];
        const text = shown.querySelector('.md-ellipsis');
        const box = text.getBoundingClientRect(), header = document.querySelector('.md-header').getBoundingClientRect();
        const search = document.querySelector('.site-search-button').getBoundingClientRect();
        return {text: text.textContent.trim(), cut: text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1,
                inside: box.left >= 0 && box.right <= search.left && box.top >= header.top && box.bottom <= header.bottom,
                lines: Math.round(box.height / parseFloat(getComputedStyle(text).lineHeight))};
    }""")


@pytest.mark.parametrize("mode", MODES)
def test_the_header_shows_the_sites_and_the_pages_whole_name(phone, mode):
    page = phone(LONGEST.page_url, mode)
    site = header_names(page)
    assert site["text"] == CONFIG.site_name
    assert not site["cut"] and site["inside"], site
    assert site["lines"] <= 2, site
    page.mouse.wheel(0, 600)  # the page's title scrolls away: the header names the page instead
    page.wait_for_function("document.querySelector('.md-header__title--active') !== null")
    page.wait_for_timeout(500)  # Material's cross-fade
    record = header_names(page)
    assert record["text"] == LONGEST.display_name
    assert not record["cut"] and record["inside"], record
    screenshot(page, f"phone-header-scrolled-{mode}")
    # the buttons that change the mode are there, under the header rather than in its row
    buttons = page.locator("button.display-toggle:visible")
    assert buttons.all_inner_texts() == ["大字", "高对比度"]
    header = page.locator(".md-header").bounding_box()
    page.mouse.wheel(0, -2000)
    page.wait_for_timeout(300)
    for i in range(2):
        box = buttons.nth(i).bounding_box()
        assert box["y"] >= header["y"] + header["height"] - 1 and box["x"] + box["width"] <= PHONE["width"]
    assert page.console_errors == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", ["enterprises/", "trainings/", "cases/", ""])
def test_nothing_moves_while_a_page_loads(phone, path, mode):
    """The directories' filters used to appear after the cards were drawn and push them down."""
    page = phone(path, mode)
    page.wait_for_timeout(500)
    if path != "":
        assert page.locator("form.filters").is_visible()
    assert page.evaluate("window.layoutShifts") == []
    assert page.console_errors == []


def with_figures(type_name: str, field: str):
    return next(record for record in SITE.of(type_name) if record.get(field))


TABLE_PAGES = ["progress/", "data/"] + (
    [
        with_figures("enterprise", "figures").page_url,
        with_figures("park", "figures").page_url,
        with_figures("industry-platform", "figures").page_url,
        with_figures("training", "syllabus").page_url,
    ]
    if SITE
    else []
)
# Tables and charts whose right edge is off the screen, or whose box hides part of them (to be scrolled)
TOO_WIDE = """() => [...document.querySelectorAll('.md-content table, .md-content figure.chart, .md-content figure.chart img')]
    .map(e => { const box = e.getBoundingClientRect(), scroller = e.closest('.table-scroll, .md-typeset__scrollwrap');
        const hidden = [e, ...(scroller ? [scroller, scroller.querySelector('.md-typeset__scrollwrap')] : [])]
            .filter(Boolean).some(s => s.scrollWidth > s.clientWidth + 1);
        return [e.querySelector('caption')?.textContent || e.tagName, box.left < 0 || box.right > innerWidth || hidden]; })
    .filter(([, wide]) => wide).map(([name]) => name)"""
# Table cells whose text is smaller than the page's running text
SMALL_CELLS = """() => { const body = parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize);
    return [...document.querySelectorAll('.md-content td')].filter(td => parseFloat(getComputedStyle(td).fontSize) < body - 0.5)
        .map(td => td.textContent.trim().slice(0, 10) + ' ' + getComputedStyle(td).fontSize + ' < ' + body + 'px'); }"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_every_column_of_every_table_and_every_chart_fits_the_screen(phone, path, mode):
    page = phone(path, mode)
    assert page.locator(".md-content table").count() >= 1
    assert page.evaluate(TOO_WIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if mode == "large":
        assert page.evaluate(SMALL_CELLS) == []
    # a row shown as a card names each of its values: the column's heading shows beside it
    stacked = page.locator("table[data-stack] td[data-label]")
    if mode == "large" or stacked.count():
        cell = page.locator(".md-content td[data-label]").first if mode == "large" else stacked.first
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{cell.get_attribute("data-label")}"'
    if path == "progress/":
        page.locator("table").first.scroll_into_view_if_needed()
        screenshot(page, f"phone-table-{mode}")
    assert page.console_errors == []


@pytest.mark.parametrize("mode", MODES)
def test_home_tiles_keep_their_words_whole_and_the_hero_buttons_apart(phone, mode):
    page = phone("", mode)
    tiles = page.evaluate("""() => [...document.querySelectorAll('ul.key-figures a')].map(a => {
        const number = a.querySelector('strong'), name = a.querySelector('span');
        const lines = e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight));
        return {name: name.textContent, nameLines: lines(name), numberLines: lines(number),
                fits: a.getBoundingClientRect().right <= innerWidth}; })""")
    assert len(tiles) >= 6
    broken = [tile for tile in tiles if tile["nameLines"] != 1 or tile["numberLines"] != 1 or not tile["fits"]]
    assert broken == []  # "家示范企/业", "个电子商/务产业园" no more
    buttons = page.locator(".hero__actions .md-button")
    first, second = buttons.nth(0).bounding_box(), buttons.nth(1).bounding_box()
    apart_x = second["x"] - (first["x"] + first["width"])
    apart_y = second["y"] - (first["y"] + first["height"])
    assert max(apart_x, apart_y) >= 8, (first, second)
    page.locator("ul.key-figures").scroll_into_view_if_needed()
    screenshot(page, f"phone-home-figures-{mode}")
    assert page.console_errors == []


# Everything a reader can tap on the page (the drawer's menu included), smaller than 44 × 44 px
SMALL_TARGETS = """() => [...document.querySelectorAll('a[href], button, select, input, label.md-icon')]
    .filter(e => e.offsetParent !== null && e.closest('.md-header, .display-toggles, .md-main, .md-footer, .site-search'))
    .map(e => [(e.textContent.trim() || e.getAttribute('aria-label') || e.className).slice(0, 12), e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.width < 43.5 || r.height < 43.5))
    .map(([t, r]) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`)"""
NEWS_POST = "news/notice-december-shop-classes/"


@pytest.mark.parametrize("path", ["", "enterprises/", "trainings/", "progress/", "news/", NEWS_POST, "search/"])
def test_every_tap_target_is_at_least_44_px_in_large_text_mode(phone, path):
    page = phone(path, "large")
    assert page.evaluate(SMALL_TARGETS) == []
    if path == "search/":  # the search page opens the search at once
        page.get_by_role("searchbox", name="搜索", exact=True).fill("滕州")
        page.wait_for_selector(".site-search__result", timeout=20000)
        page.locator(".site-search__toggle").click()
        assert page.evaluate(SMALL_TARGETS) == []
        screenshot(page, "phone-search-large")
    assert page.console_errors == []


def test_a_news_post_says_what_its_date_and_category_are(built_site):
    text = (built_site / NEWS_POST / "index.html").read_text(encoding="utf-8")
    assert "元数据" not in text and "发布信息" in text


@pytest.mark.parametrize("mode", MODES)
def test_the_whole_card_is_its_links_tap_target(phone, mode):
    page = phone("enterprises/", mode)
    misses = page.evaluate("""() => [...document.querySelectorAll('ul.cards > li')].slice(0, 8).flatMap(card => {
        const title = card.querySelector('a.card__title');
        const at = (fx, fy) => { // a point of the card (fractions of its box), scrolled to the middle of the screen
          const top = card.getBoundingClientRect().top + scrollY;
          window.scrollTo({top: top - innerHeight / 3, behavior: 'instant'});
          const box = card.getBoundingClientRect();
          return document.elementFromPoint(box.left + 4 + fx * (box.width - 8), box.top + 4 + fy * (box.height - 8)); };
        return [[0, 1], [1, 0.5], [0.5, 1], [1, 1]].map(([fx, fy]) => at(fx, fy))
          .filter(hit => !hit || hit.closest('a') !== title).map(() => card.textContent.trim().slice(0, 10)); })""")
    assert misses == []
    assert page.locator("ul.cards a").count() == page.locator("ul.cards > li").count()  # one link a card, none nested


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", [t.page_url for t in SITE.of("training")] if SITE else [])
def test_a_class_prints_on_one_sheet_with_its_qr_code_and_the_footer(visit, path):
    page = visit(path, viewport=DESKTOP)
    assert page.locator("figure.qr").is_visible()  # on a big screen, for a TV or a desktop
    page.emulate_media(media="print")
    assert page.locator("figure.qr svg").is_visible() and page.locator(".site-footer").is_visible()
    qr, title = page.locator("figure.qr").bounding_box(), page.locator(".md-content h1").bounding_box()
    assert qr["y"] < title["y"] + title["height"] and qr["x"] >= title["x"] + title["width"]  # beside the title
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_the_qr_code_is_left_out_on_the_phone_that_shows_the_page(visit):
    page = visit(TRAINING.page_url)
    assert page.locator("figure.qr").count() == 1 and not page.locator("figure.qr").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("mode", MODES)
def test_nothing_moves_while_a_numbered_page_of_a_directory_loads(chromium, big_site_url, mode):
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    context.add_init_script(f"localStorage.setItem('display-mode', {json.dumps(json.dumps(MODES[mode]))})")
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    page.goto(big_site_url + "enterprises/page/2/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert page.locator("form.filters").is_visible() and page.locator("ul.cards > li").count() > 10
    assert page.evaluate("window.layoutShifts") == []
    context.close()


@pytest.mark.parametrize("mode", ["normal", "large"])
def test_nothing_moves_when_the_charts_load_as_the_reader_scrolls(phone, mode):
    page = phone("progress/", mode)
    for image in page.locator("figure.chart img:visible").all():  # lazy: each loads as it comes near
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    page.wait_for_timeout(300)
    assert page.evaluate("window.layoutShifts") == []
