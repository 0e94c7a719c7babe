"""The built site as a web server gets it: the theme's CSS and JS minified, text files precompressed
beside themselves, Pagefind's gzip-bodied index files left alone (generator/assemble/serving.py)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest
from conftest import make_project, run_cli

from generator.assemble.serving import MIN_SIZE, precompress

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "overrides"


def _theme_assets(suffix: str) -> list[Path]:
    return sorted(THEME.rglob(f"*{suffix}"))


def test_the_theme_css_is_minified_and_keeps_every_custom_property(built_site):
    assert _theme_assets(".css")
    for source in _theme_assets(".css"):
        built = (built_site / source.relative_to(THEME)).read_text(encoding="utf-8")
        original = source.read_text(encoding="utf-8")
        assert len(built) < 0.9 * len(original), source.name
        assert "/*" not in built and "\n" not in built.strip(), source.name
        declared = set(re.findall(r"(--[\w-]+)\s*:", original))
        assert declared == set(re.findall(r"(--[\w-]+):", built)), source.name
        # calc() needs the spaces around + and -
        assert re.findall(r"calc\(([^;]*?)\)[;}]", built) == [
            re.sub(r"\s+", " ", c) for c in re.findall(r"calc\(([^;]*?)\)\s*[;}]", re.sub(r"/\*.*?\*/", "", original, flags=re.S))
        ], source.name


def test_the_theme_javascript_is_minified_and_still_parses(built_site):
    node = shutil.which("node")
    assert _theme_assets(".js")
    for source in _theme_assets(".js"):
        built = built_site / source.relative_to(THEME)
        assert built.stat().st_size < 0.9 * source.stat().st_size, source.name
        assert "\n  " not in built.read_text(encoding="utf-8"), source.name
        if node:
            checked = subprocess.run([node, "--check", str(built)], capture_output=True, text=True)
            assert checked.returncode == 0, checked.stderr
    # the dialog's lazy import of Pagefind survives minification
    assert 'import(new URL("pagefind/pagefind.js"' in (built_site / "assets/javascripts/search.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "relative",
    [
        "index.html",
        "enterprises/index.html",
        "404.html",
        "feed_rss_created.xml",
        "data/records.json",
        "data/enterprises.csv",
        "trainings/calendar.ics",
        "progress/districts.svg",
    ],
)
def test_text_files_have_a_gzip_copy_with_the_same_bytes(built_site, relative):
    original = (built_site / relative).read_bytes()
    packed = (built_site / (relative + ".gz")).read_bytes()
    assert gzip.decompress(packed) == original
    assert packed[4:8] == b"\0\0\0\0"  # no time stamp: the same site gives the same bytes
    assert not (built_site / (relative + ".br")).exists()  # pages: gzip only (serving.py says why)


@pytest.mark.parametrize(
    "relative",
    ["assets/stylesheets/site.css", "assets/javascripts/search.js", "pagefind/pagefind.js", "main.*.min.css", "bundle.*.min.js"],
)
def test_shared_assets_have_gzip_and_brotli_copies(built_site, relative):
    if "*" in relative:
        relative = next(built_site.glob(f"assets/*/{relative}")).relative_to(built_site).as_posix()
    original = (built_site / relative).read_bytes()
    assert gzip.decompress((built_site / (relative + ".gz")).read_bytes()) == original
    assert brotli.decompress((built_site / (relative + ".br")).read_bytes()) == original


def test_every_page_is_precompressed(built_site):
    pages = [p for p in built_site.rglob("*.html") if p.stat().st_size >= MIN_SIZE]
    missing = [p for p in pages if not p.with_name(p.name + ".gz").is_file()]
    assert pages and missing == []


def test_pagefind_index_files_and_images_are_not_compressed_again(built_site):
    index_files = [p for p in (built_site / "pagefind").rglob("*") if p.suffix.startswith(".pf_") or p.suffix == ".pagefind"]
    assert index_files
    for path in index_files:
        assert path.read_bytes()[:2] == b"\x1f\x8b"  # Pagefind's own gzip, unpacked by its JavaScript
        assert not path.with_name(path.name + ".gz").exists() and not path.with_name(path.name + ".br").exists()
    assert not list(built_site.rglob("*.png.gz")) and not list(built_site.rglob("*.gz.gz"))


def test_precompressed_copies_are_not_published_addresses(built_site):
    urls = json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))["urls"]
    assert urls and not [u for u in urls if u.endswith((".gz", ".br"))]
    for sitemap in [built_site / "sitemap.xml", *(built_site / "sitemaps").glob("*.xml")]:
        assert not re.search(r"\.(gz|br)</loc>", sitemap.read_text(encoding="utf-8")), sitemap


def test_copies_of_unchanged_files_come_from_the_previous_site(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for site in (old, new):
        (site / "a").mkdir(parents=True)
        (site / "a" / "same.html").write_text("<p>不变的页面</p>" * 200, encoding="utf-8")
        (site / "tiny.html").write_text("<p>小</p>", encoding="utf-8")  # below MIN_SIZE
    (old / "a" / "changed.html").write_text("<p>旧的</p>" * 200, encoding="utf-8")
    (new / "a" / "changed.html").write_text("<p>新的</p>" * 200, encoding="utf-8")
    (old / "assets").mkdir()
    (old / "assets" / "site.css").write_text("body { color: #333; }\n" * 100, encoding="utf-8")
    shutil.copytree(old / "assets", new / "assets")
    assert precompress(old) == 4  # two pages' .gz, the stylesheet's .gz and .br
    (old / "a" / "same.html.gz").write_bytes(gzip.compress(b"marker", mtime=0))  # taken as it is, not redone
    (old / "assets" / "site.css.br").write_bytes(brotli.compress(b"marker"))
    assert precompress(new, previous=old) == 4
    assert gzip.decompress((new / "a" / "same.html.gz").read_bytes()) == b"marker"
    assert brotli.decompress((new / "assets" / "site.css.br").read_bytes()) == b"marker"
    assert gzip.decompress((new / "a" / "changed.html.gz").read_bytes()) == (new / "a" / "changed.html").read_bytes()
    assert not (new / "tiny.html.gz").exists() and not (new / "tiny.html.br").exists()  # below a packet: sent as it is


def test_a_rebuild_over_the_last_site_gives_the_same_bytes(tmp_path, valid_content):
    """The second build takes the copies of unchanged files from the site it replaces: the result
    is the site a build from scratch gives, and an edited page gets a fresh copy."""
    project = make_project(tmp_path, valid_content.root)

    def tree(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    first = tree(project / "site")
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    assert tree(project / "site") == first

    record = project / "content" / "enterprises" / "lunan-nongpin.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("summary: ", "summary: 新的简介。", 1), encoding="utf-8")
    assert run_cli("build", "--today", "2026-11-24", cwd=project).returncode == 0
    page = project / "site" / "enterprises" / "lunan-nongpin" / "index.html"
    assert "新的简介。" in page.read_text(encoding="utf-8")
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
