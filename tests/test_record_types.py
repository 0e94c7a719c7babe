"""One record-type model: the registry and the schemas agree, the two newer types (parks and
industry platforms) work everywhere a record type appears, and a type added the way the README
says (registry entry + schema + templates) works end to end with nothing else changed."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap

import pytest
from bs4 import BeautifulSoup
from conftest import RECORDS, TODAY, make_project, run_cli

from generator.build.pipeline import generated_files
from generator.content.cells import heading
from generator.content.registry import TYPES
from generator.content.schemas import annotated, load_schema, schema_at
from generator.content.taxonomy import list_titles
from generator.content.validate import check_content

ALL = tuple(RECORDS)


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


def test_parks_and_platforms_appear_everywhere_a_record_type_appears(content):
    content.write_all(ALL)
    files = files_for(content)
    park, platform = files["parks/tengzhou-park.md"], files["industry-platforms/lunan-platform.md"]
    assert "滕州市电子商务产业园" in park and "滕州市鲁南农品电子商务有限公司" in park  # its enterprise
    assert 'href="../../industry-platforms/lunan-platform/"' not in platform
    assert 'href="https://www.example.cn/lunan-platform"' in platform  # its own address, not its page
    assert 'href="../../enterprises/lunan-nongpin/"' in platform  # its operator
    enterprise = files["enterprises/lunan-nongpin.md"]
    assert ">电子商务产业园</h2>" in enterprise and 'href="../../parks/tengzhou-park/"' in enterprise
    assert ">行业电商平台</h2>" in enterprise and 'href="../../industry-platforms/lunan-platform/"' in enterprise
    # cards link up to the site root and down again (a card is rendered once per depth)
    assert 'href="../parks/tengzhou-park/"' in files["parks/index.md"]
    assert 'href="../industry-platforms/lunan-platform/"' in files["industry-platforms/index.md"]
    for page in ("districts/tengzhou.md", "industries/agri-products.md", "programs/parks-7n.md"):
        assert 'href="../../parks/tengzhou-park/"' in files[page], page
    for page in ("industries/agri-products.md", "programs/p1515x2.md", "districts/tengzhou.md"):
        assert 'href="../../industry-platforms/lunan-platform/"' in files[page], page
    assert 'href="parks/tengzhou-park/"' in files["index.md"]
    assert "svg" in park and 'class="qr__code"' in park
    data = json.loads(files["data/records.json"])
    assert [p["id"] for p in data["parks"]] == ["tengzhou-park"]
    assert data["industry-platforms"][0]["url"] == "https://www.example.cn/lunan-platform"
    assert data["industry-platforms"][0]["page"].endswith("/industry-platforms/lunan-platform/")
    rows = list(csv.DictReader(io.StringIO(files["data/parks.csv"].lstrip("\ufeff"))))
    assert rows[0]["园区名称"] == "滕州市电子商务产业园" and rows[0]["入驻企业"] == "lunan-nongpin"
    assert "园区名称" in files["data/index.md"] and "平台名称" in files["data/index.md"]


@pytest.mark.parametrize("kind, field, line", [("park", "enterprises", 5), ("industry-platform", "operator", 6)])
def test_a_dangling_enterprise_id_names_file_line_and_id(content, kind, field, line):
    content.write_all(ALL)
    folder, record, record_id = RECORDS[kind]
    text = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in record.items())
    content.write(kind, text=text.replace('"lunan-nongpin"', '"no-such-firm"'))
    problems = check_content(content.root, TODAY).problems
    assert len(problems) == 1, [p.format() for p in problems]
    message = problems[0].format()
    assert f"{folder}/{record_id}.yaml:{line}:" in message
    assert "找不到编号为“no-such-firm”的企业" in message and field in message


def test_a_park_may_not_list_a_draft_enterprise(content):
    content.write_all(ALL)
    content.write("enterprise", draft=True)
    content.write("case", enterprise=None)
    content.write("industry-platform", operator=None)
    (problem,) = check_content(content.root, TODAY).problems
    assert "parks/tengzhou-park.yaml" in problem.file and "还是草稿" in problem.message


@pytest.mark.parametrize("kind", ["park", "industry-platform"])
def test_new_park_and_platform_scaffolds_check_as_drafts(content, kind):
    content.write_all(ALL)
    result = run_cli("new", kind, f"new-{kind}", "--content", str(content.root))
    assert result.returncode == 0, result.stderr
    text = (content.root / RECORDS[kind][0] / f"new-{kind}.yaml").read_text(encoding="utf-8")
    assert "# 所在区县" in text or "# 所属行业" in text
    checked = run_cli("check", "--content", str(content.root))
    assert checked.returncode == 0 and "草稿 1 条" in checked.stdout, checked.stdout + checked.stderr


def test_progress_page_measures_parks_and_platforms_against_the_policy(content):
    content.write_all(ALL)
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
    content.write_all(ALL)
    svg = files_for(content)["progress/parks.svg"]
    marks = re.findall(r'class="axis y always_show".*?</g></g>', svg, flags=re.S) or [svg]
    labels = re.findall(r"<text[^>]*>([0-9.]+)</text>", marks[0])
    assert labels and all("." not in label for label in labels), labels


def test_policy_figures_come_from_targets_yaml(content):
    content.write_all(ALL)
    targets = content.root / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    text = text.replace("at_least: 5\n  cross_border", "at_least: 7\n  cross_border").replace(
        "first: [市中区, 滕州市]", "first: [薛城区]"
    )
    targets.write_text(text, encoding="utf-8")
    page = files_for(content)["progress/index.md"]
    assert "2014 年至少举办 7 期" in page and "不少于 7 期" in page and "其中薛城区在 2014 年率先建成" in page


def test_a_new_record_type_takes_a_registry_entry_a_schema_and_templates(tmp_path, content):
    """The README's promise, kept: add 'expo' (电商展会) the way it says, change nothing else."""
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
            lead="企业参加的电子商务展会和招商活动。"),)
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
    # and its dangling ids are caught like any other type's
    (project / "content" / "expos" / "expo-2014.yaml").write_text(
        "name: 网上年货节\ndistrict: 滕州市\nsummary: 简介\nheld: 2014-12-20\nenterprises: [nobody-here]\n", encoding="utf-8"
    )
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 1 and "expos/expo-2014.yaml:5:" in checked.stderr and "“nobody-here”" in checked.stderr
