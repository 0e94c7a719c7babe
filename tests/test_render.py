"""Renderers: the Markdown pages written for each record and listing, as MkDocs will read them."""

from __future__ import annotations

import re

import yaml
from conftest import TODAY

from generator.assemble.pipeline import generated_files
from generator.content.bodies import render_body
from generator.content.validate import check_content


def pages_for(content):
    result = check_content(content.root, TODAY)
    assert result.problems == [], [p.format() for p in result.problems]
    return generated_files(result.site)


def front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    return yaml.safe_load(page.split("---\n")[1])


def test_every_page_is_written(valid_content):
    pages = pages_for(valid_content)
    for path in (
        "index.md",
        "enterprises/index.md",
        "cases/index.md",
        "trainings/index.md",
        "enterprises/lunan-nongpin.md",
        "cases/yicheng-shiliu.md",
        "trainings/weidian-rumen.md",
        "districts/index.md",
        "districts/tengzhou.md",
        "industries/agri-products.md",
        "programs/p1515x2.md",
        "programs/million-shops.md",
    ):
        assert path in pages
    assert len([p for p in pages if p.startswith("districts/")]) == 8  # 7 districts + index


def test_generated_page_names_its_source(valid_content):
    page = pages_for(valid_content)["enterprises/lunan-nongpin.md"]
    assert "lunan-nongpin.yaml" in page.split("---\n", 2)[2].splitlines()[0]


def test_enterprise_page_shows_its_fields(valid_content):
    page = pages_for(valid_content)["enterprises/lunan-nongpin.md"]
    meta = front_matter(page)
    assert meta["title"] == "滕州市鲁南农品电子商务有限公司"
    assert meta["description"] == "把滕州马铃薯卖到全国的农产品网店。"
    for text in (
        "滕州市",
        "农副土特产品",
        "B2C、农村电商",
        "1515x2工程",
        "枣庄市电子商务示范企业",
        "第一批",
        "鲁南农品旗舰店",
        "0632-5551234",
        "滕州市龙泉路 1 号",
        "610.5",
        "<li>淘宝店</li>",
        "示例",
    ):
        assert text in page, text
    assert 'href="../../districts/tengzhou/"' in page
    assert 'href="../../programs/p1515x2/"' in page
    # the story that names this enterprise is listed on it
    assert 'href="../../cases/yicheng-shiliu/"' in page and "返乡青年卖石榴" in page


def test_story_links_to_its_enterprise(valid_content):
    page = pages_for(valid_content)["cases/yicheng-shiliu.md"]
    assert '<a href="../../enterprises/lunan-nongpin/">滕州市鲁南农品电子商务有限公司</a>' in page
    assert "网店让我留在了家乡" in page and "2015年3月1日" in page


def test_training_page_shows_status_and_schedule(valid_content):
    page = pages_for(valid_content)["trainings/weidian-rumen.md"]
    assert re.search(r'<span class="status status--open" data-start="2026-12-05T09:00:00\+08:00"[^>]*>报名中</span>', page)
    assert "2026年12月5日（周六）09:00 至 17:00" in page
    assert "免费" in page and "80 人" in page and "2026年12月1日" in page


def test_no_example_badge_on_real_records(content):
    content.write_all()
    content.write("enterprise", example=False)
    page = pages_for(content)["enterprises/lunan-nongpin.md"]
    lead = page.split('<p class="record__lead">')[1].split("</p>")[0]
    assert "badge--example" not in lead


def test_listings_put_records_on_district_industry_and_program_pages(valid_content):
    pages = pages_for(valid_content)
    assert "lunan-nongpin" in pages["districts/tengzhou.md"]
    assert "yicheng-shiliu" in pages["districts/yicheng.md"]
    assert "weidian-rumen" in pages["districts/shizhong.md"]  # by the venue's district
    assert "lunan-nongpin" in pages["industries/agri-products.md"]
    assert "lunan-nongpin" in pages["programs/p1515x2.md"]
    assert "lunan-nongpin" not in pages["programs/cross-border.md"]


def test_training_directory_puts_upcoming_before_past(content):
    content.write_all()
    content.write(
        "training", "old-class", start="2025-03-01 09:00", end="2025-03-01 17:00", registration={"deadline": "2025-02-20"}
    )
    page = pages_for(content)["trainings/index.md"]
    upcoming, past = page.split("往期回顾</h2>")
    assert "weidian-rumen" in upcoming and "old-class" not in upcoming
    assert "old-class" in past and "已结束" in past


def test_field_text_is_escaped_everywhere(content):
    content.write_all()
    content.write(
        "enterprise",
        name="<script>alert(1)</script>甲 {: onclick=x }",
        summary='"><img src=x onerror=alert(1)>',
        tags=["<b>粗</b>"],
    )
    pages = pages_for(content)
    for path in ("enterprises/lunan-nongpin.md", "enterprises/index.md", "districts/tengzhou.md"):
        page = pages[path].split("---\n", 2)[2]  # the body; front matter is checked below
        assert "<script>" not in page and "<img" not in page and "<b>" not in page, path
    meta = front_matter(pages["enterprises/lunan-nongpin.md"])
    # escaped here, because the theme puts titles into HTML as they are; readers see the text typed
    assert meta["title"] == "&lt;script&gt;alert(1)&lt;/script&gt;甲 {: onclick=x }"


def test_markdown_bodies_are_sanitised_even_past_the_check():
    # `check` refuses all of this with a message (tests/test_editor_input.py); the sanitiser is the
    # second line of defence, so a body that somehow skipped the check still cannot carry markup.
    body = str(
        render_body(
            "正文 <script>alert(1)</script>\n\n<iframe src='https://evil.example'></iframe>\n\n"
            "[点我](javascript:alert(1)) <a href='https://ok.example' onclick='x()'>好</a>\n\n"
            "<style>body{display:none}</style><object data='x'></object>\n\n# 一级标题\n\n"
            "![外站](https://evil.example/a.jpg) <img src=//evil.example/b.png onerror=alert(2)>"
        )
    )
    for bad in ("<script", "<iframe", "javascript:", "onclick", "onerror", "<style", "<object", "evil.example"):
        assert bad not in body, bad
    assert 'href="https://ok.example"' in body and "<h2>一级标题</h2>" in body


def test_the_progress_page_lists_a_page_of_cross_border_enterprises_and_says_where_the_rest_are(content):
    from generator.pages.paging import PAGE_SIZE

    content.write_all()
    for index in range(PAGE_SIZE + 5):
        content.write("enterprise", f"kuajing-{index:03d}", name=f"跨境企业{index:03d}", modes=["跨境B2C"], featured=False)
    page = pages_for(content)["progress/index.md"]
    listed = page.split("跨境电商企业共")[1].split("</ul>")[0]
    assert listed.count("<li>") == PAGE_SIZE
    assert f"全部 {PAGE_SIZE + 5} 家可在" in page and "跨境B2B、跨境B2C" in page
