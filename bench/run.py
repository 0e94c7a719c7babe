"""Benchmark at campaign scale: prints each figure and each goal of issue 6 with PASS/FAIL.

    python bench/run.py                      # 10,000 enterprises + 2,000 stories + 500 classes
    python bench/run.py --enterprises 500 --cases 100 --trainings 25   # a quick look

Not a test: it measures. Everything runs on this machine, on loopback.
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).parent))

import synth  # noqa: E402

OUT = ROOT / "bench" / "out"
PY = sys.executable
GENERATED = {"index.md", "enterprises", "cases", "trainings", "districts", "industries", "programs", "media", "data",
             "progress", "manifest.json", ".redirects.json"}
ENV = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", CAMPAIGN_TODAY="2026-11-24")


def run(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def project(content: Path) -> Path:
    target = OUT / "project"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", target / "docs", ignore=lambda d, names: [n for n in names if Path(d) == ROOT / "docs" and n in GENERATED])
    shutil.copytree(content, target / "content")
    return target


def bare_site(pages: int) -> Path:
    """Material with its own search and jieba, and the same number of plain Chinese pages, out of the nav."""
    target = OUT / "bare"
    shutil.rmtree(target, ignore_errors=True)
    docs = target / "docs" / "records"
    docs.mkdir(parents=True)
    rng = random.Random(7)
    (target / "docs" / "index.md").write_text("# 首页\n\n示例站点。\n", encoding="utf-8")
    for i in range(pages):
        product = rng.choice(synth.PRODUCTS)
        body = "\n\n".join(synth.paragraph(rng, product, 3) for _ in range(4))
        (docs / f"p{i:05d}.md").write_text(f"# {rng.choice(synth.WORDS)}{product}电子商务有限公司{i}号\n\n{body}\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: 对照站点\nsite_url: https://example.gov.cn/\ntheme:\n  name: material\n  language: zh\n"
        "plugins:\n  - search:\n      separator: '[\\s\\u200b\\-]'\nnav:\n  - index.md\nnot_in_nav: |\n  /records/*\n",
        encoding="utf-8")
    return target


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def browser_figures(site: Path, record_url: str) -> tuple[int, int, int]:
    from browser import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    with serve(site, Path(tempfile.mkdtemp())) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def visit(url: str, search: str | None = None) -> tuple[int, int]:
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            bodies: list[bytes] = []
            page.on("response", lambda r: bodies.append(r.body()) if r.status == 200 else None)
            page.goto(base + url, wait_until="networkidle")
            if search:  # the header's search (search.js): Pagefind loads when it is opened
                page.get_by_role("button", name="搜索", exact=True).click()
                page.get_by_role("searchbox", name="搜索", exact=True).wait_for(state="visible")
                page.keyboard.insert_text(search)  # pasted: one input event
                page.wait_for_selector(".site-search__result", timeout=120000)
            page.wait_for_timeout(500)
            context.close()
            return sum(gz(b) for b in bodies), len(bodies)

        record_first_visit, requests = visit(record_url)
        first_search, _ = visit("", search="石榴")
        browser.close()
    return record_first_visit, requests, first_search


def preview_seconds(proj: Path, record: Path, url_path: str) -> float:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=proj, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/ecommerce/{url_path}"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 1800
        while "示例" not in page():
            if time.monotonic() > deadline:
                return float("nan")
            time.sleep(2)
        time.sleep(3)
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("summary: ", "summary: 预览修改标记", 1), encoding="utf-8")
        start = time.monotonic()
        while "预览修改标记" not in page():
            if time.monotonic() - start > 600:
                return float("nan")
            time.sleep(0.2)
        return time.monotonic() - start
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=10000)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--trainings", type=int, default=500)
    parser.add_argument("--skip-preview", action="store_true")
    args = parser.parse_args()
    total = args.enterprises + args.cases + args.trainings
    print(f"规模: 企业 {args.enterprises} + 故事 {args.cases} + 培训 {args.trainings} = {total} 条记录; {os.cpu_count()} 核")

    content = synth.write(OUT / "synthetic", args.enterprises, args.cases, args.trainings)
    proj = project(content)
    figures: dict[str, float] = {}
    figures["check_s"] = run([PY, "-m", "generator", "check", "--today", "2026-11-24"], proj)
    figures["render_s"] = run([PY, "-m", "generator", "render", "--today", "2026-11-24"], proj)
    for name in GENERATED:  # the full build starts from nothing generated
        path = proj / "docs" / name
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    figures["build_s"] = run([PY, "-m", "generator", "build", "--today", "2026-11-24"], proj)
    figures["build_peak_mb"] = peak_child_rss_mb()
    site = proj / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    figures["site_mb"] = sum(p.stat().st_size for p in files) / 1e6
    figures["site_files"] = len(files)
    record_html = site / "enterprises" / "enterprise-00042" / "index.html"
    figures["record_html_kb"] = record_html.stat().st_size / 1024
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]  # fetched chunk by chunk, on use
    figures["search_bundle_mb"] = sum(p.stat().st_size for p in bundle) / 1e6

    bare = bare_site(total)
    figures["bare_build_s"] = run([PY, "-m", "mkdocs", "build", "-q"], bare)

    first_visit, requests, first_search = browser_figures(site, "enterprises/enterprise-00042/")
    figures["record_first_visit_gz_kb"] = first_visit / 1024
    figures["first_search_gz_kb"] = first_search / 1024
    if not args.skip_preview:
        figures["preview_s"] = preview_seconds(proj, proj / "content" / "enterprises" / "enterprise-00042.yaml",
                                               "enterprises/enterprise-00042/")

    ratio = figures["build_s"] / figures["bare_build_s"]
    print(f"check（检查全部记录）           {figures['check_s']:8.1f} s")
    print(f"render（生成 Markdown）         {figures['render_s']:8.1f} s")
    print(f"build（完整构建）               {figures['build_s']:8.1f} s，峰值内存 {figures['build_peak_mb']:.0f} MB")
    print(f"bare Material（同页数，jieba）  {figures['bare_build_s']:8.1f} s")
    print(f"site/                           {figures['site_mb']:8.1f} MB，{figures['site_files']:.0f} 个文件")
    print(f"记录页 HTML                     {figures['record_html_kb']:8.1f} KB")
    print(f"搜索索引（Pagefind，磁盘上）     {figures['search_bundle_mb']:8.1f} MB")
    print(f"记录页首次访问（gzip，{requests} 个请求） {figures['record_first_visit_gz_kb']:8.1f} KB")
    print(f"手机首次中文搜索（gzip）        {figures['first_search_gz_kb']:8.1f} KB")
    if "preview_s" in figures:
        print(f"预览：改一条记录到页面更新      {figures['preview_s']:8.1f} s")
    goals = [
        ("完整构建 ≤ 0.75 × 纯 Material 构建", f"{ratio:.2f} ×", ratio <= 0.75),
        ("check ≤ 2 s", f"{figures['check_s']:.1f} s", figures["check_s"] <= 2),
        ("手机首次搜索 ≤ 300 KB", f"{figures['first_search_gz_kb']:.0f} KB", figures["first_search_gz_kb"] <= 300),
        ("记录页首次访问 ≤ 100 KB", f"{figures['record_first_visit_gz_kb']:.0f} KB", figures["record_first_visit_gz_kb"] <= 100),
        ("构建峰值内存 < 2 GB", f"{figures['build_peak_mb']:.0f} MB", figures["build_peak_mb"] < 2048),
    ]
    if "preview_s" in figures:
        goals.append(("预览 ≤ 3 s", f"{figures['preview_s']:.1f} s", figures["preview_s"] <= 3))
    print()
    for goal, value, ok in goals:
        print(f"{'PASS' if ok else 'FAIL'}  {goal}: {value}")


if __name__ == "__main__":
    main()
