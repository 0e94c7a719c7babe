"""One record-type model: the registry and the schemas agree, every type of the registry works
everywhere a record type appears, and a type added the way the README says (a `RecordType` in the registry +
schema + templates) works end to end with nothing else changed, its calendar and feed included."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import textwrap

import ics
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import RECORDS, TODAY, make_project, run_cli

from generator.assemble.pipeline import generated_files
from generator.content.cells import heading
from generator.content.registry import BY_NAME, TYPES
from generator.content.rules import RULES
from generator.content.schemas import annotated, load_schema, schema_at
from generator.content.taxonomy import list_titles
from generator.content.validate import check_content
from generator.outputs.opendata import DERIVED_VALUES

AIMS = set(load_schema("targets")["properties"]["aims"]["properties"])


def files_for(content):
    result = check_content(content.root, TODAY)
    assert result.problems == [], [p.format() for p in result.problems]
    return generated_files(result.site)


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_registry_and_schema_agree(record_type):
    schema = load_schema(record_type.name)
    assert schema["title"] == record_type.title
    assert record_type.title_field in schema["required"]
    for field in record_type.csv + record_type.card:
        assert schema_at(record_type.name, tuple(field.split("."))), field
    headings = [heading(record_type.name, field) for field in record_type.csv]
    assert len(headings) == len(set(headings)), headings  # a sheet's columns are told apart by heading
    for facet in record_type.facets:
        assert schema_at(record_type.name, tuple(p if p != "*" else 0 for p in facet.path)), facet
        assert facet.taxonomy is None or facet.taxonomy in list_titles()
    for _, list_name in annotated(record_type.name, "x-taxonomy"):
        assert list_name in list_titles()
    for _, target in annotated(record_type.name, "x-ref"):
        assert target in {t.name for t in TYPES}
    assert all(rule in RULES for rule in record_type.rules), record_type.rules
    assert all(derived.name in DERIVED_VALUES for derived in record_type.derived)
    assert set(record_type.progress) <= AIMS | {"levels"}, record_type.progress
    assert record_type.card_meta in ("fields", "schedule")
    if record_type.feed:
        assert schema_at(record_type.name, (record_type.feed.date,)).get("x-format") in ("date", "datetime")
        assert record_type.feed.date in schema["required"]  # every record has its place in the feed
    if record_type.calendar or record_type.card_meta == "schedule":
        for field in ("start", "end"):
            assert schema_at(record_type.name, (field,)).get("x-format") == "datetime" and field in schema["required"]
    if record_type.home:
        assert record_type.home.pick in ("first", "featured", "upcoming")
        assert record_type.home.pick != "upcoming" or record_type.calendar


def test_every_type_has_a_sample_record_for_the_tests():
    assert {name: folder for name, (folder, _, _) in RECORDS.items()} == {t.name: t.folder for t in TYPES}


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_every_type_appears_everywhere_a_record_type_appears(content, record_type):
    content.write_all()
    files = files_for(content)
    folder, sample, record_id = RECORDS[record_type.name]
    name = sample[record_type.title_field]
    page = files[f"{folder}/{record_id}.md"]
    assert name in page and 'class="qr__code"' in page
    assert f'href="../{folder}/{record_id}/"' in files[f"{folder}/index.md"]  # its directory
    home = BeautifulSoup(files["index.md"], "html.parser")
    assert home.select_one(f'.key-figures a[href="{folder}/"]') is not None
    if record_type.home:
        assert home.select_one(f'.cards a[href="{folder}/{record_id}/"]') is not None
        assert home.find("a", string=record_type.home.more)["href"] == f"{folder}/"
    district = sample.get("district") or (sample.get("venue") or {}).get("district")
    if district:  # its district's page lists it
        taxonomy = yaml.safe_load((content.root / "taxonomy.yaml").read_text(encoding="utf-8"))
        districts = {entry["name"]: entry["id"] for entry in taxonomy["districts"]}
        assert f'href="../../{folder}/{record_id}/"' in files[f"districts/{districts[district]}.md"]
    data = json.loads(files["data/records.json"])
    assert [r["id"] for r in data[folder]] == [record_id] and data[folder][0]["page"].endswith(f"/{folder}/{record_id}/")
    rows = list(csv.DictReader(io.StringIO(files[f"data/{folder}.csv"].lstrip("\ufeff"))))
    assert [row["编号"] for row in rows] == [record_id] and rows[0][heading(record_type.name, record_type.title_field)] == name
    for derived in record_type.derived:
        assert rows[0][derived.title] and derived.name in data[folder][0]
    assert f"### {record_type.title}（{folder}）" in files["data/index.md"]  # its data dictionary
    feed = files["data/updates.xml"]
    assert (f"<title>【{record_type.short}】{name}</title>" in feed) == bool(record_type.feed)
    assert (f"{folder}/{record_id}.ics" in files) == bool(record_type.calendar)
    assert (f"{folder}/calendar.ics" in files) == bool(record_type.calendar)


def test_parks_and_platforms_link_both_ways_with_their_firms(content):
    content.write_all()
    files = files_for(content)
    park, platform = files["parks/tengzhou-park.md"], files["industry-platforms/lunan-platform.md"]
    assert "滕州市鲁南农品电子商务有限公司" in park  # its enterprise
    assert 'href="../../industry-platforms/lunan-platform/"' not in platform
    assert 'href="https://www.example.cn/lunan-platform"' in platform  # its own address, not its page
    assert 'href="../../enterprises/lunan-nongpin/"' in platform  # its operator
    enterprise = files["enterprises/lunan-nongpin.md"]
    assert ">电子商务产业园</h2>" in enterprise and 'href="../../parks/tengzhou-park/"' in enterprise
    assert ">行业电商平台</h2>" in enterprise and 'href="../../industry-platforms/lunan-platform/"' in enterprise
    for page in ("industries/agri-products.md", "programs/parks-7n.md"):
        assert 'href="../../parks/tengzhou-park/"' in files[page], page
    for page in ("industries/agri-products.md", "programs/p1515x2.md"):
        assert 'href="../../industry-platforms/lunan-platform/"' in files[page], page
    data = json.loads(files["data/records.json"])
    assert data["industry-platforms"][0]["url"] == "https://www.example.cn/lunan-platform"
    rows = list(csv.DictReader(io.StringIO(files["data/parks.csv"].lstrip("\ufeff"))))
    assert rows[0]["入驻企业"] == "lunan-nongpin"


# Every id that points at another record (`x-ref` in any schema): the sample record's field and its target.
REFERENCES = [(t.name, path[0], target) for t in TYPES for path, target in annotated(t.name, "x-ref")]


@pytest.mark.parametrize("kind, field, target", REFERENCES, ids=lambda value: str(value))
def test_a_dangling_id_names_file_line_and_id(content, kind, field, target):
    content.write_all()
    folder, record, record_id = RECORDS[kind]
    dangling = ["no-such-id"] if schema_at(kind, (field,)).get("type") == "array" else "no-such-id"
    record = {**record, field: dangling}
    content.write(kind, text="\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in record.items()))
    problems = check_content(content.root, TODAY).problems
    assert len(problems) == 1, [p.format() for p in problems]
    message = problems[0].format()
    assert f"{folder}/{record_id}.yaml:{list(record).index(field) + 1}:" in message
    assert f"找不到编号为“no-such-id”的{BY_NAME[target].short}" in message and field in message


def test_progress_page_measures_parks_and_platforms_against_the_policy(content):
    content.write_all()
    content.write("park", "shizhong-park", district="市中区", opened=2015, enterprises=[])
    files = files_for(content)
    page = files["progress/index.md"]
    rows = {
        tr.td.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in BeautifulSoup(page.split("## 电子商务产业园")[1].split("## 行业电商平台")[0], "html.parser").select("tbody tr")
    }
    assert rows["滕州市"][1:] == ["1", "2014 年", "2014 年前至少 1 个", "已达到"]  # one of the two to go first, in 2014
    assert rows["市中区"][1:] == ["1", "2015 年", "2014 年前至少 1 个", "有园区，建成年份晚于目标或未填"]
    assert rows["薛城区"][1:] == ["0", "—", "2016 年前至少 1 个", "尚未收录"]  # the others: within two years
    platforms = BeautifulSoup(page.split("## 行业电商平台")[1], "html.parser")
    years = {
        tr.td.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in platforms.select("table")[0].select("tbody tr")
    }
    assert years["2014"] == ["2014", "5", "1"] and years["2015"] == ["2015", "10", "1"] and years["2016"] == ["2016", "15", "1"]
    assert "2014 年的重点行业是农副土特产品、轻纺工业制品、煤及煤化工产品、大宗商品单品、社区服务" in page
    for chart in ("progress/parks.svg", "progress/platforms.svg"):
        assert chart in files and "<script" not in files[chart]


def test_chart_axes_count_in_whole_numbers(content):
    content.write_all()
    svg = files_for(content)["progress/parks.svg"]
    marks = re.findall(r'class="axis y always_show".*?</g></g>', svg, flags=re.S) or [svg]
    labels = re.findall(r"<text[^>]*>([0-9.]+)</text>", marks[0])
    assert labels and all("." not in label for label in labels), labels


def test_policy_figures_come_from_targets_yaml(content):
    content.write_all()
    targets = content.root / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    text = text.replace("at_least: 5\n  cross_border", "at_least: 7\n  cross_border").replace(
        "first: [市中区, 滕州市]", "first: [薛城区]"
    )
    targets.write_text(text, encoding="utf-8")
    page = files_for(content)["progress/index.md"]
    assert "2014 年至少举办 7 期" in page and "不少于 7 期" in page and "其中薛城区在 2014 年率先建成" in page


def test_a_new_record_type_takes_a_registry_entry_a_schema_and_templates(tmp_path, content):
    """The README's promise, kept: add 'expo' (电商展会, in the updates feed and on the home page) and
    'lecture' (直播公开课: dated, with a calendar, its status on its cards) the way it says, change
    nothing else."""
    content.write_all()
    project = make_project(tmp_path, content.root)
    registry = project / "generator" / "content" / "registry.py"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "\nBY_NAME: dict",
            textwrap.dedent("""
        TYPES = TYPES + (RecordType(
            "expo", "expos", "电商展会", "展会", "场", "name", _newest_first("held"),
            facets=(_DISTRICT,), csv=("name", "district", "held", "enterprises"), card=("district", "held"),
            lead="企业参加的电子商务展会和招商活动。", feed=Feed("held", "新举办的电商展会", "新展会"),
            home=HomeSection("电商展会", 4, 3, "全部电商展会 →", "暂无展会。")),
          RecordType(
            "lecture", "lectures", "直播公开课", "公开课", "讲", "title", _classes, csv=("title", "start", "end"),
            derived=(Derived("status", "状态", "按日期计算"), Derived("calendar", "日历文件", ".ics 文件网址")),
            feed=Feed("start", "新开的直播公开课", "新公开课"), calendar="公开课日历", card_meta="schedule",
            home=HomeSection("近期公开课", 5, 4, "全部公开课 →", "近期没有公开课。", pick="upcoming")),)
        """)
            + "\nBY_NAME: dict",
            1,
        ),
        encoding="utf-8",
    )
    (project / "generator" / "schemas" / "expo.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": "expo.json",
                "title": "电商展会",
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "district", "summary", "held"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "title": "展会名称", "examples": ["请填写展会名称"]},
                    "district": {"$ref": "_common.json#/$defs/district"},
                    "summary": {"$ref": "_common.json#/$defs/summary", "examples": ["一句话介绍"]},
                    "held": {"$ref": "_common.json#/$defs/date", "title": "举办日期"},
                    "enterprises": {
                        "type": "array",
                        "title": "参展企业",
                        "items": {"$ref": "_common.json#/$defs/id"},
                        "x-ref": "enterprise",
                    },
                    "draft": {"$ref": "_common.json#/$defs/draft"},
                    "example": {"$ref": "_common.json#/$defs/example"},
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (project / "generator" / "templates" / "expo.md.j2").write_text(
        textwrap.dedent("""\
        {% import '_macros.md.j2' as m with context %}
        {% set title = record.name %}{% set description = record.summary %}
        {% include '_header.md.j2' %}
        <p class="record__lead">{{ m.example_badge(record) }}{{ record.summary }}</p>
        {% for e in site.referenced(record) %}{{ m.record_link(e) }}{% endfor %}

        {{ m.qr_block(record) }}
        """),
        encoding="utf-8",
    )
    (project / "generator" / "schemas" / "lecture.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": "lecture.json",
                "title": "直播公开课",
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "start", "end"],
                "properties": {
                    "title": {"type": "string", "minLength": 1, "title": "课程名称"},
                    "summary": {"$ref": "_common.json#/$defs/summary"},
                    "start": {"$ref": "_common.json#/$defs/datetime", "title": "开始时间"},
                    "end": {"$ref": "_common.json#/$defs/datetime", "title": "结束时间"},
                    "cancelled": {"type": "boolean", "title": "已取消"},
                    "draft": {"$ref": "_common.json#/$defs/draft"},
                    "example": {"$ref": "_common.json#/$defs/example"},
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (project / "generator" / "templates" / "lecture.md.j2").write_text(
        textwrap.dedent("""\
        {% import '_macros.md.j2' as m with context %}
        {% set title = record.title %}{% set description = record.title %}
        {% include '_header.md.j2' %}
        <p class="record__lead">{{ m.status_badge(record) }} {{ record.start|cn_datetime }}</p>
        <p><a href="{{ href(ics_path(record)) }}" download>加入日历</a></p>
        """),
        encoding="utf-8",
    )
    (project / "content" / "lectures").mkdir()
    (project / "content" / "lectures" / "zhibo-1.yaml").write_text(
        "title: 直播带货第一课\nstart: 2026-12-20 19:30\nend: 2026-12-20 21:00\n", encoding="utf-8"
    )
    (project / "content" / "expos").mkdir()
    (project / "content" / "expos" / "expo-2014.yaml").write_text(
        "name: 网上年货节\ndistrict: 滕州市\nsummary: 本地企业的网上年货节。\nheld: 2014-12-20\nenterprises: [lunan-nongpin]\n",
        encoding="utf-8",
    )

    assert run_cli("new", "expo", "expo-draft", cwd=project).returncode == 0
    built = run_cli("build", "--today", TODAY.isoformat(), "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "电商展会 1 条" in built.stdout and "草稿 1 条" in built.stdout
    site = project / "site"

    def page(url):
        return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    assert page("expos/expo-2014/").h1.get_text() == "网上年货节"
    assert page("expos/").select_one('a[href="../expos/expo-2014/"]') is not None
    assert page("districts/tengzhou/").select_one('a[href="../../expos/expo-2014/"]') is not None
    assert page("enterprises/lunan-nongpin/").select_one('a[href="../../expos/expo-2014/"]') is not None
    assert "电商展会" in page("").get_text()
    assert (
        (site / "data" / "expos.csv").read_text(encoding="utf-8-sig").startswith("编号,网址,展会名称,所在区县,举办日期,参展企业")
    )
    assert "expos/expo-2014/" in (site / "sitemaps" / "expos.xml").read_text(encoding="utf-8")
    # the feed, the calendars, the cards and the home page follow from the registry's `RecordType`s alone
    updates = (site / "data" / "updates.xml").read_text(encoding="utf-8")
    assert "<title>【展会】网上年货节</title>" in updates and "<title>【公开课】直播带货第一课</title>" in updates
    assert "新发布的致富典型、新开的电子商务培训班、新举办的电商展会和新开的直播公开课" in updates
    (event,) = ics.Calendar((site / "lectures" / "zhibo-1.ics").read_text(encoding="utf-8")).events
    assert event.name == "直播带货第一课" and event.uid.startswith("lecture-zhibo-1@")
    assert event.begin.datetime == dt.datetime(2026, 12, 20, 11, 30, tzinfo=dt.timezone.utc)
    assert len(ics.Calendar((site / "lectures" / "calendar.ics").read_text(encoding="utf-8")).events) == 1
    data = page("data/")
    assert data.find("a", href="../lectures/calendar.ics") is not None and "公开课日历（iCalendar）" in data.get_text()
    assert "新故事、新培训、新展会和新公开课（RSS）" in data.get_text()
    lectures = list(csv.DictReader(io.StringIO((site / "data" / "lectures.csv").read_text(encoding="utf-8-sig"))))
    assert lectures[0]["状态"] == "即将开始" and lectures[0]["日历文件"].endswith("/lectures/zhibo-1.ics")
    home = page("")
    assert home.find("h2", string="近期公开课") is not None and home.find("h2", string="电商展会") is not None
    card = home.select_one('.cards a[href="lectures/zhibo-1/"]').find_parent("li")
    assert card.select_one(".status--soon").get_text() == "即将开始"
    assert "讲近期公开课" in home.select_one(".key-figures").get_text()
    assert home.select_one('.cards a[href="expos/expo-2014/"]') is not None
    assert "lectures/zhibo-1.ics" not in (site / "manifest.json").read_text(encoding="utf-8")  # it follows its page
    # and its dangling ids are caught like any other type's
    (project / "content" / "expos" / "expo-2014.yaml").write_text(
        "name: 网上年货节\ndistrict: 滕州市\nsummary: 简介\nheld: 2014-12-20\nenterprises: [nobody-here]\n", encoding="utf-8"
    )
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 1 and "expos/expo-2014.yaml:5:" in checked.stderr and "“nobody-here”" in checked.stderr
