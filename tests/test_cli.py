"""The commands an editor runs, and what they print and return."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, make_project, run_cli

from generator.content.registry import TYPES


def test_check_passes_with_counts(valid_content):
    result = run_cli("check", "--content", str(valid_content.root), "--today", "2026-11-24")
    assert result.returncode == 0
    assert "检查通过：示范企业 1 条，致富典型 1 条，培训班 1 条" in result.stdout


def test_check_lists_every_problem_and_exits_1(content):
    content.write_all()
    content.write("enterprise", district="滕州")
    content.write("case", published="2027-02-30")
    result = run_cli("check", "--content", str(content.root))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert any("lunan-nongpin.yaml:2:1: district（所在区县）:" in line and "滕州市" in line for line in lines)
    assert any("yicheng-shiliu.yaml:" in line and "published（发布日期）" in line for line in lines)
    assert lines[-1] == "共发现 2 个问题，涉及 2 个文件。请逐条修改后再运行检查。"
    assert "Traceback" not in result.stderr


def test_bad_today_argument_is_explained():
    result = run_cli("check", "--today", "2026-13-01")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_new_writes_a_template_that_checks_as_a_draft(content):
    content.write_all()
    for record_type in TYPES:
        result = run_cli("new", record_type.name, f"new-{record_type.name}", "--content", str(content.root))
        assert result.returncode == 0, result.stderr
        text = (content.root / record_type.folder / f"new-{record_type.name}.yaml").read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=") and "draft: true" in text
        # every field the schema knows has a Chinese comment above it
        data = yaml.safe_load(text)
        lines = text.splitlines()
        for key in data:
            index = lines.index(next(line for line in lines if line.startswith(f"{key}:")))
            assert lines[index - 1].startswith("# "), (record_type.name, key)
    assert "# 本人同意公开" in (content.root / "cases" / "new-case.yaml").read_text(encoding="utf-8")
    result = run_cli("check", "--content", str(content.root))
    assert result.returncode == 0 and f"草稿 {len(TYPES)} 条" in result.stdout


def test_new_refuses_bad_id_and_existing_file(content):
    content.write_all()
    assert run_cli("new", "case", "Bad_ID", "--content", str(content.root)).returncode == 1
    result = run_cli("new", "case", "yicheng-shiliu", "--content", str(content.root))
    assert result.returncode == 1 and "已经存在" in result.stderr


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_failed_build_leaves_the_previous_site_untouched(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    first = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert first.returncode == 0, first.stderr
    before = _tree(project / "site")
    assert "enterprises/lunan-nongpin/index.html" in before

    record = project / "content" / "enterprises" / "lunan-nongpin.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("district: 滕州市", "district: 滕州"), encoding="utf-8")
    failed = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert failed.returncode == 1
    assert "district（所在区县）" in failed.stderr and "滕州市" in failed.stderr
    assert _tree(project / "site") == before
    assert not list(project.glob(".site.*"))


def test_a_body_with_an_outside_image_fails_the_build_and_says_what_to_do(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    before = _tree(project / "site")
    record = project / "content" / "enterprises" / "lunan-nongpin.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["description"] = "门店照片：\n\n![门店](https://img.example.com/a.jpg)\n"
    record.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    failed = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert failed.returncode == 1
    (line,) = [ln for ln in failed.stderr.splitlines() if "lunan-nongpin.yaml" in ln]
    assert "description（企业介绍）" in line and "img.example.com" in line and "content/media/" in line
    assert "Traceback" not in failed.stderr
    assert _tree(project / "site") == before


def test_mkdocs_failure_also_leaves_site_untouched(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    before = _tree(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - blog:\n", "  - no-such-plugin:\n"), encoding="utf-8")
    failed = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert failed.returncode == 1 and "站点构建失败" in failed.stderr and "site/ 保持不变" in failed.stderr
    assert _tree(project / "site") == before


def test_render_writes_only_changed_pages_and_removes_stale_ones(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert "写入" in run_cli("render", "--today", "2026-11-24", cwd=project).stdout
    page = project / "docs" / "trainings" / "weidian-rumen.md"
    stamp = page.stat().st_mtime_ns
    again = run_cli("render", "--today", "2026-11-24", cwd=project)
    assert "写入 0 个" in again.stdout and page.stat().st_mtime_ns == stamp
    (project / "content" / "trainings" / "weidian-rumen.yaml").unlink()
    # its page, its .ics, and the filters' cards of the directory, which held only this class
    assert "删除 3 个" in run_cli("render", "--today", "2026-11-24", cwd=project).stdout
    assert not page.exists() and not page.with_suffix(".ics").exists()
    assert not (project / "docs" / "data" / "filters" / "trainings" / "0.json").exists()
    assert (project / "docs" / "about.md").exists() == (ROOT / "docs" / "about.md").exists()


def test_renamed_record_keeps_its_old_url_working(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    old_manifest = tmp_path / "published-manifest.json"
    old_manifest.write_bytes((project / "site" / "manifest.json").read_bytes())
    assert "enterprises/lunan-nongpin/" in old_manifest.read_text(encoding="utf-8")

    records = project / "content" / "enterprises"
    (records / "lunan-nongpin.yaml").rename(records / "lunan-agri.yaml")
    for other in (project / "content").glob("*/*.yaml"):  # the records that point at it follow
        other.write_text(other.read_text(encoding="utf-8").replace("lunan-nongpin", "lunan-agri"), encoding="utf-8")
    lost = run_cli("check", "--against", str(old_manifest), cwd=project)
    assert lost.returncode == 1 and "/enterprises/lunan-nongpin/" in lost.stderr and "redirect_from" in lost.stderr

    with (records / "lunan-agri.yaml").open("a", encoding="utf-8") as handle:
        handle.write("redirect_from:\n  - lunan-nongpin\n")
    assert run_cli("check", "--against", str(old_manifest), cwd=project).returncode == 0
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    redirect = (project / "site" / "enterprises" / "lunan-nongpin" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../lunan-agri/"' in redirect or "../lunan-agri/" in redirect
    assert (project / "site" / "enterprises" / "lunan-agri" / "index.html").exists()


def test_retired_url_is_accepted_when_registered(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    old_manifest = tmp_path / "old.json"
    old_manifest.write_bytes((project / "site" / "manifest.json").read_bytes())
    (project / "content" / "trainings" / "weidian-rumen.yaml").unlink()
    assert run_cli("check", "--against", str(old_manifest), cwd=project).returncode == 1
    (project / "content" / "retired.yaml").write_text(
        "retired:\n  - url: trainings/weidian-rumen/\n    reason: 培训取消后删除\n    date: '2026-12-01'\n", encoding="utf-8"
    )
    assert run_cli("check", "--against", str(old_manifest), cwd=project).returncode == 0


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    assert run_cli("build", "--today", "2026-11-24", "--site-dir", "first", cwd=project).returncode == 0
    # a second build from scratch, as CI would do on another day with the same --today
    for record_type in TYPES:
        shutil.rmtree(project / "docs" / record_type.folder)
    assert run_cli("build", "--today", "2026-11-24", "--site-dir", "second", cwd=project).returncode == 0
    first, second = _tree(project / "first"), _tree(project / "second")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert (
        b"<sitemapindex" in first["sitemap.xml"] and b"/ecommerce/enterprises/lunan-nongpin/" in first["sitemaps/enterprises.xml"]
    )


def test_production_build_refuses_missing_or_example_footer_facts(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    refused = run_cli("build", "--production", "--today", "2026-11-24", cwd=project)
    assert refused.returncode == 1 and not (project / "site").exists()
    assert "extra.compliance.icp（ICP 备案号）: 还是示例值" in refused.stderr
    assert "site_url（站点网址）" in refused.stderr

    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    real = {
        "枣庄市商务局（示例）": "枣庄市商务局",
        "电话 0632-0000000（示例）": "电话 0632-3311234",
        "鲁ICP备00000000号（示例）": "鲁ICP备12345678号-1",
        "鲁公网安备00000000000000号（示例）": "鲁公网安备37040202000123号",
        '"0000000000（示例）"': '"3704000012"',
        "https://www.example.gov.cn/ecommerce/": "https://swj.zaozhuang.gov.cn/ecommerce/",
    }
    for old, new in real.items():
        assert old in text, old
        text = text.replace(old, new)
    config.write_text(text.replace("    site_code:", "    site_code: ''\n    unused:"), encoding="utf-8")
    refused = run_cli("build", "--production", "--today", "2026-11-24", cwd=project)
    assert refused.returncode == 1 and "extra.compliance.site_code（政府网站标识码）: 正式发布前必须填写" in refused.stderr

    config.write_text(text, encoding="utf-8")
    built = run_cli("build", "--production", "--today", "2026-11-24", cwd=project)
    assert built.returncode == 0, built.stderr


def test_hostile_record_reaches_no_built_page_as_markup(tmp_path, content):
    content.write_all()
    content.write(
        "enterprise",
        name="<script>alert('名')</script>甲公司",
        summary='"><img src=x onerror=alert(1)>',
        description="正文里的 &lt;script&gt; 和 `<iframe src='https://evil.example'>` 只是文字。\n\n"
        "<a href='https://ok.example' title='\"><script>alert(3)</script>'>好</a>",
        tags=["<b onclick=alert(4)>"],
    )
    project = make_project(tmp_path, content.root)
    result = run_cli("build", "--today", "2026-11-24", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    pages = [p for p in (project / "site").rglob("*.html")]
    hostile = ("alert(", "evil.example", "display:none")
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (page, element.name, name)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith("javascript:"), (page, element)
        for script in soup.find_all("script"):
            assert not any(h in script.get_text() for h in hostile), page
        assert soup.find("iframe") is None and not any(s for s in soup.find_all("style") if "display:none" in s.get_text())
    record = BeautifulSoup(
        (project / "site" / "enterprises" / "lunan-nongpin" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    # the reader sees exactly what the editor typed, as text
    assert record.h1.get_text() == "<script>alert('名')</script>甲公司"
    assert record.title.get_text().startswith("<script>alert('名')</script>甲公司｜")
    assert record.find("meta", attrs={"name": "description"})["content"] == '"><img src=x onerror=alert(1)>'
    assert record.find("a", href="https://ok.example") is not None
