"""The web editor's configuration (generator/admin/config.py): every field of every schema in the
form with its title, description, required flag, lengths, patterns and ranges; taxonomy lists as
selects of the taxonomy's entries; relations to collections that exist; values the form writes
(dates, times, images) accepted by check; a new record type in the editor with no edit to the
config; the editor's git host (mkdocs.yml `extra.cms`) checked with Chinese messages."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, TODAY, make_project, run_cli
from PIL import Image

from generator.admin.config import PUBLIC_FOLDER, cms_config, config_yaml
from generator.assemble.pipeline import generated_files
from generator.content.registry import TYPES
from generator.content.schemas import bundled
from generator.content.siteconfig import CMS_BACKENDS, CMS_KEYS, cms_problems
from generator.content.taxonomy import Taxonomy
from generator.content.validate import ID_PATTERN, check_content
from generator.content.values import parse_date, parse_datetime

SVELTIA_SCHEMA = ROOT / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"


@pytest.fixture(scope="module")
def config() -> dict:
    return cms_config(ROOT)


def collection_of(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def schema_fields(node: dict, path: tuple = ()):
    """(path, node, required) of every field of a bundled schema (its $refs inlined), "*" for list items."""
    required = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        yield path + (name,), child, name in required
        yield from nested_fields(child, path + (name,))


def nested_fields(node: dict, path: tuple):
    if node.get("type") == "object":
        yield from schema_fields(node, path)
    items = node.get("items") or next((o["items"] for o in node.get("anyOf", []) if "items" in o), None)
    if isinstance(items, dict) and items.get("type") == "object":
        yield from schema_fields(items, path + ("*",))


def editor_field(fields: list[dict], path: tuple) -> dict:
    """The editor's field at a schema path (through objects' `fields` and lists' `fields`)."""
    field = {"fields": fields}
    for part in path:
        if part == "*":
            assert "fields" in field, f"{path}: a list of sub-records must be a list with fields"
            continue
        matches = [f for f in field.get("fields", []) if f["name"] == part]
        assert len(matches) == 1, f"{path}: no field {part!r} in the editor"
        field = matches[0]
    return field


def day_js_format(value: dt.datetime, tokens: str) -> str:
    """What Day.js's format() writes for the tokens the config uses; any other token fails the test."""
    table = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M"}
    parts = re.split(r"(YYYY|MM|DD|HH|mm)", tokens)
    for part in parts[::2]:
        assert not re.search(r"[A-Za-z]", part), f"a Day.js token this test does not know in {tokens!r}"
    return "".join(value.strftime(table[p]) if p in table else p for p in parts)


def test_the_config_is_what_sveltia_accepts(config):
    """Every option name and value is one Sveltia CMS's own JSON schema (from the npm package) knows."""
    assert SVELTIA_SCHEMA.is_file(), "npm ci first: the editor is made from @sveltia/cms"
    schema = json.loads(SVELTIA_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(config)]
    assert errors == []
    broken = json.loads(json.dumps(config))
    broken["collections"][0]["fields"][0]["max_length"] = 60  # a misspelt option is caught
    assert list(validator.iter_errors(broken))


