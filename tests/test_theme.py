"""What every page carries: the compliance footer, share metadata, the large-text and
high-contrast modes (适老化), keyboard access and print — in the built HTML and in Chromium."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from browser import PHONE, screenshot
from conftest import ROOT
from generator.siteconfig import SiteConfig

CONFIG = SiteConfig.read(ROOT / "mkdocs.yml")
FACTS = dict(CONFIG.compliance)


def soup(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("url", ["", "enterprises/", "cases/", "news/", "guide/taobao/"])
def test_footer_carries_the_filing_facts(built_site, url):
    footer = soup(built_site, url).select_one(".site-footer")
    text = footer.get_text(" ", strip=True)
    for key in ("sponsor", "icp", "police", "site_code"):
        assert FACTS[key] in text, key
    icp = footer.find("a", string=FACTS["icp"])
    assert icp["href"] == FACTS["icp_url"] and "noopener" in icp["rel"]
    police = footer.select_one("a.site-footer__police")
    assert police["href"] == FACTS["police_url"] and police.img["src"].endswith("assets/images/police-badge.svg")
    links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
    assert links["隐私说明"].endswith("privacy/") and links["我要纠错"].endswith("contact/#jiucuo")


def test_share_metadata_on_a_record_page(built_site):
    page = soup(built_site, "enterprises/tengzhou-lunan-nongpin/")
    assert page.title.get_text() == "滕州市鲁南农品电子商务有限公司｜枣庄市电子商务推进行动"
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}
    assert meta["description"] == meta["og:description"] and meta["description"].startswith("把滕州马铃薯")
    assert meta["og:title"] == "滕州市鲁南农品电子商务有限公司"
    assert meta["og:url"] == CONFIG.site_url + "enterprises/tengzhou-lunan-nongpin/"
    assert meta["og:image"].startswith("https://") and meta["og:image"].endswith(".png")
    assert len(page.find_all("link", rel="canonical")) == 1
    assert soup(built_site, "").title.get_text() == CONFIG.site_name


def test_large_text_mode_holds_across_pages_without_breaking_the_phone_layout(visit):
    page = visit("cases/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    button = page.locator("button.display-toggle[data-mode=large]")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    large = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert large >= 20 > normal
    screenshot(page, "large-text-phone")
    page.goto(page.url.split("cases/")[0] + "trainings/", wait_until="networkidle")  # another page
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)") >= 20
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    height = page.evaluate("document.querySelector('.md-typeset .card__title').getBoundingClientRect().height")
    assert height >= 44


def test_high_contrast_mode_turns_text_black_on_white(visit):
    page = visit("enterprises/tengzhou-lunan-nongpin/")
    page.click("button.display-toggle[data-mode=contrast]")
    colours = page.evaluate("""() => {
        const h1 = getComputedStyle(document.querySelector('.md-typeset h1'));
        const body = getComputedStyle(document.querySelector('.md-main'));
        return [h1.color, getComputedStyle(document.body).backgroundColor];
    }""")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    screenshot(page, "high-contrast-phone")


def test_display_buttons_are_reached_by_keyboard_with_a_visible_focus(visit):
    page = visit("")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.mode") == "large":
            break
    else:
        pytest.fail("the 大字 button was not reached by Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")


def test_print_shows_the_record_not_the_chrome(visit):
    page = visit("trainings/weidian-rumen-2026-12/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.display-toggles']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert set(hidden) == {"none"}
    assert page.locator("h1").is_visible() and page.locator("svg.qr__code").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
