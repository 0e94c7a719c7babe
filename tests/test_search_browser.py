"""The site search in Debian's headless Chromium, used like a reader: on a phone (360 px) and a
desktop, opened with the header button or "/", queries typed, pasted and committed through an input
method, results followed, filtered, closed with Esc; served under the sub-path /ecommerce/."""

from __future__ import annotations

import json
import re

import pytest
from browser import DESKTOP, PHONE, contrasts_script, screenshot
from conftest import ROOT, TODAY
from test_site import SHIPPED

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HINT = "输入企业名称"  # what the dialog says once Pagefind is loaded and nothing is asked yet
RECORDS = SHIPPED.site.all() if SHIPPED.site else []


def record_named(word: str):
    """The shipped record whose name or title holds word (the tests search for inner words)."""
    found = [r for r in RECORDS if word in r.display_name]
    assert found, word
    return found[0]


def kind_of(record) -> str:
    return record.type.short


def district_of(record) -> str:
    return (record.get("district") or record.venue["district"]).name


def pagefind_requests(page) -> list[str]:
    return [u for u in page.requests if "/pagefind/" in u]


def open_search(page, how: str):
    """Open the search as a reader does; return the search field (focused)."""
    if how == "button":
        page.get_by_role("button", name="搜索", exact=True).click()
    else:  # the keyboard shortcut, from wherever the page is
        page.keyboard.press("/")
    box = page.get_by_role("searchbox", name="搜索", exact=True)
    box.wait_for(state="visible")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "搜索"
    assert box.get_attribute("placeholder") == "搜索"
    return box


def wait_until_loaded(page) -> None:
    page.wait_for_function(f"() => document.querySelector('.site-search__status').textContent.includes('{HINT}')", timeout=20000)