def test_config_yml_is_the_config_as_yaml(config):
    text = config_yaml(ROOT)
    assert yaml.safe_load(text) == config
    assert "请勿手改" in text.splitlines()[0]


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_one_folder_collection_per_record_type(config, record_type):
    collection = collection_of(config, record_type.name)
    assert collection["folder"] == f"content/{record_type.folder}"
    assert (ROOT / collection["folder"]).is_dir()
    assert (collection["extension"], collection["format"], collection["create"]) == ("yaml", "yaml", True)
    assert collection["label"] == record_type.title and collection["label_singular"] == record_type.short
    assert collection["identifier_field"] == record_type.title_field
    # the id is the file name, typed in once, under check's own rule
    slug = collection["slug"]
    assert slug["editable"] == ["create"]
    pattern, message = slug["pattern"]
    assert pattern == ID_PATTERN.pattern and "小写字母" in message
    for path in (ROOT / collection["folder"]).glob("*.yaml"):
        assert re.fullmatch(pattern, path.stem)
    assert not re.fullmatch(pattern, "滕州农品") and not re.fullmatch(pattern, "Tengzhou")


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_every_field_of_every_schema_is_in_the_form(config, record_type):
    fields = collection_of(config, record_type.name)["fields"]
    schema = bundled(record_type.name)
    paths = list(schema_fields(schema))
    assert len(paths) > 10
    images = {path for path, node, _ in paths if node.get("x-format") == "image"}
    images |= {path + ("*",) for path, node, _ in paths if node.get("items", {}).get("x-format") == "image"}
    for path, node, required in paths:
        field = editor_field(fields, path)
        if path[:-1] in images and path[-1] == "src":  # the file of an image: picked or uploaded
            assert field["widget"] == "image", path
            continue
        assert field["label"] == node.get("title", path[-1]), path
        assert field.get("hint") == node.get("description"), path
        assert field["required"] is required, path
        kind = node.get("type")
        if kind == "string" and "x-format" not in node and "x-taxonomy" not in node and "x-ref" not in node:
            assert field["widget"] in ("string", "text"), path
            assert field.get("minlength") == node.get("minLength"), path
            assert field.get("maxlength") == node.get("maxLength"), path
            if "pattern" in node:
                assert field["pattern"] == [node["pattern"], node["x-hint"]], path
        if kind in ("integer", "number"):
            assert field["widget"] == "number", path
            assert field["value_type"] == ("int" if kind == "integer" else "float"), path
            assert field.get("min") == node.get("minimum") and field.get("max") == node.get("maximum"), path
        if kind == "boolean":
            assert field["widget"] == "boolean", path
        if kind == "object" and "x-format" not in node:
            assert field["widget"] == "object", path
        if kind == "array" and node.get("items", {}).get("type") == "object" and "x-format" not in node["items"]:
            assert field["widget"] == "list" and "fields" in field, path
        if node.get("x-format") == "markdown":
            assert field["widget"] == "markdown", path
    # the sample marker and drafts can be seen and set
    assert editor_field(fields, ("draft",))["widget"] == "boolean"
    assert editor_field(fields, ("example",))["widget"] == "boolean"


def test_lists_of_words_are_lists_of_checked_items(config):
    tags = editor_field(collection_of(config, "enterprise")["fields"], ("tags",))
    assert tags["widget"] == "list" and tags["field"]["widget"] == "string" and tags["field"]["maxlength"] == 20
    old_ids = editor_field(collection_of(config, "case")["fields"], ("redirect_from",))
    assert old_ids["field"]["pattern"][0] == ID_PATTERN.pattern


