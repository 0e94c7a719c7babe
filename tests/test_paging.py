"""Numbered pages: every directory and every district, industry and program list is cut into pages
a phone can take, and every record is reachable through them without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import PHONE, screenshot
from bs4 import BeautifulSoup
from conftest import TODAY

from generator.content.validate import check_content
from generator.pages.paging import PAGE_SIZE, PREVIEW_SIZE, paginate


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def crawl_list(site: Path, first: str) -> tuple[list[str], list[str]]:
    """Follow a list's numbered page links from its first page: (pages visited, record links seen)."""
    seen, records, queue = [], [], [first]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        page = html(site, url)
        records += [a["href"] for a in page.select("ul.cards a.card__title")]
        for link in page.select("nav.pager a[href]"):
            target = (Path(url) / link["href"]).as_posix()
            queue.append(
                str(
                    Path(target).resolve().relative_to(Path("/").resolve())
                    if target.startswith("/")
                    else Path("/" + target).resolve()
                ).lstrip("/")
                + "/"
            )
    return seen, records


def test_pages_are_numbered_and_cut_at_the_page_size():
    pages = paginate(list(range(130)), "enterprises/")
    assert [len(p.items) for p in pages] == [50, 50, 30] and pages[0].doc == "enterprises/index.md"
    assert pages[1].url == "enterprises/page/2/" and pages[2].doc == "enterprises/page/3.md"
    assert paginate(list(range(1000)), "x/")[9].numbers() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert paginate([], "x/")[0].items == []  # an empty directory still has its page


