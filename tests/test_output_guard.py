"""The last look before publishing (generator/assemble/output_guard.py): a private number that reaches
the site by any path fails the build with a message naming where it was written, and site/ stays
as it was. Some paths are caught earlier by the check (with line and field): the build fails all
the same, which is what these tests hold to."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import make_project, run_cli
from PIL import Image as PILImage

from generator.assemble.output_guard import scan_site
from generator.content.privacy import private_numbers, readable

TODAY = "2026-11-24"
MASKED = "138****5678"


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project built once; each case changes it, builds, and puts it back."""
    from conftest import ContentTree

    root = tmp_path_factory.mktemp("guard")
    content = ContentTree(root / "content").write_all()
    project = make_project(root, content.root)
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    saved = root / "saved"
    for name in ("content", "docs"):
        shutil.copytree(project / name, saved / name)
    shutil.copy(project / "mkdocs.yml", saved / "mkdocs.yml")
    return project, saved, _tree(project / "site")


def _record(project: Path, **changes) -> None:
    path = project / "content" / "enterprises" / "lunan-nongpin.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _picture(project: Path, name: str) -> None:
    (project / "content" / "media").mkdir(exist_ok=True)
    PILImage.new("RGB", (60, 40), (200, 80, 40)).save(project / "content" / "media" / name)


