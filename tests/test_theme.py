"""What every page carries: the compliance footer, share metadata, the large-text and
high-contrast modes (适老化), keyboard access and print — in the built HTML and in Chromium,
served under the sub-path /ecommerce/ as a column of the bureau's site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser import DESKTOP, PHONE, contrasts_script, screenshot
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY, make_project, run_cli
from PIL import Image
from test_site import SHIPPED

from generator.content.siteconfig import SiteConfig

CONFIG = SiteConfig.read(ROOT / "mkdocs.yml")
FACTS = dict(CONFIG.compliance)
ENTERPRISE = SHIPPED.site.of("enterprise")[0] if SHIPPED.site else None
TRAINING = SHIPPED.site.of("training")[0] if SHIPPED.site else None
# one page of each kind, at each depth below the site root
PAGES = ["", "enterprises/", "cases/", "news/", "guide/taobao/", "privacy/"] + ([ENTERPRISE.page_url] if ENTERPRISE else [])
FONT_SIZE = "parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset p')).fontSize)"


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def public(url: str) -> str:
    """The public address of a site-relative URL."""
    return CONFIG.site_url + url


def own_host_only_and_no_errors(page) -> None:
    """Every request of every page this tab opened went to the test server; nothing was logged as an error."""
    foreign = [
        u for u in page.requests if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != "127.0.0.1"
    ]
    assert foreign == [], foreign
    assert page.console_errors == []


# ---------------------------------------------------------------- built HTML


@pytest.mark.parametrize("url", PAGES)
def test_footer_carries_the_filing_facts_and_links_that_resolve_under_the_sub_path(built_site, url):
    footer = soup(built_site, url).select_one("footer .site-footer")
    assert footer is not None
    text = footer.get_text(" ", strip=True)
    assert f"主办单位：{FACTS['sponsor']}" in text
    assert FACTS["contact"] in text and FACTS["address"] in text
    assert f"政府网站标识码：{FACTS['site_code']}" in text
    icp = footer.find("a", string=FACTS["icp"])
    assert icp["href"] == FACTS["icp_url"]
    police = footer.select_one("a.site-footer__police")
    assert police.get_text(strip=True) == FACTS["police"] and police["href"] == FACTS["police_url"]
    for external in (icp, police):
        assert {"noopener", "noreferrer"} <= set(external["rel"])
    # every link and image in the footer, resolved from this page, lands where it should
    here = public(url)
    badge = urljoin(here, police.img["src"])
    assert badge == public("assets/images/police-badge.svg") and police.img["alt"] == ""
    links = {a.get_text(strip=True): urljoin(here, a["href"]) for a in footer.find_all("a")}
    assert links["隐私说明"] == public(FACTS["privacy_page"].removesuffix(".md") + "/")
    assert links["我要纠错"] == public(FACTS["report_error_page"].removesuffix(".md") + "/#jiucuo")
    assert not any(a["href"].startswith("/") for a in footer.find_all("a"))  # relative: works under any sub-path


def test_footer_targets_exist_in_the_built_site(built_site):
    assert (built_site / FACTS["privacy_page"].removesuffix(".md") / "index.html").exists()
    contact = soup(built_site, FACTS["report_error_page"].removesuffix(".md") + "/")
    assert contact.find(id="jiucuo") is not None
    badge = (built_site / "assets/images/police-badge.svg").read_text(encoding="utf-8")
    assert badge.lstrip().startswith("<svg") and "http" not in badge.replace("http://www.w3.org/2000/svg", "")


def test_previous_next_footer_navigation_is_kept(built_site):
    nav = soup(built_site, "enterprises/").select_one("footer nav.md-footer__inner")
    assert nav is not None
    assert nav.select_one("a.md-footer__link--prev") and nav.select_one("a.md-footer__link--next")


@pytest.mark.parametrize("url", PAGES)
def test_share_metadata_on_every_page(built_site, url):
    page = soup(built_site, url)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}
    title = page.head.find_all("title")
    assert len(title) == 1
    h1 = page.select_one(".md-content h1")
    if url == "":
        assert title[0].get_text() == CONFIG.site_name and meta["og:type"] == "website"
    else:
        assert title[0].get_text() == f"{h1.get_text(strip=True)}｜{CONFIG.site_name}"
        assert meta["og:title"] == h1.get_text(strip=True) and meta["og:type"] == "article"
    assert len(page.find_all("meta", attrs={"name": "description"})) == 1
    assert meta["description"] and meta["og:description"] == meta["description"]
    canonical = page.find_all("link", rel="canonical")
    assert len(canonical) == 1 and canonical[0]["href"] == meta["og:url"] == public(url)
    image = meta["og:image"]
    assert image == public("assets/images/share.png")
    assert (built_site / image.removeprefix(CONFIG.site_url)).is_file()


def test_record_page_description_comes_from_the_record(built_site):
    page = soup(built_site, ENTERPRISE.page_url)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}
    assert meta["description"] == meta["og:description"] == ENTERPRISE.get("summary")
    assert page.title.get_text() == f"{ENTERPRISE.name}｜{CONFIG.site_name}"


def test_not_found_page_is_in_chinese(built_site):
    page = soup(built_site, "404.html")
    assert page.title.get_text() == f"页面不存在｜{CONFIG.site_name}"
    assert page.select_one(".md-content h1").get_text(strip=True) == "页面不存在"
    assert "Not found" not in page.get_text()
    assert page.find("a", string="返回首页")["href"] == urlsplit(CONFIG.site_url).path  # /ecommerce/


def test_page_image_becomes_an_absolute_og_image(tmp_path):
    """A page's own `image` (site-relative, with or without a leading slash, or already absolute)."""
    project = make_project(tmp_path)
    (project / "docs" / "share-a.md").write_text(
        "---\ntitle: 图片甲\ndescription: 甲页说明\nimage: media/demo/photo.jpg\n---\n\n# 图片甲\n", encoding="utf-8"
    )
    (project / "docs" / "share-b.md").write_text(
        "---\ntitle: 图片乙\nimage: https://img.example.gov.cn/b.png\n---\n\n# 图片乙\n", encoding="utf-8"
    )
    (project / "docs" / "share-c.md").write_text("---\ntitle: 图片丙\nimage: /media/c.png\n---\n\n# 图片丙\n", encoding="utf-8")
    result = run_cli("build", "--today", TODAY.isoformat(), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"

    def og(name):
        page = soup(site, f"{name}/")
        return {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}

    a, b, c = og("share-a"), og("share-b"), og("share-c")
    assert a["og:image"] == public("media/demo/photo.jpg") and a["og:description"] == "甲页说明"
    assert b["og:image"] == "https://img.example.gov.cn/b.png"
    assert b["og:description"] == b["description"]  # the site description when the page has none
    assert c["og:image"] == public("media/c.png")
    assert "og:image:width" not in a  # the 1200×630 size is claimed only for the default image


def test_default_share_image_is_a_1200_by_630_png_in_the_site_blue():
    with Image.open(ROOT / "overrides/assets/images/share.png") as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        rgb = image.convert("RGB")
        assert rgb.getpixel((5, 5)) == (0x0B, 0x4F, 0x8A)
        assert rgb.getpixel((1190, 620)) == (0x0B, 0x4F, 0x8A)
        whites = sum(1 for x in range(0, 1200, 4) for y in range(200, 330, 4) if min(rgb.getpixel((x, y))) > 230)
        assert whites > 200  # the white title is drawn on it


def test_nothing_is_loaded_from_another_host(built_site):
    """No CDN, no web fonts, no external image: every resource a page or stylesheet names is the site's own."""
    offenders = []
    for path in built_site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (
            ("script", "src"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
            ("link", "href"),
        ):
            for node in page.find_all(tag):
                value = node.get(attr) or ""
                if tag == "link" and not {
                    "stylesheet",
                    "icon",
                    "preload",
                    "preconnect",
                    "modulepreload",
                    "manifest",
                    "dns-prefetch",
                } & set(node.get("rel") or []):
                    continue
                if re.match(r"(https?:)?//", value):
                    offenders.append(f"{path.relative_to(built_site)}: <{tag} {attr}={value}>")
    for path in (built_site / "assets").rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text) + re.findall(
            r"@import\s+['\"]?(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", text
        ):
            if not url.startswith("http://www.w3.org/"):
                offenders.append(f"{path.relative_to(built_site)}: {url}")
    assert offenders == []


def test_the_display_buttons_are_in_the_html_and_shown_only_by_the_head_script(built_site):
    """Written into the page (they take their room before the first paint), twice: in the header row for
    wide screens and in a strip under the header for phones; without JavaScript they could not work, so
    only the head script's .js class shows them."""
    page = soup(built_site, "")
    groups = page.select(".display-toggles")
    assert [g["class"][1] for g in groups] == ["display-toggles--header", "display-toggles--strip"]
    assert groups[0].find_parent("nav", class_="md-header__inner") is not None
    assert groups[1].find_parent("header") is None
    for group in groups:
        assert [(b["data-mode"], b.get_text()) for b in group.select("button")] == [("large", "大字"), ("contrast", "高对比度")]
    head_script = "".join(s.get_text() for s in page.head.find_all("script") if not s.get("src"))
    assert 'localStorage.getItem("display-mode")' in head_script  # the choice is applied in the head
    assert 'classList.add("js")' in head_script


# ---------------------------------------------------------------- in Chromium


def test_share_metadata_in_the_browser(visit):
    page = visit(ENTERPRISE.page_url)
    assert page.title() == f"{ENTERPRISE.name}｜{CONFIG.site_name}" and "｜" in page.title()
    image = page.get_attribute("meta[property='og:image']", "content")
    parts = urlsplit(image)
    assert parts.scheme == "https" and parts.netloc == urlsplit(CONFIG.site_url).netloc
    assert page.get_attribute("meta[property='og:url']", "content") == public(ENTERPRISE.page_url)
    assert page.locator("link[rel=canonical]").count() == 1
    own_host_only_and_no_errors(page)


def test_footer_in_the_browser_links_to_the_filing_sites_and_the_sites_own_pages(visit, site_url):
    page = visit("enterprises/")
    footer = page.locator("footer .site-footer")
    footer.scroll_into_view_if_needed()
    assert footer.is_visible()
    assert page.locator(f"footer a:has-text('{FACTS['icp']}')").get_attribute("href") == FACTS["icp_url"]
    assert page.locator("footer a.site-footer__police").get_attribute("href") == FACTS["police_url"]
    badge = page.locator("footer a.site-footer__police img")
    assert badge.evaluate("img => img.complete && img.naturalWidth > 0")  # the local badge loaded
    assert badge.bounding_box()["width"] == 16
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "theme-footer-phone")
    page.locator(".site-footer a", has_text="我要纠错").click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "contact/#jiucuo"
    assert page.locator("#jiucuo").is_visible()
    page.locator(".site-footer a", has_text="隐私说明").click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "privacy/" and page.locator(".md-content h1").is_visible()
    own_host_only_and_no_errors(page)