def shown_results(page) -> list[dict]:
    # (the dialog may still be loading: search-loader.js keeps what is typed meanwhile)
    page.wait_for_function(
        """() => document.querySelectorAll('.site-search__result').length > 0
        || /没有找到/.test(document.querySelector('.site-search__status')?.textContent)""",
        timeout=20000,
    )
    return page.evaluate("""() => [...document.querySelectorAll('.site-search__result')].map(li => ({
        title: li.querySelector('.site-search__link').textContent,
        href: li.querySelector('.site-search__link').getAttribute('href'),
        type: li.querySelector('.site-search__type')?.textContent || null,
        district: li.querySelector('.site-search__district')?.textContent || null,
        excerpt: li.querySelector('.site-search__excerpt').textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")


def assert_found(results: list[dict], record, word: str) -> dict:
    hit = next((r for r in results if r["title"] == record.display_name), None)
    assert hit is not None, (word, [r["title"] for r in results])
    assert hit["type"] == kind_of(record) and hit["district"] == district_of(record)
    assert hit["href"] == f"/ecommerce/{record.page_url}"  # under the sub-path, never from "/"
    assert hit["excerpt"] and word in hit["title"] + "".join(hit["marks"]) + hit["excerpt"]  # why it was found
    return hit


def follow(page, record) -> None:
    page.locator(".site-search__link", has_text=record.display_name).first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/ecommerce/{record.page_url}")
    assert page.locator(".md-content h1").inner_text() == record.display_name


def own_host_only_and_no_errors(page, site_url) -> None:
    host = re.match(r"https?://[^/]+", site_url).group(0)
    assert [u for u in page.requests if u.startswith("http") and not u.startswith(host)] == []
    assert page.console_errors == []


# ---------------------------------------------------------------- nothing before it is opened


@pytest.mark.parametrize("path", ["", "enterprises/", "guide/taobao/", "404.html"] + [r.page_url for r in RECORDS[:1]])
def test_no_pagefind_file_is_loaded_before_the_search_is_opened(visit, site_url, path):
    page = visit(path)
    page.mouse.wheel(0, 2000)  # reading the page: scrolling, tabbing
    for _ in range(5):
        page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    assert pagefind_requests(page) == []
    open_search(page, "button")
    wait_until_loaded(page)
    loaded = pagefind_requests(page)
    assert any(u.endswith("/ecommerce/pagefind/pagefind.js") for u in loaded), loaded
    assert not any(u.endswith((".pf_index", ".pf_fragment", ".pf_filter")) for u in loaded)  # no query yet
    own_host_only_and_no_errors(page, site_url)


# ---------------------------------------------------------------- typing, pasting, an input method


@pytest.mark.parametrize(
    "viewport,how,word",
    [(PHONE, "button", "纺织"), (DESKTOP, "slash", "文创"), (PHONE, "slash", "物流"), (DESKTOP, "button", "剪纸")],
    ids=["phone-button", "desktop-slash", "phone-slash", "desktop-button"],
)
def test_a_typed_query_finds_the_record_and_its_link_leads_there(visit, site_url, viewport, how, word):
    record = record_named(word)
    page = visit("", viewport=viewport)
    box = open_search(page, how)
    box.press_sequentially(word, delay=80)  # key by key, as a hardware keyboard types
    hit = assert_found(shown_results(page), record, word)
    assert page.locator(".site-search__status").inner_text().startswith("找到 ")
    # a first search fetches the chunks of the index it needs, not the filters' files
    assert not any(u.endswith(".pf_filter") for u in pagefind_requests(page))
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        panel = page.locator(".site-search__panel").bounding_box()
        assert panel["x"] == 0 and panel["width"] == PHONE["width"]  # full screen on a phone
    screenshot(page, f"search-typed-{'phone' if viewport is PHONE else 'desktop'}-{how}")
    follow(page, record)
    own_host_only_and_no_errors(page, site_url)
    assert hit["marks"]  # the query is highlighted (in the title or the excerpt)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_pasted_query_is_searched_without_any_key_event(visit, site_url, viewport):
    """A phone's paste (long press, 粘贴) sends no key at all, only an input event."""
    record = record_named("辣子鸡")
    page = visit("", viewport=viewport)
    open_search(page, "button")
    page.evaluate("""() => { window.keys = 0; for (const t of ['keydown', 'keyup', 'keypress'])
        document.addEventListener(t, () => window.keys++, true); }""")
    page.keyboard.insert_text("辣子鸡")
    assert_found(shown_results(page), record, "辣子鸡")
    assert page.evaluate("window.keys") == 0
    own_host_only_and_no_errors(page, site_url)


def test_a_query_pasted_from_the_clipboard_with_ctrl_v(visit, site_url):
    record = record_named("家居")
    page = visit("", viewport=DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    box = open_search(page, "slash")
    page.evaluate("navigator.clipboard.writeText('家居')")
    page.evaluate("""() => { window.pasted = [];
        document.addEventListener('input', e => window.pasted.push(e.inputType), true); }""")
    page.keyboard.press("Control+V")
    assert box.input_value() == "家居"
    assert_found(shown_results(page), record, "家居")
    assert page.evaluate("window.pasted") == ["insertFromPaste"]
    own_host_only_and_no_errors(page, site_url)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_input_method_commit_is_searched_and_its_pinyin_is_not(visit, site_url, viewport):
    """Pinyin being composed (s, sh, shi … shiliu) is not searched; the committed 石榴 is."""
    record = record_named("石榴")
    page = visit("", viewport=viewport)
    open_search(page, "button")
    wait_until_loaded(page)
    cdp = page.context.new_cdp_session(page)
    for pinyin in ("s", "sh", "shi", "shil", "shili", "shiliu"):
        cdp.send("Input.imeSetComposition", {"text": pinyin, "selectionStart": len(pinyin), "selectionEnd": len(pinyin)})
        page.wait_for_timeout(120)
    page.wait_for_timeout(800)  # well past the pause after which a query is searched
    assert [u for u in pagefind_requests(page) if u.endswith(".pf_index")] == []  # nothing was searched
    assert page.locator(".site-search__result").count() == 0
    assert HINT in page.locator(".site-search__status").inner_text()
    cdp.send("Input.imeSetComposition", {"text": "石榴", "selectionStart": 2, "selectionEnd": 2})
    cdp.send("Input.insertText", {"text": "石榴"})  # the reader picks 石榴: compositionend
    assert_found(shown_results(page), record, "石榴")
    assert page.get_by_role("searchbox", name="搜索", exact=True).input_value() == "石榴"
    screenshot(page, f"search-ime-{'phone' if viewport is PHONE else 'desktop'}")
    follow(page, record)
    own_host_only_and_no_errors(page, site_url)


def test_nothing_found_is_said_in_chinese_with_a_way_on(visit, site_url):
    page = visit("")
    open_search(page, "button").fill("鲸鱼")
    assert shown_results(page) == []
    status = page.locator(".site-search__status")
    assert "没有找到与“鲸鱼”相关的内容" in status.inner_text()
    assert status.get_by_role("link", name="示范企业").get_attribute("href").endswith("/ecommerce/enterprises/")
    text = page.locator(".site-search").inner_text()
    assert not re.search(r"[Ss]earch|[Rr]esult|No |Loading", text), text
    own_host_only_and_no_errors(page, site_url)


# ---------------------------------------------------------------- filters, more results


def test_filters_by_type_and_district(visit, site_url):
    page = visit("", viewport=DESKTOP)
    open_search(page, "button").fill("石榴")
    everything = shown_results(page)
    kinds = {r["type"] for r in everything}
    assert {"企业", "致富典型"} <= kinds
    assert not any(u.endswith(".pf_filter") for u in pagefind_requests(page))
    toggle = page.get_by_role("button", name="按类型、区县筛选")
    assert toggle.get_attribute("aria-expanded") == "false" and not page.get_by_label("类型").is_visible()
    toggle.click()  # the filters' choices are fetched now, and the first one gets the focus
    assert toggle.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.id === 'site-search-filter-type'")
    assert any(u.endswith(".pf_filter") for u in pagefind_requests(page))
    type_select = page.get_by_label("类型")
    labels = type_select.locator("option").all_inner_texts()
    assert labels[0] == "全部" and any(re.fullmatch(r"致富典型（\d+）", t) for t in labels), labels
    type_select.select_option("致富典型")
    page.wait_for_function("() => [...document.querySelectorAll('.site-search__type')].every(t => t.textContent === '致富典型')")
    stories = shown_results(page)
    assert stories and len(stories) < len(everything) and {r["type"] for r in stories} == {"致富典型"}
    assert "已筛选" in page.locator(".site-search__status").inner_text()
    type_select.select_option("")
    district = page.get_by_label("区县")
    options = district.locator("option").all_inner_texts()
    assert options[0] == "全部" and {"峄城区", "滕州市"} <= {o.split("（")[0] for o in options}
    district.select_option("滕州市")
    page.get_by_role("searchbox", name="搜索", exact=True).fill("电子商务")
    page.wait_for_function("""() => document.querySelectorAll('.site-search__result').length
        && [...document.querySelectorAll('.site-search__result')].every(li => li.querySelector('.site-search__district')?.textContent === '滕州市')""")
    in_tengzhou = shown_results(page)
    expected = {r.display_name for r in RECORDS if district_of(r) == "滕州市"}
    assert {r["title"] for r in in_tengzhou} <= expected and in_tengzhou
    screenshot(page, "search-filtered-desktop")
    toggle.click()  # closing the filters drops them
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.site-search__district')].every(d => d.textContent === '滕州市')"
    )
    assert page.get_by_label("区县").input_value() == ""
    own_host_only_and_no_errors(page, site_url)


def test_more_results_come_ten_at_a_time(visit, site_url):
    page = visit("")
    open_search(page, "button").fill("电商")
    first = shown_results(page)
    total = int(re.search(r"找到 (\d+) 条", page.locator(".site-search__status").inner_text()).group(1))
    assert total > 10 and len(first) == 10
    more = page.get_by_role("button", name="显示更多结果")
    more.click()
    page.wait_for_function("() => document.querySelectorAll('.site-search__result').length > 10")
    assert page.evaluate("document.activeElement.className") == "site-search__link"  # focus moves to the new ones
    assert page.locator(".site-search__result").count() == min(total, 20)
    own_host_only_and_no_errors(page, site_url)


# ---------------------------------------------------------------- keyboard, closing, accessibility


@pytest.mark.parametrize("how", ["button", "slash"])
def test_escape_closes_and_gives_focus_back_to_the_button(visit, site_url, how):
    page = visit("enterprises/", viewport=DESKTOP)
    box = open_search(page, how)
    assert page.get_by_role("button", name="搜索", exact=True).get_attribute("aria-expanded") == "true"
    box.fill("石榴")
    shown_results(page)
    page.keyboard.press("Escape")
    assert not page.locator(".site-search").is_visible()
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('aria-label')]")
    assert focused == ["BUTTON", "搜索"]
    assert page.get_by_role("button", name="搜索", exact=True).get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")  # open again from the keyboard: the query is still there
    assert page.get_by_role("searchbox", name="搜索", exact=True).input_value() == "石榴"
    own_host_only_and_no_errors(page, site_url)