def taxonomy_fields(record_type):
    schema = bundled(record_type.name)
    for path, node, _ in schema_fields(schema):
        items = node.get("items") or next((o["items"] for o in node.get("anyOf", []) if "items" in o), {})
        name = node.get("x-taxonomy") or items.get("x-taxonomy")
        if name:
            yield path, name, "items" in node or "anyOf" in node


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_taxonomy_fields_are_selects_of_the_taxonomy(config, record_type):
    lists = yaml.safe_load((ROOT / "content" / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy = Taxonomy.from_data(lists)
    found = list(taxonomy_fields(record_type))
    assert found
    for path, list_name, many in found:
        field = editor_field(collection_of(config, record_type.name)["fields"], path)
        assert field["widget"] == "select", path
        assert field["options"] == [str(entry["name"]) for entry in lists[list_name]], path
        assert field.get("multiple", False) is many, path
        for option in field["options"]:  # every choice is a value check accepts
            assert taxonomy.get(list_name, option) is not None


def test_district_is_a_select_wherever_it_is(config):
    district = editor_field(collection_of(config, "training")["fields"], ("venue", "district"))
    assert district["widget"] == "select" and "滕州市" in district["options"]
    audience = editor_field(collection_of(config, "training")["fields"], ("audience",))  # one value or a list
    assert audience["multiple"] is True and audience["required"] is True and audience["min"] == 1


def test_ids_of_other_records_are_relations_searched_by_name(config):
    names = {c["name"] for c in config["collections"]}
    relations = []
    for collection in config["collections"]:
        for path, node, _ in schema_fields(bundled(collection["name"])):
            target = node.get("x-ref")
            if target:
                field = editor_field(collection["fields"], path)
                relations.append((collection["name"], path, field))
                assert field["widget"] == "relation"
                assert field["collection"] == target and target in names
                other = collection_of(config, target)
                assert field["value_field"] == "{{slug}}"  # the file name, which check wants
                assert field["search_fields"] == [other["identifier_field"]]
                assert field["display_fields"] == [other["identifier_field"]]
                assert field.get("multiple", False) is (node.get("type") == "array")
    assert {(name, path) for name, path, _ in relations} >= {
        ("case", ("enterprise",)),
        ("park", ("enterprises",)),
        ("industry-platform", ("operator",)),
    }


def test_markdown_bodies_load_nothing_from_elsewhere(config):
    for collection in config["collections"]:
        for path, node, _ in schema_fields(bundled(collection["name"])):
            if node.get("x-format") == "markdown":
                field = editor_field(collection["fields"], path)
                assert field["editor_components"] == ["image"]  # no code block (its highlighter loads from a CDN)
                assert "code" not in field["buttons"]


def test_images_are_uploaded_to_content_media_and_written_as_check_reads_them(config, content):
    assert config["media_folder"] == "content/media"
    assert config["media_libraries"]["stock_assets"] is False  # stock photos come from other hosts
    assert config["media_libraries"]["default"]["config"]["slugify_filename"] is True  # no spaces in addresses
    platform = collection_of(config, "industry-platform")
    assert platform["media_folder"] == "/content/media" and platform["public_folder"] == PUBLIC_FOLDER
    logo = editor_field(platform["fields"], ("logo",))
    assert logo["widget"] == "image" and set(logo["accept"].split(",")) == {".jpg", ".jpeg", ".png", ".webp"}
    photos = editor_field(collection_of(config, "enterprise")["fields"], ("photos",))
    assert [(f["name"], f["widget"]) for f in photos["fields"]] == [("src", "image"), ("alt", "string")]
    assert editor_field(collection_of(config, "case")["fields"], ("person", "photo", "src"))["widget"] == "image"
    # what Sveltia writes for an upload, content/media/logo.jpg (its public folder joined to the name)
    (content.root / "media").mkdir()
    Image.new("RGB", (200, 100), "red").save(content.root / "media" / "logo.jpg")
    content.write_all(("enterprise", "industry-platform"))
    for value, passes in ((f"{PUBLIC_FOLDER}/logo.jpg", True), ("/media/logo.jpg", False)):
        content.write("industry-platform", logo=value, description=f"![标志]({value})\n")
        result = check_content(content.root, TODAY)
        assert (result.problems == []) is passes, (value, [p.format() for p in result.problems])
        if passes:  # and the page shows it, the logo and the body's image alike
            page = generated_files(result.site)["industry-platforms/lunan-platform.md"]
            assert page.count('src="../../media/logo.jpg"') == 2


def test_dates_and_times_come_out_as_check_reads_them(config, content):
    moment = dt.datetime(2027, 3, 15, 9, 30)
    seen = set()
    for collection in config["collections"]:
        for path, node, _ in schema_fields(bundled(collection["name"])):
            fmt = node.get("x-format")
            if fmt not in ("date", "datetime"):
                continue
            field = editor_field(collection["fields"], path)
            assert field["widget"] == "datetime", path
            assert (field.get("type") == "date") is (fmt == "date"), path  # a date has no time to pick
            written = day_js_format(moment, field["format"])
            if fmt == "date":
                assert parse_date(written) == moment.date(), (path, written)
            else:
                assert parse_datetime(written).replace(tzinfo=None) == moment, (path, written)
                assert parse_datetime(written).utcoffset() == dt.timedelta(hours=8)  # Beijing time
            seen.add(fmt)
    assert seen == {"date", "datetime"}
    # and through the whole check, as the form writes a class (YAML reads `2027-03-15 09:30` as text)
    training = collection_of(config, "training")
    start = day_js_format(moment, editor_field(training["fields"], ("start",))["format"])
    end = day_js_format(moment + dt.timedelta(hours=8), editor_field(training["fields"], ("end",))["format"])
    deadline = day_js_format(
        moment - dt.timedelta(days=5), editor_field(training["fields"], ("registration", "deadline"))["format"]
    )
    content.write_all()
    content.write(
        "training",
        text=f"title: 测试班\naudience:\n  - 网店微店创业者\nstart: {start}\nend: {end}\norganizer: 枣庄市商务局\n"
        f"registration:\n  deadline: {deadline}\ndraft: false\n",
    )
    result = check_content(content.root, TODAY)
    assert result.problems == [], [p.format() for p in result.problems]


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_the_list_shows_name_district_and_draft_sortable_and_filtered_by_district(config, record_type):
    collection = collection_of(config, record_type.name)
    district = next((".".join(f.path) for f in record_type.facets if f.name == "district"), None)
    assert collection["summary"].startswith("{{" + record_type.title_field + "}}")
    assert "{{draft | ternary(' · 草稿', '')}}" in collection["summary"]
    sortable = collection["sortable_fields"]["fields"]
    assert record_type.title_field in sortable
    filters = collection["view_filters"]["filters"]
    assert {"name": "draft", "label": "草稿", "field": "draft", "eq": True} in filters
    assert all(f["name"] for f in filters) and len({f["name"] for f in filters}) == len(filters)
    if district:
        assert "{{" + district + "}}" in collection["summary"] and district in sortable
        lists = yaml.safe_load((ROOT / "content" / "taxonomy.yaml").read_text(encoding="utf-8"))
        by_district = [f for f in filters if f["field"] == district]
        # a record may say 滕州市 or tengzhou: the filter finds both
        assert [f["in"] for f in by_district] == [[d["name"], d["id"]] for d in lists["districts"]]
        assert collection["view_groups"]["groups"][0]["field"] == district


def test_no_deleting_from_the_form(config):
    assert all(c["delete"] is False for c in config["collections"])  # addresses are retired, never dropped


EXPO_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "expo.json",
    "title": "电商展会",
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "district", "held"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 40, "title": "展会名称"},
        "district": {"$ref": "_common.json#/$defs/district"},
        "held": {"$ref": "_common.json#/$defs/date", "title": "举办日期"},
        "booths": {"type": "integer", "minimum": 1, "title": "展位数"},
        "enterprises": {"type": "array", "title": "参展企业", "items": {"$ref": "_common.json#/$defs/id"}, "x-ref": "enterprise"},
        "photos": {"type": "array", "title": "照片", "items": {"$ref": "_common.json#/$defs/image"}},
        "draft": {"$ref": "_common.json#/$defs/draft"},
    },
}