def test_buttons_are_real_toggle_buttons_visible_at_360_px(visit):
    page = visit("")
    buttons = page.locator("button.display-toggle:visible")
    assert buttons.all_inner_texts() == ["大字", "高对比度"]
    for i in range(2):
        button = buttons.nth(i)
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 40
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "theme-normal-phone")
    own_host_only_and_no_errors(page)


def test_large_text_mode_holds_across_pages_without_breaking_the_phone_layout(visit):
    page = visit("cases/")
    normal = page.evaluate(FONT_SIZE)
    button = page.locator("button.display-toggle[data-mode=large]:visible")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    large = page.evaluate(FONT_SIZE)
    assert large >= 20 > normal
    assert json.loads(page.evaluate("localStorage.getItem('display-mode')"))["large"] is True
    # the class must already be there when the parser reaches <body>: applied in the head, no flash
    page.context.add_init_script("""new MutationObserver((_, observer) => { if (document.body) {
        window.classAtBody = document.documentElement.className; observer.disconnect(); } })
        .observe(document, {childList: true, subtree: true});""")
    for path in ("", "trainings/", ENTERPRISE.page_url, "guide/"):  # other pages: the choice is kept
        page.goto(page.url.split("/ecommerce/")[0] + "/ecommerce/" + path, wait_until="networkidle")
        assert "large-text" in page.evaluate("window.classAtBody"), path
        assert page.evaluate("document.documentElement.classList.contains('large-text')")
        assert page.locator("button.display-toggle[data-mode=large]:visible").get_attribute("aria-pressed") == "true"
        assert page.evaluate(FONT_SIZE) >= 20, path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        small = page.evaluate("""() => [...document.querySelectorAll(
              '.md-header button, .md-header label.md-icon, .md-content a, .md-content select, .md-content button, .site-footer a')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim().slice(0, 12), e.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && (r.width < 44 || r.height < 44))
            .map(([t, r]) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`)""")
        assert small == [], (path, small)  # touch targets at least 44 × 44 px
        if path == "":
            screenshot(page, "theme-large-text-phone")
    page.locator("button.display-toggle[data-mode=large]:visible").click()  # and off again
    assert not page.evaluate("document.documentElement.classList.contains('large-text')")
    assert page.evaluate(FONT_SIZE) < 20
    own_host_only_and_no_errors(page)


