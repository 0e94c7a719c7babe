"""Pages written from shells (generator/assemble/page_shells.py) are the pages MkDocs would write,
byte for byte; anything a shell cannot follow fails the build with a message, never a wrong page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, make_project, many_records

from generator.assemble.page_shells import PROBES, Shape, Shell, ShellError, probe_body


def _build(project: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", TODAY.isoformat(), "--strict"],
        cwd=project,
        env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_pages_from_shells_are_the_pages_mkdocs_writes(tmp_path):
    content = tmp_path / "content"
    import shutil

    shutil.copytree(ROOT / "content", content)
    many_records(content, enterprises=60, cases=10)  # numbered pages and lists by type too
    odd = (content / "enterprises" / "firm-000.yaml").read_text(encoding="utf-8")  # text that HTML escapes
    (content / "enterprises" / "firm-000.yaml").write_text(
        odd.replace("name: 枣庄第000号电子商务有限公司", 'name: 枣庄A&B<"鲁南"> 电子商务有限公司'), encoding="utf-8"
    )
    project = make_project(tmp_path, content)
    assert (result := _build(project)).returncode == 0, result.stderr
    shelled = _tree(project / "site")
    assert (result := _build(project, CAMPAIGN_SHELLS="off")).returncode == 0, result.stderr
    built = _tree(project / "site")

    assert not [path for path in shelled if PROBES in path]  # no probe page is left in the site
    assert shelled.keys() == built.keys()
    different = [path for path in built if shelled[path] != built[path]]
    assert different == []
    # …and the comparison covers what it should: record pages, numbered pages, lists by type
    for page in (
        "enterprises/firm-001/index.html",
        "enterprises/page/2/index.html",
        "districts/tengzhou/index.html",
        "districts/tengzhou/enterprises/index.html",
        "cases/story-001/index.html",
    ):
        assert page in shelled
    odd_page = shelled["enterprises/firm-000/index.html"].decode("utf-8")
    assert "<title>枣庄A&amp;B&lt;&#34;鲁南&#34;&gt; 电子商务有限公司｜" in odd_page
    record = shelled["enterprises/firm-001/index.html"].decode("utf-8")
    assert "<title>枣庄第001号电子商务有限公司｜" in record and 'href="#recognitions"' in record


def test_a_theme_that_rewrites_the_placeholders_is_refused():
    shape = Shape("enterprises", 2, True, False, False)
    with pytest.raises(ShellError, match="正文"):
        Shell("<html><body>nothing of the probe</body></html>", shape, "enterprises/shell-probe-t1-h0-i0/")
    page = f"<html><title>\ue000标题\ue001</title><body>{probe_body(shape)}<footer>\ue000改过的\ue001</footer></body></html>"
    with pytest.raises(ShellError, match="占位"):
        Shell(page, Shape("enterprises", 2, False, False, False), "enterprises/shell-probe-t0-h0-i0/")


def test_sitemap_is_a_small_index_of_section_sitemaps_that_list_every_page(built_site):
    index = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and len(index) < 2000
    sections = sorted((built_site / "sitemaps").glob("*.xml"))
    assert {path.name for path in sections} >= {"enterprises.xml", "cases.xml", "trainings.xml", "pages.xml"}
    listed = "".join(path.read_text(encoding="utf-8") for path in sections)
    for name in index.split("<loc>")[1:]:
        assert (built_site / name.split("</loc>")[0].split("/ecommerce/", 1)[1]).is_file()
    for record in (built_site / "enterprises").iterdir():
        if (record / "index.html").is_file() and record.name != "page":
            assert f"/ecommerce/enterprises/{record.name}/</loc>" in listed
    assert "/ecommerce/about/</loc>" in listed


def test_old_addresses_of_renamed_records_send_readers_on_in_chinese(tmp_path, valid_content):
    renamed = valid_content.root / "enterprises" / "lunan-nongpin.yaml"
    text = renamed.read_text(encoding="utf-8") + "redirect_from:\n  - lunan-old\n"
    renamed.write_text(text, encoding="utf-8")
    project = make_project(tmp_path, valid_content.root)
    assert (result := _build(project)).returncode == 0, result.stderr
    stub = (project / "site" / "enterprises" / "lunan-old" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../lunan-nongpin/"' in stub and "本页已迁移" in stub and 'lang="zh-CN"' in stub
    assert 'rel="canonical" href="https://www.example.gov.cn/ecommerce/enterprises/lunan-nongpin/"' in stub
    assert json.loads((project / "docs" / ".redirects.json").read_text(encoding="utf-8")) == {
        "enterprises/lunan-old.md": "enterprises/lunan-nongpin.md"
    }