def test_a_new_record_type_appears_in_the_editor_with_no_edit_here(tmp_path):
    project = make_project(tmp_path)
    registry = project / "generator" / "content" / "registry.py"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "\nBY_NAME: dict",
            textwrap.dedent("""
        TYPES = TYPES + (RecordType(
            "expo", "expos", "电商展会", "展会", "场", "name", _newest_first("held"), facets=(_DISTRICT,)),)
        """)
            + "\nBY_NAME: dict",
            1,
        ),
        encoding="utf-8",
    )
    (project / "generator" / "schemas" / "expo.json").write_text(json.dumps(EXPO_SCHEMA, ensure_ascii=False), encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-c", "import json, pathlib; from generator.admin.config import cms_config; "
         "print(json.dumps(cms_config(pathlib.Path('.')), ensure_ascii=False))"],
        cwd=project, env=dict(os.environ, PYTHONPATH=str(project)), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    expo = collection_of(json.loads(shown.stdout), "expo")
    assert expo["label"] == "电商展会" and expo["folder"] == "content/expos"
    fields = expo["fields"]
    assert [f["name"] for f in fields] == list(EXPO_SCHEMA["properties"])
    assert editor_field(fields, ("name",))["maxlength"] == 40
    assert editor_field(fields, ("district",))["widget"] == "select"
    assert editor_field(fields, ("held",))["format"] == "YYYY-MM-DD"
    assert editor_field(fields, ("booths",))["min"] == 1
    assert editor_field(fields, ("enterprises",))["collection"] == "enterprise"
    assert editor_field(fields, ("photos", "*", "src"))["widget"] == "image"
    assert "{{district}}" in expo["summary"]


# --- the editor's git host: mkdocs.yml extra.cms -------------------------------------------------