def test_every_enterprise_is_reachable_through_the_numbered_pages(big_site):
    site = check_content(big_site.parent / "content", TODAY).site
    enterprises = site.of("enterprise")
    pages, links = crawl_list(big_site, "enterprises/")
    assert len(pages) == -(-len(enterprises) // PAGE_SIZE) >= 3
    ids = {link.rstrip("/").split("/")[-1] for link in links}
    assert ids == {e.id for e in enterprises} and len(links) == len(enterprises)
    first = html(big_site, "enterprises/")
    assert len(first.select("ul.cards > li")) == PAGE_SIZE
    assert first.select_one("nav.pager [aria-current=page]").get_text() == "1"
    assert first.select_one("nav.pager a[rel=next]")["href"] == "page/2/"
    second = html(big_site, "enterprises/page/2/")
    assert second.h1.get_text() == "示范企业（第 2 页）"
    assert second.select_one("a[rel=prev]")["href"] == "../../" and second.select_one("a[rel=next]")["href"] == "../3/"
    card = second.select_one("ul.cards a.card__title")["href"]
    assert (big_site / "enterprises" / "page" / "2" / card / "index.html").resolve().is_file()


def test_a_district_page_shows_a_few_of_each_type_and_its_list_reaches_them_all(big_site):
    site = check_content(big_site.parent / "content", TODAY).site
    tengzhou = site.taxonomy.get("districts", "滕州市")
    mine = site.in_entry(tengzhou)["enterprise"]
    assert len(mine) > PAGE_SIZE
    overview = html(big_site, "districts/tengzhou/")
    section = overview.find("h2", string=f"示范企业（{len(mine)}）").find_next("ul")
    assert len(section.select("li")) == PREVIEW_SIZE
    more = overview.find("a", string=f"全部 {len(mine)} 家示范企业 →")
    assert more["href"] == "enterprises/"
    pages, links = crawl_list(big_site, "districts/tengzhou/enterprises/")
    assert len(pages) == -(-len(mine) // PAGE_SIZE)
    assert {link.rstrip("/").split("/")[-1] for link in links} == {e.id for e in mine}
    assert html(big_site, "districts/tengzhou/enterprises/").h1.get_text() == "滕州市的示范企业"


def test_no_page_is_heavier_than_150_kb(big_site):
    heavy = [
        (p.relative_to(big_site).as_posix(), p.stat().st_size) for p in big_site.rglob("*.html") if p.stat().st_size > 150 * 1024
    ]
    assert heavy == []


def test_the_manifest_promises_records_and_directories_not_their_numbered_pages(big_site):
    import json

    urls = set(json.loads((big_site / "manifest.json").read_text(encoding="utf-8"))["urls"])
    assert {"enterprises/", "enterprises/firm-000/", "districts/tengzhou/"} <= urls
    assert (big_site / "enterprises" / "page" / "2" / "index.html").is_file()
    assert (big_site / "districts" / "tengzhou" / "enterprises" / "index.html").is_file()
    assert not [
        url
        for url in urls
        if "/page/" in url or url.startswith("data/filters/") or url.startswith("districts/tengzhou/enterprises/")
    ]


def filtered_pager(page, nav: str = ".listing--filtered nav.pager") -> list[tuple]:
    """(class, rel, aria-label, text) of each page link or mark of a pager."""
    return [
        tuple(x if x != "" or i == 0 else None for i, x in enumerate(part))
        for part in page.eval_on_selector_all(
            nav + " li > *",
            "parts => parts.map(p => [p.className, p.getAttribute('rel') || '', p.getAttribute('aria-label') || '', p.textContent])",
        )
    ]


@pytest.mark.browser
def test_filters_reach_every_match_page_by_page_and_the_url_can_be_shared(chromium, big_site_url, big_site):
    site = check_content(big_site.parent / "content", TODAY).site
    district = site.taxonomy.get("districts", "薛城区")
    expected = [e for e in site.of("enterprise") if e.district == district]
    assert len(expected) > PAGE_SIZE
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(big_site_url + "enterprises/page/2/", wait_until="networkidle")
    assert not any("/data/filters/" in u for u in requests)  # nothing is loaded before the filters are used
    page.select_option("#filter-district", district.id)
    page.wait_for_function("() => /筛选出/.test(document.querySelector('.filters__count').textContent)")
    count = page.locator(".filters__count").inner_text()
    assert count.startswith(f"筛选出 {len(expected)} 家")
    shown = page.locator(".listing--filtered ul.cards > li").all_inner_texts()
    assert len(shown) == PAGE_SIZE and all(district.name in card for card in shown)
    assert any("/data/filters/enterprises.json" in u for u in requests)
    assert f"district={district.id}" in page.url
    screenshot(page, "filters-paged-phone")
    # the filtered pages' links in the server's pager markup (one definition: _macros.md.j2), rel=next too
    assert filtered_pager(page) == [
        ("pager__current", None, None, "1"),
        ("", None, "第 2 页", "2"),
        ("pager__step", "next", None, "下一页"),
    ]
    assert page.locator(".listing--filtered .pager__where").inner_text() == "第 1 / 2 页"
    server = [part for part in filtered_pager(page, "[data-listing] nav.pager") if part[1]]
    assert server == [("pager__step", "prev", None, "上一页"), ("pager__step", "next", None, "下一页")]
    page.locator(".listing--filtered nav.pager a", has_text="2").first.click()
    page.wait_for_function("() => /第 2 \\/ /.test(document.querySelector('.filters__count').textContent)")
    assert filtered_pager(page)[0] == ("pager__step", "prev", None, "上一页")
    second = page.locator(".listing--filtered ul.cards > li a.card__title").all()
    names = {a.inner_text() for a in second}
    assert len(second) == len(expected) - PAGE_SIZE and "page=2" in page.url
    href = second[0].get_attribute("href")
    with page.expect_navigation():
        second[0].click()
    assert page.locator("h1").inner_text() in names and "/enterprises/firm-" in page.url and href
    shared = context.new_page()
    shared.goto(big_site_url + f"enterprises/?district={district.id}&page=2", wait_until="networkidle")
    shared.wait_for_function("() => document.querySelectorAll('.listing--filtered li').length > 0")
    assert {a.inner_text() for a in shared.locator(".listing--filtered a.card__title").all()} == names
    shared.click("form.filters button[type=reset]")
    shared.wait_for_function("() => !document.querySelector('.listing--filtered')")
    assert shared.locator("[data-listing] ul.cards > li").count() == PAGE_SIZE
    context.close()


@pytest.mark.browser
def test_without_javascript_the_numbered_pages_are_there_and_the_filters_are_not(chromium, big_site_url):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(big_site_url + "enterprises/")
    assert page.locator("ul.cards > li").count() == PAGE_SIZE
    assert not page.locator("form.filters").is_visible()
    page.locator("nav.pager a[rel=next]").click()
    assert page.url.endswith("/enterprises/page/2/") and page.locator("ul.cards > li").count() == PAGE_SIZE
    context.close()