CONTRASTS = contrasts_script("""
  const picks = ['.md-content h1', '.md-content p', '.md-content a', '.md-content dt', '.md-content .card__meta',
                 '.md-content .badge', '.md-content .status', '.md-header__topic', '.display-toggles--strip .display-toggle',
                 '.display-toggles--strip .display-toggle[aria-pressed=true]', '.site-footer', '.site-footer a', '.md-footer__title'];
  const out = {};
  for (const s of picks) { const e = document.querySelector(s); if (e) out[s] = Math.round(ratio(e) * 10) / 10; }
  out.header = getComputedStyle(document.querySelector('.md-header')).backgroundColor;
  out.link = getComputedStyle(document.querySelector('.md-content p a, .md-content dd a')).color;
  return out;
""")


def test_high_contrast_mode_changes_colours_to_at_least_7_to_1(visit):
    page = visit(ENTERPRISE.page_url)
    before = page.evaluate(CONTRASTS)
    page.click("button.display-toggle[data-mode=contrast]:visible")
    page.wait_for_timeout(400)  # Material fades link colours over 125 ms
    after = page.evaluate(CONTRASTS)
    assert after["header"] != before["header"] and after["header"] == "rgb(0, 0, 0)"
    assert after["link"] != before["link"]
    low = {selector: ratio for selector, ratio in after.items() if isinstance(ratio, (int, float)) and ratio < 7}
    assert low == {}, low
    assert len([k for k, v in after.items() if isinstance(v, (int, float))]) >= 8  # measured enough elements
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content dd a')).textDecorationLine") == "underline"
    screenshot(page, "theme-high-contrast-phone")
    page.goto(page.url.split("/ecommerce/")[0] + "/ecommerce/trainings/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")  # kept on the next page
    low = {s: r for s, r in page.evaluate(CONTRASTS).items() if isinstance(r, (int, float)) and r < 7}
    assert low == {}, low
    own_host_only_and_no_errors(page)


