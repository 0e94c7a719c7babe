"""The built sample site in Debian's headless Chromium, as a reader on a phone meets it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import DESKTOP, PHONE, SCREENSHOTS, screenshot
from conftest import ROOT
from test_site import SHIPPED

from generator.content.registry import TYPES

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = [
    "",
    *(f"{t.folder}/" for t in TYPES),  # every type's directory
    "districts/",
    "industries/",
    "programs/",
    "districts/tengzhou/",
    "guide/",
    "news/",
    "data/",
    "progress/",
    "policy/",
    "privacy/",
    "search/",
    "404.html",
]


def record_urls():
    site = SHIPPED.site
    if site is None:  # test_site reports why the shipped content does not load
        return []
    return [site.of(t.name)[0].page_url for t in TYPES]


def own_host_only(page, site_url):
    host = urlsplit(site_url).netloc
    foreign = [u for u in page.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]
    assert foreign == [], foreign


@pytest.mark.parametrize("path", PAGE_TYPES + record_urls())
def test_page_loads_from_own_host_only_without_errors(visit, site_url, path):
    page = visit(path)
    own_host_only(page, site_url)
    assert page.console_errors == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal scroll at 360 px: {width}"


def test_filters_narrow_the_directory_and_the_url_can_be_shared(visit, site_url):
    page = visit("enterprises/")
    total = page.locator("ul.cards > li").count()
    assert page.locator("form.filters").is_visible()
    district = SHIPPED.site.of("enterprise")[0].district
    expected = sum(1 for e in SHIPPED.site.of("enterprise") if e.district == district)
    page.select_option("#filter-district", district.id)
    page.wait_for_function("() => document.querySelector('.listing--filtered')")
    visible = page.locator("ul.cards > li:visible").count()
    assert visible == expected < total
    assert page.locator(".filters__count").inner_text() == f"筛选出 {expected} 家"
    assert f"district={district.id}" in page.url
    screenshot(page, "filters-phone")

    shared = visit(f"enterprises/?district={district.id}")
    shared.wait_for_function("() => document.querySelector('.listing--filtered')")
    assert shared.locator("ul.cards > li:visible").count() == expected
    assert shared.locator("#filter-district").input_value() == district.id
    shared.click("form.filters button[type=reset]")
    shared.wait_for_timeout(100)
    assert shared.locator("ul.cards > li:visible").count() == total


def test_without_javascript_the_full_list_is_there(visit):
    page = visit("enterprises/", javascript=False)
    assert page.locator("ul.cards > li").count() == len(SHIPPED.site.of("enterprise"))
    assert not page.locator("form.filters").is_visible()


def test_filters_on_the_story_directory(visit):
    page = visit("cases/")
    platform = SHIPPED.site.of("case")[0].platforms[0]
    expected = sum(1 for c in SHIPPED.site.of("case") if platform in (c.get("platforms") or []))
    page.select_option("#filter-platform", platform.id)
    page.wait_for_function("() => document.querySelector('.listing--filtered')")
    assert page.locator("ul.cards > li:visible").count() == expected


def test_event_status_is_re_evaluated_in_the_browser(chromium, site_url):
    upcoming = next(t for t in SHIPPED.site.of("training") if t.start.date() > SHIPPED.site.today and not t.get("cancelled"))
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    later = upcoming.end.timestamp() + 3 * 86400
    page.clock.set_fixed_time(later)  # a visitor reading last week's build after the class is over
    page.goto(site_url + upcoming.page_url, wait_until="networkidle")
    assert page.locator(".record__lead .status").inner_text() == "已结束"
    context.close()


def test_keyboard_path_starts_with_the_skip_link(visit):
    page = visit("")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert "跳转至" in focused
    for _ in range(12):
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        tag = page.evaluate("document.activeElement.tagName")
        assert tag in ("A", "BUTTON", "INPUT", "LABEL", "SELECT", "BODY") or outline != "none"


def test_printed_record_page_qr_code_scans_to_its_url(chromium, site_url, tmp_path):
    record = SHIPPED.site.of("enterprise")[0]
    # 3 device pixels per CSS pixel: about what a 300 dpi print gives the 35 mm code
    context = chromium.new_context(viewport=DESKTOP, device_scale_factor=3)
    page = context.new_page()
    page.goto(site_url + record.page_url, wait_until="networkidle")
    page.emulate_media(media="print")
    qr = page.locator("svg.qr__code")
    qr.scroll_into_view_if_needed()
    image = tmp_path / "qr.png"
    qr.screenshot(path=str(image))
    context.close()
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
    if decoded.returncode != 0 and not Path("/usr/bin/zbarimg").exists():
        pytest.skip("zbarimg (Debian zbar-tools) is not installed")
    assert decoded.stdout.strip() == "https://www.example.gov.cn/ecommerce/" + record.page_url


@pytest.mark.parametrize("path", PAGE_TYPES + record_urls())
def test_axe_finds_no_serious_violation(visit, path):
    page = visit(path, viewport=DESKTOP)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


def test_home_page_screenshots_for_review(visit):
    screenshot(visit(""), "home-phone")
    screenshot(visit("", viewport=DESKTOP), "home-desktop")
    screenshot(visit(record_urls()[0]), "enterprise-phone")
    screenshot(visit(record_urls()[2]), "training-phone")
    assert (SCREENSHOTS / "home-phone.png").stat().st_size > 10_000


@pytest.mark.parametrize(
    "mode", [{"large": True}, {"contrast": True}, {"large": True, "contrast": True}], ids=["large", "contrast", "both"]
)
@pytest.mark.parametrize("path", ["", "enterprises/"])
def test_display_modes_keep_contrast_and_layout(chromium, site_url, mode, path):
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    context.add_init_script(f"localStorage.setItem('display-mode', {json.dumps(json.dumps(mode))})")
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
