"""The shipped sample content, built as a visitor gets it: assertions on the HTML of site/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY

from generator.content.registry import TYPES
from generator.content.siteconfig import SiteConfig
from generator.content.status import event_status
from generator.content.validate import check_content

SHIPPED = check_content(ROOT / "content", TODAY)
SUB_PATH = urlsplit(SiteConfig.read(ROOT / "mkdocs.yml").site_url).path  # /ecommerce/


def html(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if url.endswith("/") or url == "" else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_shipped_content_is_valid_and_large_enough():
    assert SHIPPED.problems == [], [p.format() for p in SHIPPED.problems]
    site = SHIPPED.site
    assert all(len(site.of(t.name)) >= 5 for t in TYPES)  # a directory, filters and a home page worth looking at
    assert len(site.of("enterprise")) >= 12 and len(site.of("case")) >= 8 and len(site.of("training")) >= 6
    assert len({e.district.id for e in site.of("enterprise")}) >= 5
    assert len({e.industry.id for e in site.of("enterprise")}) >= 6
    statuses = {event_status(t, TODAY).code for t in site.of("training")}
    assert "finished" in statuses and statuses & {"open", "soon", "closed-registration"} and "cancelled" in statuses
    assert all(r.get("example") for r in site.all())


@pytest.mark.parametrize("record", SHIPPED.site.all() if SHIPPED.site else [], ids=lambda r: r.page_url)
def test_every_record_has_its_page(built_site, record):
    page = html(built_site, record.page_url)
    assert page.html["lang"].startswith("zh")
    assert page.h1.get_text(strip=True) == record.display_name
    assert page.select_one(".badge--example").get_text() == "示例"
    assert page.select_one("svg.qr__code") is not None
    text = page.get_text()
    if record.get("summary"):
        assert record.summary in text
    # records are kept out of the navigation: no page's nav links to a record
    nav_links = [a["href"] for a in page.select("nav.md-nav--primary a[href]")]
    folders = "|".join(re.escape(t.folder) for t in TYPES)
    assert not any(re.search(rf"({folders})/[a-z0-9-]+/$", h) for h in nav_links)


def test_record_appears_in_its_district_industry_and_directory(built_site):
    site = SHIPPED.site
    for record in site.all():
        for folder, entry in (("districts", record.get("district")), ("industries", record.get("industry"))):
            if entry is None or isinstance(entry, list):
                continue
            links = {a["href"] for a in html(built_site, f"{folder}/{entry.id}/").select("a[href]")}
            assert f"../../{record.page_url}" in links, (record.id, folder)
        directory = html(built_site, f"{record.type.folder}/")
        assert directory.select_one(f'a[href="../{record.page_url}"]') is not None


def test_story_and_enterprise_link_each_other(built_site):
    linked = [c for c in SHIPPED.site.of("case") if c.get("enterprise")]
    assert linked
    for story in linked:
        page = html(built_site, story.page_url)
        assert page.select_one(f'a[href="../../enterprises/{story.enterprise}/"]') is not None
        enterprise = html(built_site, f"enterprises/{story.enterprise}/")
        assert enterprise.select_one(f'a[href="../../{story.page_url}"]') is not None


def test_training_directory_lists_upcoming_first_with_statuses(built_site):
    page = html(built_site, "trainings/")
    sections = page.select("ul.cards")
    upcoming = [s.get_text() for s in sections[0].select(".status")]
    past = [s.get_text() for s in sections[1].select(".status")]
    assert upcoming and set(upcoming) <= {"报名中", "即将开始", "报名已截止", "进行中"}
    assert past and set(past) <= {"已结束", "已取消"}


def test_home_page_counts_and_entries(built_site):
    page = html(built_site, "")
    figures = {  # <strong>14<small>家</small></strong><span>示范企业</span>
        li.select_one("small").get_text() + li.select_one("span").get_text(): int(li.select_one("strong").contents[0])
        for li in page.select("ul.key-figures li")
    }
    assert figures["家示范企业"] == len(SHIPPED.site.of("enterprise"))
    assert figures["篇致富典型"] == len(SHIPPED.site.of("case"))
    assert figures["个电子商务产业园"] == len(SHIPPED.site.of("park"))
    assert figures["个行业电商平台"] == len(SHIPPED.site.of("industry-platform"))
    hrefs = {a["href"] for a in page.select("a[href]")}
    assert {"guide/", "trainings/", "enterprises/", "cases/"} <= hrefs


def test_hand_written_pages_are_built(built_site):
    for url in (
        "guide/",
        "guide/taobao/",
        "guide/jd/",
        "guide/pinduoduo/",
        "guide/douyin/",
        "guide/weidian/",
        "policy/",
        "about/",
        "contact/",
        "privacy/",
        "news/",
        "data/",
        "progress/",
    ):
        assert html(built_site, url).h1 is not None, url


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_page_loads_anything_from_another_host(built_site):
    for path, page in _pages(built_site):
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
        ):
            for element in page.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and element.get("rel") in (["canonical"], ["alternate"])):
                    continue
                assert not urlsplit(value).netloc and not value.startswith("//"), (path, tag, value)


def test_every_internal_link_resolves(built_site):
    missing = set()
    for path, page in _pages(built_site):
        base = "/" + path.relative_to(built_site).as_posix()
        for element in page.find_all(["a", "link", "script", "img"]):
            value = element.get("href") or element.get("src")
            if not value or urlsplit(value).scheme or value.startswith(("#", "//")):
                continue
            target = unquote(urlsplit(urljoin(base, value)).path)
            if path.name == "404.html" and target.startswith(SUB_PATH):  # 404 links from the site root
                target = "/" + target[len(SUB_PATH) :]
            file = built_site / target.lstrip("/")
            if target.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                missing.add((base, value))
    assert missing == set()


def test_no_script_or_handler_from_records(built_site):
    for path, page in _pages(built_site):
        for element in page.select(".record, .record__body, ul.cards"):
            assert element.find("script") is None, path
            for tag in element.find_all(True):
                assert not any(a.startswith("on") for a in tag.attrs), (path, tag)


def test_no_private_numbers_published(built_site):
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".csv", ".json", ".xml", ".ics"):
            assert not mobile.search(path.read_text(encoding="utf-8")), path


def test_manifest_lists_every_record_url(built_site):
    urls = set(json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))["urls"])
    assert {r.page_url for r in SHIPPED.site.all()} <= urls
    assert {"news/", "guide/", "data/enterprises.csv"} <= urls


def test_news_feed_is_readable_by_a_feed_reader(built_site):
    import feedparser

    feed = feedparser.parse((built_site / "feed_rss_created.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert any("系列报道" in t for t in titles) and any("培训通知" in t for t in titles)
    assert all(e.link.startswith("https://") and "/news/" in e.link for e in feed.entries)
    updates = feedparser.parse((built_site / "data" / "updates.xml").read_bytes())
    assert not updates.bozo and len(updates.entries) >= len(SHIPPED.site.of("case"))


def test_news_posts_have_ascii_urls(built_site):
    posts = [p for p in (built_site / "news").iterdir() if p.is_dir() and p.name not in ("archive", "category", "page")]
    assert len(posts) >= 3
    assert all(re.fullmatch(r"[a-z0-9-]+", p.name) for p in posts)
