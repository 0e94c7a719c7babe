"""Site search (generator/assemble/search_index.py, Pagefind): what the index holds, asked through the
same pagefind.js the browser loads (run in Node), and how a failed index fails the build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, make_project, run_cli
from test_site import SHIPPED, html

from generator.assemble.search_index import SearchIndex, SearchIndexFailed, search_records
from generator.content.siteconfig import SiteConfig
from generator.outputs.manifest import hand_written_pages

QUERY_SCRIPT = ROOT / "tests" / "pagefind_query.mjs"
FOOTER_SPONSOR = dict(SiteConfig.read(ROOT / "mkdocs.yml").compliance)["sponsor"]
# Pages that list records (or hold no content of their own): never in the index, or their record
# names would drown the record pages in results.
LISTINGS = [
    "",
    "enterprises/",
    "cases/",
    "trainings/",
    "parks/",
    "industry-platforms/",
    "districts/",
    "industries/",
    "programs/",
    "districts/tengzhou/",
    "industries/agri-products/",
    "programs/p1515x2/",
    "news/",
    "progress/",
    "data/",
    "search/",
    "404.html",
]
HAND_WRITTEN = {"guide/": "指南", "guide/taobao/": "指南", "policy/": "政策", "about/": "关于本站", "privacy/": "关于本站"}


def query(site: Path, *queries: str | dict) -> list[dict]:
    """Ask the site's Pagefind index, every result of every query (see pagefind_query.mjs)."""
    if not shutil.which("node"):
        pytest.skip("node is not installed (apt-get install nodejs)")
    asked = [q if isinstance(q, dict) else {"query": q} for q in queries]
    done = subprocess.run(
        ["node", str(QUERY_SCRIPT), str(site)], input=json.dumps(asked), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def urls(answer: dict) -> list[str]:
    return [r["url"] for r in answer["results"]]


# ---------------------------------------------------------------- the bundle and what goes in


def test_the_bundle_is_at_the_site_root_and_indexes_records_and_hand_written_pages(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.4.0"  # pinned: 1.5 segments queries and the index differently
    assert list(entry["languages"]) == ["zh"]
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    # every record, and the hand-written guide, policy, news posts and about pages (not the news
    # index, a listing, nor the search help page)
    docs = ROOT / "docs"
    hand_written = [
        p
        for p in hand_written_pages(docs)
        if p.relative_to(docs).as_posix().startswith(("guide/", "news/posts/"))
        or p.relative_to(docs).as_posix() in ("policy.md", "about.md", "contact.md", "privacy.md")
    ]
    assert entry["languages"]["zh"]["page_count"] == len(SHIPPED.site.all()) + len(hand_written)


def test_what_goes_in_for_a_record_and_for_a_hand_written_page():
    by_url = {e.url: e for e in search_records(SHIPPED.site, ROOT / "docs")}
    assert list(by_url) == sorted(by_url)  # a fixed order: the same site, the same bundle
    for url in LISTINGS:
        assert "/" + url not in by_url, url
    for record in SHIPPED.site.all():
        found = by_url["/" + record.page_url]
        assert found.title == record.display_name and found.type == record.type.short
        district = record.get("district") or (record.get("venue") or {}).get("district")
        assert found.district == (district.name if district else "")
        if record.get("summary"):
            assert record.summary in found.content
        # the text starts with what it is, where, and its summary: the sentence a result shows
        assert found.content.startswith(found.summary) and found.summary.startswith(record.type.short + "，")
        assert found.summary.endswith("。" + (record.get("summary") or "")) and "\n" not in found.summary
        assert (found.end != "") == (record.type.name == "training")
    for url, kind in HAND_WRITTEN.items():
        assert by_url["/" + url].type == kind and by_url["/" + url].content, url
    news = [e for e in by_url.values() if e.url.startswith("/news/")]
    assert news and all(e.type == "新闻" for e in news)


def test_every_page_has_the_search_button_linking_to_the_help_page(built_site):
    for url in ["", "enterprises/", SHIPPED.site.of("case")[0].page_url, "guide/taobao/", "404.html"]:
        page = html(built_site, url)
        link = page.select_one(".md-header a[data-site-search]")
        assert link is not None and link["aria-label"] == "搜索", url
        assert not link.has_attr("data-preview")
    assert html(built_site, "404.html").select_one("a[data-site-search]")["href"] == "/ecommerce/search/"
    assert html(built_site, "enterprises/").select_one("a[data-site-search]")["href"] == "../search/"
    help_page = html(built_site, "search/")
    assert "JavaScript" in help_page.get_text() and help_page.find("a", string="示范企业") is not None


def test_no_page_names_a_pagefind_file(built_site):
    """Pagefind is imported by search.js when the reader opens the search: no page links, preloads or
    prefetches any of its files."""
    for path in built_site.rglob("*.html"):
        if "pagefind" in path.relative_to(built_site).parts:
            continue
        assert "pagefind/" not in path.read_text(encoding="utf-8"), path
    script = (built_site / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    # (search.js is minified at build: no space after the comma)
    assert re.search(r'import\(new URL\("pagefind/pagefind\.js",\s*base\)', script) and '"/pagefind/' not in script


# ---------------------------------------------------------------- asked through pagefind.js


def test_an_inner_word_of_a_name_finds_the_record_with_its_type_and_district(built_site):
    cooperative = next(e for e in SHIPPED.site.of("enterprise") if "石榴" in e.name)
    story = next(c for c in SHIPPED.site.of("case") if "马铃薯" in c.title)
    found = {a["query"]: a for a in query(built_site, "石榴", "马铃薯", "滕州")}
    hit = next(r for r in found["石榴"]["results"] if r["url"] == "/" + cooperative.page_url)
    assert hit["title"] == cooperative.name and hit["type"] == "企业" and hit["district"] == cooperative.district.name
    assert "<mark>" in hit["excerpt"]
    assert "/" + story.page_url in urls(found["马铃薯"])
    tengzhou = {"/" + r.page_url for r in SHIPPED.site.of("enterprise") if r.district.name == "滕州市"}
    assert tengzhou <= set(urls(found["滕州"]))


def test_no_listing_page_comes_back_and_a_record_is_found_once(built_site):
    enterprise = SHIPPED.site.of("enterprise")[0]
    words = ["石榴", "滕州", "示范", "企业", enterprise.district.name, enterprise.industry.name]
    listings = {"/" + url for url in LISTINGS}
    for answer in query(built_site, *words):
        assert answer["count"] and not listings & set(urls(answer)), answer["query"]
        assert len(urls(answer)) == len(set(urls(answer))), answer["query"]


def test_qr_blocks_footers_badges_and_bodies_are_not_in_the_indexed_text(built_site):
    story = SHIPPED.site.of("case")[0]
    answer = query(built_site, {"query": story.title, "content": True})[0]
    page = next(r for r in answer["results"] if r["url"] == "/" + story.page_url)
    text = page["content"]
    assert story.title in text and story.summary in text and story.district.name in text
    for platform in story.platforms:
        assert platform.name in text
    body = story.story.strip().splitlines()[0].strip("# ")
    for left_out in (
        "用手机扫码打开本页",  # the QR block
        "www.example.gov.cn",  # its address
        FOOTER_SPONSOR,
        "政府网站标识码",  # the footer
        "示例",  # the example badge
        "所在区县",
        "发布日期",  # the labels of the facts
        body[:12],
    ):  # the story itself (kept small for phones)
        assert left_out not in text, left_out


def test_filters_by_type_and_district(built_site):
    district = "峄城区"
    answers = query(
        built_site,
        "石榴",
        {"query": "石榴", "filters": {"type": "致富典型"}},
        {"query": "石榴", "filters": {"district": district}},
        {"query": "开店", "filters": {"type": "指南"}},
    )
    everything, stories, in_district, guides = answers
    assert stories["results"] and {r["type"] for r in stories["results"]} == {"致富典型"}
    assert stories["count"] < everything["count"]
    assert in_district["results"] and {r["district"] for r in in_district["results"]} == {district}
    assert guides["results"] and all(r["url"].startswith("/guide/") for r in guides["results"])


# ---------------------------------------------------------------- failures and the other ways to build


def test_index_failures_are_reported_in_chinese(tmp_path):
    with pytest.raises(SearchIndexFailed, match="搜索索引失败：没有可以搜索的内容"):
        SearchIndex([])
    index = SearchIndex(search_records(SHIPPED.site, ROOT / "docs")).start()
    blocker = tmp_path / "site"
    blocker.write_text("not a folder", encoding="utf-8")  # the bundle cannot be written there
    with pytest.raises(SearchIndexFailed, match="搜索索引失败"):
        index.write(blocker)


def test_a_build_whose_index_fails_leaves_the_previous_site_untouched(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert run_cli("build", "--today", TODAY.isoformat(), cwd=project).returncode == 0
    before = {p.relative_to(project / "site").as_posix(): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert "pagefind/pagefind.js" in before
    # a broken Pagefind install: the program the index needs is gone
    import pagefind_bin_extended

    binary = Path(pagefind_bin_extended.__file__).parent
    env = {"PYTHONPATH": f"{tmp_path / 'nopagefind'}:{ROOT}"}
    (tmp_path / "nopagefind" / "pagefind_bin_extended").mkdir(parents=True)
    (tmp_path / "nopagefind" / "pagefind_bin_extended" / "__init__.py").write_text(
        "def get_executable():\n    raise FileNotFoundError('pagefind_extended')\n", encoding="utf-8"
    )
    assert binary.exists()
    failed = subprocess.run(
        [__import__("sys").executable, "-m", "generator", "build", "--today", TODAY.isoformat()],
        cwd=project,
        env={**__import__("os").environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert failed.returncode == 1
    assert "搜索索引失败" in failed.stderr and "site/ 保持不变" in failed.stderr and "Traceback" not in failed.stderr
    after = {p.relative_to(project / "site").as_posix(): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before and not list(project.glob(".site.*"))


def test_plain_mkdocs_build_indexes_through_the_plugin(tmp_path, valid_content):
    import os
    import sys

    project = make_project(tmp_path, valid_content.root)
    env = dict(os.environ, CAMPAIGN_TODAY=TODAY.isoformat(), PYTHONPATH=str(ROOT), DISABLE_MKDOCS_2_WARNING="true")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    entry = json.loads((project / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] >= 3
    assert "搜索索引" in done.stderr