def test_keyboard_only_reader_reaches_searches_and_opens_a_result(visit, site_url):
    record = record_named("纺织")
    page = visit("", viewport=DESKTOP)
    for _ in range(20):  # Tab from the top of the page to the header's search button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "搜索":
            break
    else:
        pytest.fail("the search button was not reached by Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.keyboard.type("纺织")
    results = shown_results(page)
    assert record.display_name in {r["title"] for r in results}
    first = results[0]["title"]  # the keyboard goes to the first result, whichever record it is
    record = next(r for r in RECORDS if r.display_name == first)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == record.display_name
    for _ in range(8):  # Tab stays inside the open dialog
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.site-search')")
    page.get_by_role("searchbox", name="搜索", exact=True).focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == record.display_name
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/ecommerce/{record.page_url}")
    own_host_only_and_no_errors(page, site_url)


def axe_serious(page) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


CONTRASTS = contrasts_script("""
  const out = {};
  for (const s of ['.site-search__input', '.site-search__status', '.site-search__link', '.site-search__type',
                   '.site-search__district', '.site-search__excerpt', '.site-search__excerpt mark',
                   '.site-search__filter label', '.site-search__filter select', '.site-search__close',
                   '.site-search__toggle'])
    { const e = document.querySelector(s); out[s] = e ? Math.round(ratio(e) * 10) / 10 : null; }
  return out;
""")


@pytest.mark.parametrize(
    "mode",
    [{}, {"large": True}, {"contrast": True}, {"large": True, "contrast": True}],
    ids=["normal", "large", "contrast", "both"],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_open_search_is_accessible_and_readable_in_every_display_mode(chromium, site_url, viewport, mode):
    context = chromium.new_context(viewport=viewport, locale="zh-CN")
    context.add_init_script(f"localStorage.setItem('display-mode', {json.dumps(json.dumps(mode))})")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("button", name="搜索", exact=True).click()
    page.get_by_role("searchbox", name="搜索", exact=True).fill("石榴")
    shown_results(page)
    page.get_by_role("button", name="按类型、区县筛选").click()
    page.wait_for_function("() => document.activeElement.id === 'site-search-filter-type'")
    page.get_by_role("searchbox", name="搜索", exact=True).focus()
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    contrasts = page.evaluate(CONTRASTS)
    floor = 7 if mode.get("contrast") else 4.5
    assert all(contrasts.values()), contrasts
    low = {s: r for s, r in contrasts.items() if r < floor}
    assert low == {}, low
    if mode.get("large"):
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.site-search__excerpt')).fontSize)")
        assert size >= 20
        small = page.evaluate("""() => [...document.querySelectorAll('.site-search button, .site-search input, .site-search select')]
            .filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect())
            .filter(r => r.width < 44 || r.height < 44).length""")
        assert small == 0
    name = "-".join(k for k in ("large", "contrast") if mode.get(k)) or "normal"
    screenshot(page, f"search-{name}-{'phone' if viewport is PHONE else 'desktop'}")
    serious = axe_serious(page)
    context.close()
    assert serious == [], json.dumps(serious, ensure_ascii=False)
    assert errors == []


# ---------------------------------------------------------------- results that read well, in a good order

# The reader's clock on the day the shipped site is built for (conftest.TODAY): which classes have ended
READERS_DAY = f"Date.now = () => Date.parse('{TODAY.isoformat()}T12:00:00+08:00');"


def search_page(chromium, site_url, query: str):
    """The search page with a query in its address, as a shared link opens it."""
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    context.add_init_script(READERS_DAY)
    page = context.new_page()
    page.requests, page.console_errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.goto(f"{site_url}search/?q={query}", wait_until="networkidle")
    return page


def test_the_search_page_searches_the_query_in_its_address_and_keeps_the_next_one_there(chromium, site_url):
    page = search_page(chromium, site_url, "微店")
    results = shown_results(page)
    assert results and page.get_by_role("searchbox", name="搜索", exact=True).input_value() == "微店"
    assert not page.locator(".search-nojs").is_visible()  # "your browser runs no JavaScript" is not said to it
    screenshot(page, "search-page-phone")
    box = page.get_by_role("searchbox", name="搜索", exact=True)
    box.fill("石榴")
    page.wait_for_function("() => decodeURIComponent(location.search) === '?q=石榴'")
    assert any("石榴" in r["title"] for r in shown_results(page))
    page.keyboard.press("Escape")  # closed, the page says how to search again and lists the directories
    assert page.locator(".search-js").is_visible() and page.locator(".md-content a", has_text="示范企业").is_visible()
    own_host_only_and_no_errors(page, site_url)
    page.context.close()


def test_a_result_reads_as_a_sentence_with_the_whole_query_highlighted(chromium, site_url):
    page = search_page(chromium, site_url, "微店")
    results = shown_results(page)
    records = [r for r in results if r["type"] in {t.short for t in {r.type for r in RECORDS}}]
    assert records
    for hit in records:
        record = next(r for r in RECORDS if r.display_name == hit["title"])
        if record.get("summary"):
            assert record.summary in hit["excerpt"]  # what it is and where, then its summary: a sentence
        assert "\n" not in hit["excerpt"]
    marked = [mark for r in results for mark in r["marks"] if "微店" in r["excerpt"]]
    assert marked and set(marked) == {"微店"}, marked  # 微店 whole, never 微 and 店 apart
    own_host_only_and_no_errors(page, site_url)
    page.context.close()


@pytest.mark.parametrize("word", ["滕州", "微店"])
def test_records_named_for_the_query_come_first_and_ended_classes_after_current_ones(chromium, site_url, word):
    page = search_page(chromium, site_url, word)
    results = shown_results(page)
    named = [word in r["title"] for r in results]
    assert any(named) and named == sorted(named, reverse=True), [r["title"] for r in results]
    today = TODAY.isoformat()
    ended = {r.display_name: r.end.date().isoformat() < today for r in RECORDS if r.type.name == "training"}
    for group in (True, False):  # among those named for it, and among the others
        classes = [ended[r["title"]] for r, is_named in zip(results, named) if is_named == group and r["title"] in ended]
        assert classes == sorted(classes), (word, group, classes)
    if word == "微店":
        assert any(ended.get(r["title"]) for r in results) and not all(ended.get(r["title"], True) for r in results)
    screenshot(page, f"search-ranked-{word}-phone")
    page.context.close()


# ---------------------------------------------------------------- every page, no JavaScript


def test_search_works_from_the_404_page(visit, site_url):
    record = record_named("纺织")
    page = visit("404.html")
    open_search(page, "button").fill("纺织")
    assert_found(shown_results(page), record, "纺织")
    own_host_only_and_no_errors(page, site_url)


def test_without_javascript_the_button_leads_to_the_search_help_page(visit, site_url):
    page = visit("cases/", javascript=False)
    link = page.get_by_role("link", name="搜索")
    assert link.is_visible()
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "search/"
    assert "JavaScript" in page.locator(".md-content").inner_text() and page.locator(".search-nojs").is_visible()
    assert not page.locator(".search-js").is_visible()
    page.get_by_role("link", name="示范企业").last.click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "enterprises/"
    assert pagefind_requests(page) == []


def test_a_missing_index_is_said_in_chinese_and_typing_does_not_hide_it(chromium, site_url):
    """As on the preview (`mkdocs serve` builds no index) or a half-copied server: Pagefind is not there."""
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url, wait_until="networkidle")
    open_search(page, "button")
    status = page.locator(".site-search__status")
    page.wait_for_function("() => /搜索暂时无法使用/.test(document.querySelector('.site-search__status').textContent)")
    page.keyboard.insert_text("石榴")
    page.wait_for_timeout(600)
    assert "搜索暂时无法使用" in status.inner_text() and page.locator(".site-search__result").count() == 0
    assert status.get_by_role("link", name="培训班").get_attribute("href").endswith("/ecommerce/trainings/")
    context.close()