def _append(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def alt_text(project):
    _picture(project, "shop.jpg")
    _record(project, photos=[{"src": "media/shop.jpg", "alt": "店主王小明 13812345678"}])
    return "lunan-nongpin.yaml", "photos 第 1 项 alt（图片说明）"


def image_file_name(project):
    _picture(project, "店主13812345678.jpg")
    _record(project, photos=[{"src": "media/店主13812345678.jpg", "alt": "店面"}])
    return "lunan-nongpin.yaml", "photos 第 1 项 src（图片文件）"


def taxonomy_entry(project):
    _append(
        project / "content" / "taxonomy.yaml",
        "description: 市政府驻地，",
        "description: 咨询 138 1234 5678，市政府驻地，",
    )
    return "taxonomy.yaml:", "districts 第 1 项 description"


def news_post(project):
    post = next((project / "docs" / "news" / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n报名请联系王老师 138-1234-5678。\n", encoding="utf-8")
    return f"news/posts/{post.name}:", ""


def zero_width_digits(project):
    _record(project, summary="订货电话 138\u200b1234\u200b5678。")
    return "lunan-nongpin.yaml", "summary（一句话简介）"


def html_entities(project):
    _record(project, description="订货电话 &#49;38&#x31;2345678，欢迎来电。\n")
    return "lunan-nongpin.yaml", "description（企业介绍）"


def html_comment(project):
    _append(project / "docs" / "about.md", "# 关于本站", "<!-- 内部联系人：王科长 13812345678 -->\n\n# 关于本站")
    return "docs/about.md:", ""


def percent_escaped_tel_link(project):
    _record(project, description="[打电话给店主](tel:%31%33%38%31%32%33%34%35%36%37%38)\n")
    return "lunan-nongpin.yaml", "description（企业介绍）"


def footer_in_mkdocs_yml(project):
    _append(project / "mkdocs.yml", "contact: 电话 0632-0000000（示例）", "contact: 电话 138 1234 5678（示例）")
    return "mkdocs.yml:", ""


def record_id(project):
    # a record whose id (its file name, its address) is a mobile number
    folder = project / "content" / "enterprises"
    text = (folder / "lunan-nongpin.yaml").read_text(encoding="utf-8").replace("鲁南农品", "另一家")
    (folder / "13812345678.yaml").write_text(text, encoding="utf-8")
    return "13812345678.yaml（文件名）", ""


CASES = [
    alt_text,
    image_file_name,
    taxonomy_entry,
    news_post,
    zero_width_digits,
    html_entities,
    html_comment,
    percent_escaped_tel_link,
    footer_in_mkdocs_yml,
    record_id,
]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_a_mobile_number_on_any_path_fails_the_build_and_site_stays(built, case):
    project, saved, before = built
    try:
        source, field = case(project)
        failed = run_cli("build", "--today", TODAY, cwd=project)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "Traceback" not in failed.stderr
        lines = [line for line in failed.stderr.splitlines() if MASKED in line]
        assert lines, failed.stderr
        assert any(source in line and field in line for line in lines), (source, field, failed.stderr)
        assert "13812345678" not in failed.stderr.replace("13812345678.yaml", "")  # masked, apart from the file's own name
        assert _tree(project / "site") == before
        assert not list(project.glob(".site.*"))
    finally:
        for name in ("content", "docs"):
            shutil.rmtree(project / name)
            shutil.copytree(saved / name, project / name)
        shutil.copy(saved / "mkdocs.yml", project / "mkdocs.yml")


def test_a_consented_business_line_is_published_and_nothing_else_is_allowed(tmp_path):
    from conftest import ContentTree

    content = ContentTree(tmp_path / "content").write_all()
    content.write("enterprise", contact={"phone": "138 1234 5678", "consent": True, "address": "滕州市龙泉路 1 号"})
    project = make_project(tmp_path, content.root)
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "enterprises" / "lunan-nongpin" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:13812345678"' in page
    # the same number anywhere else is still refused
    post = next((project / "docs" / "news" / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n另一个号码 139 1234 5678。\n", encoding="utf-8")
    failed = run_cli("build", "--today", TODAY, cwd=project)
    assert failed.returncode == 1 and "139****5678" in failed.stderr and post.name in failed.stderr


def test_plain_mkdocs_build_runs_the_guard_too(tmp_path):
    import subprocess
    import sys

    from conftest import ContentTree

    content = ContentTree(tmp_path / "content").write_all()
    project = make_project(tmp_path, content.root)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n<!-- 13812345678 -->\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, capture_output=True, text=True, timeout=600
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert MASKED in output and "docs/about.md:" in output and "Traceback" not in output


def test_every_kind_of_published_file_and_name_is_read(tmp_path):
    """Straight on a folder: the spellings a file format can give a number."""
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "pagefind").mkdir()
    files = {
        "a.html": '<p title="电话 １３８－１２３４－５６７８">x</p>',
        "b.html": "<!-- 138&#8203;1234&shy;5678 -->",
        "c.html": '<a href="tel:+86%20138%E2%80%8B1234%205678">拨打</a>',
        "data/d.json": '{"phone": "\\u0031\\u0033\\u0038 1234 5678"}',
        "e.ics": "BEGIN:VEVENT\r\nDESCRIPTION:报名电话 13812\r\n 345678\r\nEND:VEVENT\r\n",
        "data/f.csv": "编号,电话\r\nx,'+86 138 1234 5678\r\n",
        "g.xml": "<item><description>&#x31;3812345678</description></item>",
        "h.html": "<p>身份证 11010519491231002X</p>",
        "i.html": "<p>\u202d13812345678\u202c</p>",
    }
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    (site / "13812345678.html").write_text("文件名", encoding="utf-8")
    (site / "pagefind" / "chunk.pf_fragment").write_bytes(b"\x1f\x8b compressed")
    found = scan_site(site)
    where = {f.published for f in found}
    assert where >= set(files) | {"13812345678.html（文件名）"}, sorted(where)
    assert {f.kind for f in found if f.published == "h.html"} == {"身份证号"}
    assert all(f.masked in ("138****5678", "110105********002X") for f in found)
    # the business line given as allowed is not reported; other numbers are
    assert not [f for f in scan_site(site, allowed={"13812345678", "11010519491231002X"})]


def test_readable_decodes_what_a_reader_would_see():
    assert readable("&#49;&#x33;8&nbsp;%31%32%33%34") == "138\xa01234"
    assert [n.number for n in private_numbers("电话：1\u200b3\u200b8\u00ad1234\u20605678")] == ["13812345678"]
    # a landline, a year range, a credit code and numbers in an icon's path are no one's number
    assert not list(private_numbers("0632-5551234 2014-2026 91370400MA3C1234XY M13.5 1234.5678 0 0 1 1"))


def test_a_number_split_over_lines_met_before_is_still_found(tmp_path):
    """The guard reads each line once per scan (pages repeat the theme): a line that may be part of
    a number is read every time, with its neighbours."""
    site = tmp_path / "site"
    site.mkdir()
    shell = "\n".join(f"<li>菜单 {n}</li>" for n in range(50))
    (site / "a.html").write_text(f"{shell}\n<p>139\n<i>x</i>\n1234\n<i>y</i>\n5678</p>\n{shell}", encoding="utf-8")
    (site / "b.html").write_text(f"{shell}\n<p>139\n1234\n5678</p>\n{shell}", encoding="utf-8")
    (site / "c.html").write_text(f"{shell}\n<p>电话\n&#49;38 1234\n5678</p>\n{shell}", encoding="utf-8")
    found = {f.published: f.masked for f in scan_site(site)}
    assert found == {"b.html": "139****5678", "c.html": "138****5678"}


def test_import_refuses_a_mobile_business_line_without_consent_like_check(tmp_path):
    """A district's 联系电话 is often the contact's mobile: the import applies check's rule."""
    import csv
    import io

    from conftest import ContentTree

    content = ContentTree(tmp_path / "content").write_all()

    def sheet(*consent: str) -> Path:
        header = ["企业名称", "所在区县", "所属行业", "一句话简介", "办公电话", *(["手机号已获同意公开"] if consent else [])]
        row = ["滕州精工机床有限公司", "滕州市", "机械电子产品", "生产小型数控机床。", "138 1234 5678", *consent]
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows([header, row])
        path = tmp_path / "名单.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        return path

    before = _tree(content.root)
    refused = run_cli("import", str(sheet()), "--type", "enterprise", "--content", str(content.root))
    assert refused.returncode == 1
    line = next(line for line in refused.stderr.splitlines() if "第 2 行" in line)
    assert "E 列（办公电话）" in line and "手机号 138****5678" in line and "consent: true" in line, refused.stderr
    assert _tree(content.root) == before
    agreed = run_cli("import", str(sheet("是")), "--type", "enterprise", "--content", str(content.root))
    assert agreed.returncode == 0, agreed.stderr
    written = (content.root / "enterprises" / "tengzhou-jinggong-jichuang.yaml").read_text(encoding="utf-8")
    assert "consent: true" in written and "138 1234 5678" in written


def _consented(project: Path) -> None:
    _record(project, contact={"phone": "138 1234 5678", "consent": True, "address": "滕州市龙泉路 1 号"})


def same_number_in_a_news_post(project):
    post = next((project / "docs" / "news" / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n报名请打 138 1234 5678。\n", encoding="utf-8")
    return f"news/posts/{post.name}:"


def same_number_split_by_markup_in_another_record(project):
    other = next((project / "content" / "cases").glob("*.yaml"))  # a story's body, read by the check as text
    data = yaml.safe_load(other.read_text(encoding="utf-8"))
    data["story"] = "订货电话 138**1234**5678。\n"
    other.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return other.name


def same_number_in_taxonomy(project):
    _append(project / "content" / "taxonomy.yaml", "description: 市政府驻地，", "description: 咨询 138 1234 5678，市政府驻地，")
    return "taxonomy.yaml:"


CONSENT_CASES = [same_number_in_a_news_post, same_number_split_by_markup_in_another_record, same_number_in_taxonomy]


@pytest.mark.parametrize("case", CONSENT_CASES, ids=[case.__name__ for case in CONSENT_CASES])
def test_consent_covers_its_own_business_line_only(built, case):
    """An owner agreed to publish their number as their shop's line, not everywhere: the same number
    written anywhere else (or shown on another record's page) fails the build, naming that place."""
    project, saved, before = built
    try:
        _consented(project)
        source = case(project)
        failed = run_cli("build", "--today", TODAY, cwd=project)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        lines = [line for line in failed.stderr.splitlines() if MASKED in line]
        assert any(source in line for line in lines), (source, failed.stderr)
        assert not any(line.split(":")[0].endswith("lunan-nongpin.yaml") for line in lines), (
            failed.stderr
        )  # not the consented line
        assert _tree(project / "site") == before
    finally:
        for name in ("content", "docs"):
            shutil.rmtree(project / name)
            shutil.copytree(saved / name, project / name)
        shutil.copy(saved / "mkdocs.yml", project / "mkdocs.yml")


@pytest.mark.parametrize(
    "case", [taxonomy_entry, news_post, html_comment, footer_in_mkdocs_yml, record_id], ids=lambda c: c.__name__
)
def test_check_meets_the_numbers_only_the_build_would_meet(built, case):
    """An editor's `check` must not say 检查通过 where the build then refuses: numbers written outside
    the records' fields (settings, news posts, pages, mkdocs.yml, file names) are named by check too."""
    project, saved, _ = built
    try:
        source, _ = case(project)
        result = run_cli("check", "--today", TODAY, cwd=project)
        assert result.returncode == 1, result.stdout + result.stderr
        lines = [line for line in (result.stdout + result.stderr).splitlines() if MASKED in line]
        assert any(source.rstrip(":").split("（")[0] in line for line in lines), (source, result.stdout + result.stderr)
        assert "检查通过" not in result.stdout
    finally:
        for name in ("content", "docs"):
            shutil.rmtree(project / name)
            shutil.copytree(saved / name, project / name)
        shutil.copy(saved / "mkdocs.yml", project / "mkdocs.yml")
