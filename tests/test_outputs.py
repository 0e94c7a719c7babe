"""Extras for the campaign: calendars, open data, progress figures, feeds — read back as their users' tools would."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from xml.etree import ElementTree as ET

import ics
from conftest import TODAY

from generator.assemble.pipeline import generated_files
from generator.content.siteconfig import SiteConfig
from generator.content.validate import check_content

CONFIG = SiteConfig("枣庄市电子商务推进行动", "https://www.example.gov.cn/ecommerce/")


def files_for(content):
    result = check_content(content.root, TODAY)
    assert result.problems == [], [p.format() for p in result.problems]
    return generated_files(result.site, CONFIG)


def with_classes(content):
    content.write_all()
    content.write("training", "held-2025", start="2025-03-01 09:00", end="2025-03-02 17:00", registration=None)
    content.write("training", "called-off", cancelled=True, start="2026-12-10 14:00", end="2026-12-10 17:30")
    return content


def test_class_calendar_file_imports_at_the_right_time_and_place(content):
    files = files_for(with_classes(content))
    calendar = ics.Calendar(files["trainings/weidian-rumen.ics"])  # an independent parser
    (event,) = calendar.events
    assert event.name == "网店微店创业入门班"
    assert event.begin.datetime == dt.datetime(2026, 12, 5, 1, 0, tzinfo=dt.timezone.utc)  # 09:00 in Shanghai
    assert event.end.datetime == dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.timezone.utc)
    assert event.location == "市民中心，市中区光明路 1 号"
    assert event.url == "https://www.example.gov.cn/ecommerce/trainings/weidian-rumen/"
    assert event.uid == "training-weidian-rumen@www.example.gov.cn"
    assert "TZID=Asia/Shanghai" in files["trainings/weidian-rumen.ics"]
    assert "BEGIN:VTIMEZONE" in files["trainings/weidian-rumen.ics"]


def test_calendar_feed_holds_every_class_and_marks_the_cancelled_one(content):
    files = files_for(with_classes(content))
    feed = ics.Calendar(files["trainings/calendar.ics"])
    assert {e.uid for e in feed.events} == {
        f"training-{i}@www.example.gov.cn" for i in ("weidian-rumen", "held-2025", "called-off")
    }
    cancelled = next(e for e in feed.events if "called-off" in e.uid)
    assert cancelled.status == "CANCELLED" and cancelled.name.startswith("【已取消】")
    assert next(e for e in feed.events if "weidian" in e.uid).status == "CONFIRMED"


def test_class_page_links_its_calendar_file(content):
    page = files_for(with_classes(content))["trainings/weidian-rumen.md"]
    assert '<a class="md-button" href="../weidian-rumen.ics" download>加入日历</a>' in page
    assert 'href="calendar.ics"' in files_for(content)["trainings/index.md"]


def test_csv_opens_in_excel_with_readable_chinese(content):
    files = files_for(with_classes(content))
    raw = files["data/enterprises.csv"].encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to pick UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["编号"] == "lunan-nongpin" and row["企业名称"] == "滕州市鲁南农品电子商务有限公司"
    assert row["网址"] == "https://www.example.gov.cn/ecommerce/enterprises/lunan-nongpin/"
    assert row["所在区县"] == "滕州市" and row["经营数据（年份｜网上销售额（万元））"] == "2014｜320\n2015｜610.5"
    assert row["荣誉认定（认定名称｜认定级别｜认定年份｜批次）"] == "枣庄市电子商务示范企业｜市级｜2014｜第一批"
    assert row["经营模式"] == "B2C；农村电商"
    trainings = list(csv.DictReader(io.StringIO(files["data/trainings.csv"].lstrip("\ufeff"))))
    assert {r["编号"]: r["状态"] for r in trainings} == {"weidian-rumen": "报名中", "called-off": "已取消", "held-2025": "已结束"}


def test_json_has_stable_ids_urls_and_nothing_unpublished(content):
    with_classes(content)
    content.write("case", "draft-story", draft=True)
    data = json.loads(files_for(content)["data/records.json"])
    assert [c["id"] for c in data["cases"]] == ["yicheng-shiliu"]
    story = data["cases"][0]
    assert story["page"].endswith("/cases/yicheng-shiliu/") and story["district"] == "峄城区"
    assert "consent" not in story["person"] and "draft" not in story
    assert data["licence"].startswith("知识共享署名")


def test_data_page_has_downloads_dictionary_and_licence(content):
    page = files_for(with_classes(content))["data/index.md"]
    for text in (
        'href="enterprises.csv"',
        'href="records.json"',
        "<code>district</code>",
        "所在区县",
        "CC BY 4.0",
        "<code>published</code>",
    ):
        assert text in page, text


def test_progress_counts_classes_held_against_the_target(content):
    with_classes(content)
    content.write("training", "held-2014-a", start="2014-05-01 09:00", end="2014-05-01 17:00", registration=None)
    page = re.sub(r' data-label="[^"]*"', "", files_for(content)["progress/index.md"])  # each cell's column name
    assert "<tr><td>2014</td><td>1</td><td>不少于 5 期</td></tr>" in page
    assert "<tr><td>2025</td><td>1</td><td>—</td></tr>" in page  # the cancelled and future ones do not count
    assert "<tr><td>2014</td><td>电子商务交易额</td><td>300</td><td>暂未公布</td>" in page


def test_progress_shows_reported_actuals_with_source(content):
    with_classes(content)
    targets = content.root / "targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace(
            "actuals: []",
            ("actuals:\n  - {year: 2014, metric: transactions, value: 312, source: 市统计局公报, date: '2015-03-01'}\n"),
        ),
        encoding="utf-8",
    )
    page = re.sub(r' data-label="[^"]*"', "", files_for(content)["progress/index.md"])
    assert "<td>300</td><td>312</td><td>市统计局公报，2015年3月1日</td>" in page


def test_charts_are_static_svg_with_a_data_table(content):
    files = files_for(with_classes(content))
    for name in ("classes", "levels", "districts", "industries"):
        svg = files[f"progress/{name}.svg"]
        ET.fromstring(svg)  # well-formed
        assert "<script" not in svg
        assert not re.search(r'(?:href|src)="https?://', svg)
        assert f'src="{name}.svg"' in files["progress/index.md"]
    assert "滕州市" in files["progress/districts.svg"]


def test_record_pages_carry_a_qr_code_and_the_url_in_text(content):
    page = files_for(with_classes(content))["enterprises/lunan-nongpin.md"]
    assert '<svg role="img" aria-label="二维码"' in page
    assert "https://www.example.gov.cn/ecommerce/enterprises/lunan-nongpin/" in page


def test_updates_feed_reaches_subscribers(content):
    feed = ET.fromstring(files_for(with_classes(content))["data/updates.xml"])
    items = feed.findall("channel/item")
    titles = [i.findtext("title") for i in items]
    assert "【致富典型】返乡青年卖石榴" in titles and "【培训班】网店微店创业入门班" in titles
    assert all(i.findtext("link").startswith("https://www.example.gov.cn/ecommerce/") for i in items)
    assert titles[0] == "【培训班】网店微店创业入门班" or "called-off" in items[0].findtext("link")  # newest first
