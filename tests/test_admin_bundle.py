"""The web editor's files (generator/admin/bundle.py, write.py): the CMS bundle with its CDN addresses
rewritten (and a loud failure when a new version no longer has them), `python -m generator admin DIR`,
and where `build` puts the editor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, make_project, run_cli

from generator.admin.bundle import BUNDLE, FONTS, FORBIDDEN, REWRITES, EditorBuildError, cms_dir, cms_version, rewrite_bundle

NODE_MODULES = ROOT / "node_modules"
pytestmark = pytest.mark.skipif(not (NODE_MODULES / "@sveltia" / "cms").is_dir(), reason="npm ci has not been run")


def _bundle() -> str:
    return (cms_dir(NODE_MODULES) / BUNDLE).read_text(encoding="utf-8")


def test_the_pinned_bundle_reaches_no_other_host_once_rewritten():
    original = _bundle()
    assert "https://unpkg.com/" in original and "https://cdn.jsdelivr.net/fontsource/" in original
    text = rewrite_bundle(original, cms_version(NODE_MODULES))
    for host in FORBIDDEN:
        assert host not in text
    for font in FONTS:
        assert f"url(fonts/{Path(font.file).name})" in text
    assert "sourceMappingURL" not in text
    # Every unpkg address is now built from ./npm/ (the translations among them).
    assert text.count("`./npm/") == 4 and "`./npm/@sveltia/cms`" in text


@pytest.mark.parametrize(
    "change, found",
    [
        (lambda text: text.replace("https://unpkg.com/@sveltia/cms", "https://esm.run/@sveltia/cms"), "出现 3 次，应为 4 次"),
        (lambda text: text.replace("source-sans-3:vf@5.3.0", "source-sans-3:vf@5.4.0"), "出现 0 次，应为 1 次"),
        (lambda text: text + "\nfetch(`https://cdn.jsdelivr.net/npm/x`)", "仍含外部地址：cdn.jsdelivr.net"),
    ],
)
def test_a_new_version_that_differs_stops_the_build_in_chinese(change, found):
    with pytest.raises(EditorBuildError) as failure:
        rewrite_bundle(change(_bundle()), "9.9.9")
    message = str(failure.value)
    assert found in message and "Sveltia CMS 9.9.9" in message
    assert "REWRITES" in message


def test_every_rewrite_names_why():
    assert all(rewrite.why and rewrite.old != rewrite.new for rewrite in REWRITES)


@pytest.fixture(scope="module")
def admin_dir(tmp_path_factory):
    work = tmp_path_factory.mktemp("admin")
    project = make_project(work)
    result = run_cli("admin", "intranet/admin", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "网页编辑器已写入 intranet/admin/" in result.stdout
    return project / "intranet" / "admin"


def test_admin_writes_a_chinese_page_that_loads_only_files_beside_it(admin_dir):
    page = (admin_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "<title>网站内容编辑 · 枣庄市电子商务推进行动</title>" in page
    assert re.findall(r'(?:src|href)="([^"]*)"', page) == ["data:,", "sveltia-cms.js"]
    assert "noindex" in page
    bundle = (admin_dir / "sveltia-cms.js").read_text(encoding="utf-8")
    assert not any(host in bundle for host in FORBIDDEN)
    # What the rewritten bundle asks for at run time is there, from the npm packages.
    version = cms_version(NODE_MODULES)
    for name in ("zh-CN", "zh-TW", "en-US"):
        assert (admin_dir / f"npm/@sveltia/cms@{version}/locales/{name}.json").is_file()
    assert f'"version": "{version}"' in (admin_dir / "npm/@sveltia/cms/package.json").read_text(encoding="utf-8")
    for font in FONTS:
        copied = admin_dir / "fonts" / Path(font.file).name
        assert (
            copied.read_bytes()[:4] == b"wOF2" and copied.read_bytes() == (NODE_MODULES / font.package / font.file).read_bytes()
        )
    assert (admin_dir / "chunks" / "react-dom.js").is_file()
    assert "collections:" in (admin_dir / "config.yml").read_text(encoding="utf-8")


def test_admin_without_npm_packages_says_how_to_get_them(tmp_path):
    project = make_project(tmp_path)
    (project / "node_modules").unlink()
    result = run_cli("admin", "out", cwd=project)
    assert result.returncode == 1
    assert "npm ci" in result.stderr and "@sveltia/cms" in result.stderr
    assert not (project / "out" / "index.html").exists()


def test_build_puts_the_editor_in_site_admin(built_site):
    assert (built_site / "admin" / "index.html").is_file()
    assert (built_site / "admin" / "config.yml").is_file()
    assert (built_site / "admin" / "sveltia-cms.js").stat().st_size > 1_000_000


def _production_ready(config: Path, publish: bool) -> None:
    """mkdocs.yml with real-looking footer facts (production builds refuse the samples)."""
    text = config.read_text(encoding="utf-8").replace("（示例）", "").replace("0000000", "3311234")
    text = text.replace("https://www.example.gov.cn/", "https://swj.zaozhuang.gov.cn/")
    old = "    publish: false"
    assert old in text
    config.write_text(text.replace(old, f"    publish: {'true' if publish else 'false'}"), encoding="utf-8")


def test_production_build_carries_the_editor_only_when_mkdocs_yml_says_so(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    _production_ready(project / "mkdocs.yml", publish=False)
    built = run_cli("build", "--production", "--today", TODAY.isoformat(), cwd=project)
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "index.html").is_file() and not (project / "site" / "admin").exists()

    _production_ready(project / "mkdocs.yml", publish=True)
    built = run_cli("build", "--production", "--today", TODAY.isoformat(), cwd=project)
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "admin" / "index.html").is_file()


def test_make_serve_serves_the_editor_at_admin(tmp_path, valid_content):
    from test_serve import fetch, mkdocs_serve, wait_for

    project = make_project(tmp_path, valid_content.root)
    with mkdocs_serve(project) as site:
        assert wait_for(site + "admin/", '<script src="sveltia-cms.js">', 120), (project / "serve.log").read_text()
        assert "collections:" in fetch(site + "admin/config.yml")
        assert fetch(site + "admin/sveltia-cms.js").startswith("(function")
        # mkdocs serve adds its reload script to every page; the editor's policy refuses it (write.py).
        assert "livereload" in fetch(site + "admin/") and "script-src 'self' blob:" in fetch(site + "admin/")
