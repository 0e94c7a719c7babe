"""Weigh the Pagefind lever on a site bench/run.py built (issue 6): indexing time, and the bytes
a phone transfers for its first Chinese search when only the chunks a query needs are fetched.

    python bench/pagefind_probe.py [SITE]     # default: bench/out/project/site

Indexes what Material's index holds after our exclusions (the article, minus the blocks marked
data-search-exclude) into SITE/pagefind/, and searches from a bare probe page, so the figure is
the search's own cost (the page's theme CSS/JS comes on top, as for any page).
"""
from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PROBE = """<!doctype html><html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>
new PagefindUI({element: "#search", showSubResults: false, showImages: false});
</script></body></html>"""


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "bench" / "out" / "project" / "site").resolve()
    pages = sum(1 for _ in site.rglob("*.html"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article.md-content__inner",
                    "--exclude-selectors", "[data-search-exclude]", "--quiet"], check=True)
    seconds = time.perf_counter() - start
    (site / "pagefind-probe.html").write_text(PROBE, encoding="utf-8")
    bundle = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())

    from browser import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    with serve(site, Path(tempfile.mkdtemp())) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        bodies: list[tuple[str, bytes]] = []
        page.on("response", lambda r: bodies.append((r.url, r.body())) if r.status == 200 else None)
        page.goto(base + "pagefind-probe.html", wait_until="networkidle")
        page.fill(".pagefind-ui__search-input", "石榴")
        page.wait_for_selector(".pagefind-ui__result", timeout=60000)
        page.wait_for_timeout(1000)
        results = page.locator(".pagefind-ui__result").count()
        browser.close()
    total = sum(len(gzip.compress(body, 6)) for url, body in bodies if not url.endswith("pagefind-probe.html"))
    print(f"Pagefind 索引 {pages} 个页面：{seconds:.1f} s，索引包 {bundle / 1e6:.1f} MB")
    print(f"手机首次中文搜索“石榴”（Pagefind，gzip，{len(bodies) - 1} 个请求）：{total / 1024:.0f} KB，显示 {results} 条结果")


if __name__ == "__main__":
    main()