@pytest.mark.parametrize("mode", ["normal", "contrast"])
def test_tab_from_the_top_reaches_the_buttons_with_a_visible_focus(visit, mode):
    page = visit("")
    if mode == "contrast":
        page.click("button.display-toggle[data-mode=contrast]:visible")
        page.goto(page.url, wait_until="networkidle")  # start again from the top of a fresh page
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert skip[0] == "跳转至" and page.locator(skip[1]).count() == 1  # Material's skip link and its target
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.mode") == "large":
            break
    else:
        pytest.fail("the 大字 button was not reached by Tab")
    focus = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,
                getComputedStyle(document.querySelector('.md-header')).backgroundColor]; }""")
    assert focus[0] != "none" and focus[1] >= 2 and focus[2] != focus[3]  # an outline that shows on the header
    screenshot(page, f"theme-focus-{mode}-phone")
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.mode") == "contrast"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')") == (mode == "normal")
    own_host_only_and_no_errors(page)


def test_without_javascript_there_are_no_buttons(visit):
    page = visit("", javascript=False)
    assert page.locator("button.display-toggle:visible").count() == 0
    assert page.locator("footer .site-footer").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    own_host_only_and_no_errors(page)


def test_both_modes_on_a_phone_keep_the_layout(visit):
    page = visit("enterprises/")
    page.click("button.display-toggle[data-mode=large]:visible")
    page.click("button.display-toggle[data-mode=contrast]:visible")
    for path in ("enterprises/", ENTERPRISE.page_url, "guide/", "progress/"):
        page.goto(page.url.split("/ecommerce/")[0] + "/ecommerce/" + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert page.evaluate(FONT_SIZE) >= 20
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    screenshot(page, "theme-both-modes-footer-phone")
    own_host_only_and_no_errors(page)


def test_print_shows_the_record_not_the_chrome(visit):
    page = visit(ENTERPRISE.page_url, viewport=DESKTOP)
    page.click("button.display-toggle[data-mode=large]:visible")  # a reader's screen mode does not change the sheet
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
        '.site-search-button', '.display-toggles--header', '.display-toggles--strip', '.md-footer__inner', '.md-top']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator(".md-content h1").is_visible() and page.locator("dl.facts").is_visible()
    assert page.locator(".site-footer").is_visible()  # the footer facts stay, small
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.site-footer')).fontSize)") < 12
    after = "(s) => getComputedStyle(document.querySelector(s), '::after').content"
    external = [
        a
        for a in page.locator(".md-content a[href^='http']").all()
        if a.inner_text().strip().rstrip("/") != a.get_attribute("href").rstrip("/")
    ]
    if external:  # a shop: its address follows its name
        href = external[0].get_attribute("href")
        assert href in external[0].evaluate("a => getComputedStyle(a, '::after').content")
    internal = page.locator(".md-content dd a[href^='../']").first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    bare = page.locator(".md-content a.link--bare")  # the website, already written out: not twice
    if bare.count():
        assert bare.first.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    assert page.evaluate(after, ".md-content h1") in ("none", "normal")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    own_host_only_and_no_errors(page)


def loaded(page: BeautifulSoup) -> set[str]:
    """The theme's own scripts and stylesheets a page loads (file names)."""
    urls = [s["src"] for s in page.select("script[src]")] + [link["href"] for link in page.select("link[rel=stylesheet]")]
    return {url.rsplit("/", 1)[-1] for url in urls if "/assets/" in url or url.startswith("assets/")}


def test_a_page_loads_only_the_theme_files_it_needs(built_site):
    """A record page's first visit carries the search's loader, not the dialog (search.js), the
    filters' styles or the status script; the pages that show filters, page links or a training's
    status load those, the filters' styles before the form they style."""
    record = loaded(soup(built_site, ENTERPRISE.page_url))
    assert {"search-loader.js", "site.css"} <= record
    assert not record & {"search.js", "search.css", "filters.css", "filters.js", "status.js"}, record
    directory = soup(built_site, "enterprises/")
    assert {"filters.css", "filters.js"} <= loaded(directory) and "status.js" not in loaded(directory)
    form = directory.select_one("form.filters")
    assert form.find_previous("link", rel="stylesheet")["href"].endswith("assets/stylesheets/filters.css")
    for url in (TRAINING.page_url, "trainings/", ""):  # the home page lists the coming classes
        assert "status.js" in loaded(soup(built_site, url)), url