def with_cms(tmp_path: Path, cms: str) -> Path:
    """A mkdocs.yml like the shipped one, with its extra.cms replaced by the given YAML lines."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  cms:\n(    .*\n)+", "\n", text)
    path = tmp_path / "mkdocs.yml"
    path.write_text(text.rstrip("\n") + "\n" + textwrap.indent(textwrap.dedent(cms), "  "), encoding="utf-8")
    return path


def test_the_shipped_settings_pass_and_say_gitlab_with_review():
    assert cms_problems(ROOT / "mkdocs.yml") == []
    config = cms_config(ROOT)
    assert config["backend"]["name"] == "gitlab" and config["backend"]["auth_type"] == "pkce"
    assert config["publish_mode"] == "editorial_workflow"


@pytest.mark.parametrize(
    "cms, backend, review",
    [
        (
            "cms: {backend: gitlab, repo: swj/site, base_url: 'https://git.swj.gov.cn/', app_id: abc123}",
            {
                "name": "gitlab",
                "repo": "swj/site",
                "base_url": "https://git.swj.gov.cn",
                "api_root": "https://git.swj.gov.cn/api/v4",
                "auth_type": "pkce",
                "app_id": "abc123",
            },
            True,
        ),
        (
            "cms: {backend: gitea, repo: swj/site, branch: main, base_url: 'https://gitea.swj.gov.cn', app_id: f00}",
            {
                "name": "gitea",
                "repo": "swj/site",
                "branch": "main",
                "base_url": "https://gitea.swj.gov.cn",
                "api_root": "https://gitea.swj.gov.cn/api/v1",
                "app_id": "f00",
            },
            False,
        ),
        ("cms: {backend: github, repo: swj/site}", {"name": "github", "repo": "swj/site", "auth_methods": ["token"]}, True),
        ("cms: {backend: test-repo}", {"name": "test-repo"}, False),
    ],
    ids=["gitlab", "gitea", "github", "test-repo"],
)
def test_backends_from_extra_cms(tmp_path, cms, backend, review):
    config_file = with_cms(tmp_path, cms)
    assert cms_problems(config_file) == []
    (tmp_path / "content").mkdir()
    config = cms_config(tmp_path)
    assert config["backend"] == backend
    assert config["publish_mode"] == ("editorial_workflow" if review else "simple")


@pytest.mark.parametrize(
    "cms, field, words",
    [
        ("cms: {backend: gitlabb, repo: a/b}", "extra.cms.backend（代码托管平台）", "你是不是要写“gitlab”"),
        ("cms: {repo: a/b}", "extra.cms", "缺少 backend"),
        ("cms: {backend: gitlab, base_url: 'https://git.a.cn', app_id: x1}", "extra.cms", "缺少 repo"),
        (
            "cms: {backend: gitea, repo: 'https://git.a.cn/a/b', base_url: 'https://git.a.cn'}",
            "extra.cms.repo（仓库）",
            "不要写网址",
        ),
        ("cms: {backend: gitlab, repo: a/b, base_url: 'https://git.a.cn'}", "extra.cms", "缺少 app_id"),
        (
            "cms: {backend: gitlab, repo: a/b, base_url: 'http://git.a.cn', app_id: x1}",
            "extra.cms.base_url（平台网址）",
            "https://",
        ),
        ("cms: {backend: gitea, repo: a/b}", "extra.cms", "缺少 base_url"),
        ("cms: {backend: gitlab, repo: a/b, base_url: 'https://git.a.cn', app_id: 应用}", "extra.cms.app_id（应用 ID）", "复制"),
        ("cms: {backend: test-repo, publish: 是}", "extra.cms.publish（随网站发布编辑器）", "只能写 true"),
        ("cms: {backend: test-repo, repository: a/b}", "extra.cms.repository", "你是不是要写“repo”"),
        ("cms: gitlab", "extra.cms", "应该是一组设置"),
    ],
)
def test_wrong_settings_are_named_in_chinese(tmp_path, cms, field, words):
    problems = cms_problems(with_cms(tmp_path, cms))
    assert len(problems) == 1, [p.format() for p in problems]
    problem = problems[0]
    assert problem.file == "mkdocs.yml" and problem.field == field and words in problem.message
    lines = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert "cms:" in lines[problem.line - 1]  # the flow mapping is on the line of `cms:`


def test_check_fails_on_wrong_settings_with_the_line(tmp_path):
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("base_url: https://", "base_url: http://", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "base_url: https://" in t)
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 1
    assert f"mkdocs.yml:{line}:5: extra.cms.base_url（平台网址）: 必须是 https:// 开头的完整网址" in checked.stderr
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert run_cli("check", cwd=project).returncode == 0


def test_admin_writes_no_editor_for_wrong_settings(tmp_path):
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("    backend: gitlab\n", "    backend: gitlab-ce\n", 1), encoding="utf-8")
    written = run_cli("admin", str(tmp_path / "editor"), cwd=project)
    assert written.returncode == 1 and "extra.cms.backend（代码托管平台）: 不认识“gitlab-ce”这个平台" in written.stderr
    assert not (tmp_path / "editor").exists()


def test_the_readme_documents_every_setting_and_backend():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme.split("## 网页编辑器：给负责设置的人", 1)[1].split("\n## ", 1)[0]
    settings = part.split("`extra.cms`：**", 1)[1].split("\n\n", 2)[1]
    assert re.findall(r"^\| `(\w+)` \|", settings, re.M) == list(CMS_KEYS)
    rows = part.split("**1. 选平台。**", 1)[1].split("\n\n", 2)[1].split("|---", 1)[1]
    assert set(re.findall(r"\| `([\w-]+)` \|", rows)) == set(CMS_BACKENDS)
