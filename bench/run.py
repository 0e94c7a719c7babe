"""Benchmark at campaign scale: prints every figure of the scale goals with its goal and PASS/FAIL.
Not a test: it measures, on this machine, on loopback.

    python bench/run.py                                                # 10,000 + 2,000 + 500 records
    python bench/run.py --enterprises 500 --cases 100 --trainings 25   # a quick look
    python bench/run.py --skip-preview --skip-recall                   # the quicker parts only

Steps (everything under bench/out/, ignored by git):
  1. bench/synth.py writes synthetic content (bench/out/synthetic/content) with every field filled;
  2. a scratch project (bench/out/project): copies of mkdocs.yml, overrides/, generator/, the
     hand-written docs/ pages and the synthetic content/; every command runs there;
  3. `check` (three runs, the median) and a cold `build` (nothing generated, no QR cache, as in CI)
     alternated with the bare Material build of the same number of plain Chinese pages (Material's
     own search with jieba, pages out of the nav): the ratio of each pair, and the median of the
     ratios, so that the shared machine's load falls on both sides alike; peak memory of the build;
  4. the built site served by python's http.server under /ecommerce/, read by Debian's Chromium at
     360x740 with a fresh profile each time: a record page's first visit, the enterprise directory's
     first visit, a phone's first search (home page, search button, a two-character query pasted),
     each the sum of every response body gzipped at level 6;
  5. the largest HTML page of the site;
  6. `mkdocs serve --dirty` (what `make serve` runs): time from saving an edited record to its page
     showing the edit (median of three edits);
  7. search recall at full size (bench/search_recall.py): every name word of synth.py's lists.
Logs of every command: bench/out/logs/. Figures as JSON: bench/out/figures-<records>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402
from traffic import CHROMIUM, CHROMIUM_ARGS, PASTED, PHONE, SUB_PATH, fetch, free_port, quiet, serve  # noqa: E402

OUT = HERE / "out"
LOGS = OUT / "logs"
PY = sys.executable
TODAY = "2026-11-24"
CACHE = OUT / "cache"  # check's cache (generator/content/check_cache.py), emptied for a first check
ENV = dict(
    os.environ,
    DISABLE_MKDOCS_2_WARNING="true",
    NO_MKDOCS_2_WARNING="1",
    CAMPAIGN_TODAY=TODAY,
    PYTHONDONTWRITEBYTECODE="1",
    XDG_CACHE_HOME=str(CACHE),
)


def say(text: str = "") -> None:
    print(text, flush=True)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


# --- commands ---------------------------------------------------------------------------------


def _pss(pid: int) -> int:
    """A process's proportional share of memory in bytes: its own pages, and its share of the pages
    it shares with others (forked workers share most of their parent's), so that the sum over
    processes is the memory they take together (RSS would count shared pages once per process)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss(pid: int) -> int:
    """The memory of a process and all its descendants now, together (/proc; 0 when gone)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss(current)
        stack += children.get(current, [])
    return total


def timed(name: str, args: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; (wall seconds, peak MB of the memory of it and of every process it runs at
    the same moment, together: the forked workers and Pagefind count; proportional set sizes,
    sampled 10 times a second)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    os.sync()
    with open(LOGS / f"{name}.log", "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_pss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(args)} failed; see {LOGS / (name + '.log')}")
    return seconds, max(peak[0] / 2**20, usage.ru_maxrss / 1024)  # the largest single process at least


def make_project(content: Path) -> Path:
    from generator.pages.urls import GENERATED_FILES, generated_dirs

    project = OUT / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("overrides", "generator"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    generated = set(generated_dirs()) | set(GENERATED_FILES)
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda folder, names: [n for n in names if Path(folder) == ROOT / "docs" and n in generated],
    )
    shutil.copytree(content, project / "content")
    # `build` writes the web editor into site/admin/ from the npm packages (generator/admin/).
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return project


def clean(project: Path) -> None:
    """As on a fresh clone: nothing generated, no check cache, no site."""
    subprocess.run([PY, "-m", "generator", "clean"], cwd=project, env=ENV, check=True, capture_output=True)
    shutil.rmtree(CACHE, ignore_errors=True)


def make_bare_site(content: Path) -> tuple[Path, int]:
    """Material with its search plugin (jieba), no hooks; one plain page per record, same text, out of the nav."""
    import yaml

    bare = OUT / "bare"
    shutil.rmtree(bare, ignore_errors=True)
    pages = bare / "docs" / "records"
    pages.mkdir(parents=True)
    (bare / "docs" / "index.md").write_text("# 首页\n\n对照站点：同样多的纯中文页面。\n", encoding="utf-8")
    count = 0
    for folder, title, body in (
        ("enterprises", "name", "description"),
        ("cases", "title", "story"),
        ("trainings", "title", "description"),
    ):
        for path in sorted((content / folder).glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            (pages / f"{folder}-{path.stem}.md").write_text(
                f"# {data[title]}\n\n{data.get('summary', '')}\n\n{data.get(body) or ''}", encoding="utf-8"
            )
            count += 1
    (bare / "mkdocs.yml").write_text(
        "site_name: 对照站点\ntheme:\n  name: material\n  language: zh\n"
        "plugins:\n  - search:\n      lang: zh\n      separator: '[\\s\\u200b\\-]'\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /records/*\n",
        encoding="utf-8",
    )
    return bare, count


# --- serving and the browser -------------------------------------------------------------------


def kinds(sent: list) -> str:
    by: dict[str, int] = {}
    for _, path, _, packed in sent:
        path = path.split("?")[0]
        kind = (
            "search"
            if "/pagefind/" in path
            else "filters"
            if "/data/filters/" in path
            else "HTML"
            if path.endswith("/") or path.endswith(".html")
            else path.rsplit(".", 1)[-1][:6]
        )
        by[kind] = by.get(kind, 0) + packed
    return ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(by.items(), key=lambda kv: -kv[1]))


def browser_figures(site: Path, record_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    figures: dict = {}
    with serve(site) as (server, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def first_visit(url: str) -> list:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
            page = context.new_page()
            server.take()
            page.goto(base + url, wait_until="load")
            quiet(server, 2.0)
            context.close()
            return server.take()

        for name, url in (("record_first_visit", record_url), ("directory_first_visit", "enterprises/")):
            sent = first_visit(url)
            figures[name] = {"gzip_kb": sum(s[3] for s in sent) / 1024, "requests": len(sent), "by_kind": kinds(sent)}

        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
        page = context.new_page()
        server.take()
        start = time.monotonic()
        page.goto(base, wait_until="load")
        page.get_by_role("button", name="搜索", exact=True).tap()
        page.get_by_role("searchbox", name="搜索", exact=True).wait_for(state="visible")
        page.keyboard.insert_text(PASTED)  # pasted: one input event, no key
        page.wait_for_selector(".site-search__result", timeout=600_000)
        shown = time.monotonic()
        sent = [s for s in server.take() if s[0] <= shown]
        figures["first_search"] = {
            "gzip_kb": sum(s[3] for s in sent) / 1024,
            "requests": len(sent),
            "by_kind": kinds(sent),
            "seconds": shown - start,
            "status": page.locator(".site-search__status").inner_text(),
        }
        context.close()
        browser.close()
    return figures


# --- preview -----------------------------------------------------------------------------------


def preview_seconds(project: Path, record: Path, url_path: str, edits: int = 3) -> dict:
    """`mkdocs serve --dirty` (make serve): seconds from saving an edited record to its page showing it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{SUB_PATH}{url_path}"
    original = record.read_text(encoding="utf-8")
    log = open(LOGS / "serve.log", "wb")
    server = subprocess.Popen(
        [PY, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    result: dict = {"edits": []}
    try:
        start = time.monotonic()
        while "示例" not in fetch(url, timeout=10):
            if server.poll() is not None or time.monotonic() - start > 3600:
                return {"error": f"serve did not come up; see {LOGS / 'serve.log'}"}
            time.sleep(0.5)
        result["startup_s"] = time.monotonic() - start
        time.sleep(5)
        for number in range(edits):
            marker = f"预览修改第{number + 1}次"
            record.write_text(original.replace("\nsummary: ", f"\nsummary: {marker}", 1), encoding="utf-8")
            edited = time.monotonic()
            while marker not in fetch(url, timeout=10):
                if server.poll() is not None or time.monotonic() - edited > 600:
                    return dict(result, error="the edit did not show within 10 minutes")
                time.sleep(0.05)
            result["edits"].append(time.monotonic() - edited)
            time.sleep(3)
        result["edit_to_page_s"] = statistics.median(result["edits"])
        return result
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        record.write_text(original, encoding="utf-8")


# --- report ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=10000)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--trainings", type=int, default=500)
    parser.add_argument("--builds", type=int, default=2, help="build / bare pairs to time (default 2)")
    parser.add_argument("--skip-preview", action="store_true")
    parser.add_argument("--skip-recall", action="store_true")
    args = parser.parse_args()
    records = args.enterprises + args.cases + args.trainings
    figures: dict = {"date": TODAY, "records": records, "cores": os.cpu_count(), "python": platform.python_version()}
    say(
        f"{args.enterprises} enterprises + {args.cases} stories + {args.trainings} classes = {records} records; "
        f"{os.cpu_count()} cores; Python {platform.python_version()}"
    )
    shutil.rmtree(LOGS, ignore_errors=True)

    content = synth.write(OUT / "synthetic", args.enterprises, args.cases, args.trainings)
    project = make_project(content)
    site = project / "site"

    # check without its cache (a first check, or CI), then as an editor's next check: the cache
    # (generator/content/check_cache.py) holds the records whose files passed, keyed by their bytes
    colds, checks = [], []
    for i in range(3):
        shutil.rmtree(CACHE, ignore_errors=True)
        colds.append(timed(f"check-cold-{i}", [PY, "-m", "generator", "check", "--today", TODAY], project)[0])
    checks = [timed(f"check-{i}", [PY, "-m", "generator", "check", "--today", TODAY], project)[0] for i in range(3)]
    figures["check_cold_s"], figures["check_s"] = statistics.median(colds), statistics.median(checks)
    say(f"check, first (no cache): {figures['check_cold_s']:.2f} s (median of {', '.join(f'{c:.2f}' for c in colds)})")
    say(f"check, again (cache): {figures['check_s']:.2f} s (median of {', '.join(f'{c:.2f}' for c in checks)})")

    bare, pages = make_bare_site(content)
    ratios, builds, bares, peaks = [], [], [], []
    for number in range(args.builds):
        clean(project)
        seconds, peak = timed(f"build-{number}", [PY, "-m", "generator", "build", "--today", TODAY], project)
        bare_seconds, _ = timed(f"bare-{number}", [PY, "-m", "mkdocs", "build", "-q"], bare)
        builds.append(seconds), bares.append(bare_seconds), peaks.append(peak), ratios.append(seconds / bare_seconds)
        say(
            f"build {number + 1}: {seconds:.1f} s (peak {peak:.0f} MB); bare Material ({pages + 1} pages, jieba): "
            f"{bare_seconds:.1f} s; ratio {seconds / bare_seconds:.2f}"
        )
    figures.update(
        build_s=statistics.median(builds),
        bare_s=statistics.median(bares),
        build_ratio=statistics.median(ratios),
        build_peak_mb=max(peaks),
    )

    html_pages = list(site.rglob("*.html"))
    heaviest = max(html_pages, key=lambda p: p.stat().st_size)
    figures["pages"] = len(html_pages)
    figures["heaviest_page_kb"] = heaviest.stat().st_size / 1024
    say(f"site: {len(html_pages):,} HTML pages; heaviest {heaviest.relative_to(site)}: {figures['heaviest_page_kb']:.0f} KB")
    index = site / "data" / "filters" / "enterprises.json"
    figures["filter_index_kb"] = gz(index.read_bytes()) / 1024
    say(
        f"filters' index of the enterprise directory: {figures['filter_index_kb']:.1f} KB gzipped "
        f"({index.stat().st_size / 1024:.0f} KB)"
    )

    record_url = f"enterprises/{sorted(p.stem for p in (content / 'enterprises').glob('*.yaml'))[args.enterprises // 2]}/"
    traffic = browser_figures(site, record_url)
    figures.update(traffic)
    for name, label in (
        ("record_first_visit", f"record page first visit ({record_url})"),
        ("directory_first_visit", "enterprise directory first visit"),
        ("first_search", f"first search on a phone (“{PASTED}” pasted)"),
    ):
        t = traffic[name]
        say(f"{label}: {t['gzip_kb']:.1f} KB gzipped, {t['requests']} requests ({t['by_kind']})")
    say(f"    search: {traffic['first_search']['status']} after {traffic['first_search']['seconds']:.1f} s")

    if not args.skip_preview:
        record = project / "content" / "enterprises" / f"{record_url.split('/')[1]}.yaml"
        figures["preview"] = preview_seconds(project, record, record_url)
        say(f"preview (mkdocs serve --dirty): {figures['preview']}")

    if not args.skip_recall:
        import search_recall

        ok, recall = search_recall.recall(site)
        figures["recall"] = recall

    goals = [
        (
            "full build ≤ 1.0 × bare Material build (median of pairs)",
            figures["build_ratio"],
            1.0,
            f"{figures['build_ratio']:.2f} ×",
        ),
        ("check ≤ 2 s, an editor's next check (cache)", figures["check_s"], 2.0, f"{figures['check_s']:.2f} s"),
        ("check ≤ 2 s, a first check (no cache, as in CI)", figures["check_cold_s"], 2.0, f"{figures['check_cold_s']:.2f} s"),
        (
            "first Chinese search on a phone ≤ 250 KB",
            traffic["first_search"]["gzip_kb"],
            250,
            f"{traffic['first_search']['gzip_kb']:.1f} KB",
        ),
        (
            "record page first visit ≤ 80 KB",
            traffic["record_first_visit"]["gzip_kb"],
            80,
            f"{traffic['record_first_visit']['gzip_kb']:.1f} KB",
        ),
        (
            "enterprise directory first visit ≤ 100 KB",
            traffic["directory_first_visit"]["gzip_kb"],
            100,
            f"{traffic['directory_first_visit']['gzip_kb']:.1f} KB",
        ),
        ("no page's HTML over 150 KB", figures["heaviest_page_kb"], 150, f"{figures['heaviest_page_kb']:.0f} KB"),
        (
            "filters' index of the enterprise directory ≤ 150 KB gzipped",
            figures["filter_index_kb"],
            150,
            f"{figures['filter_index_kb']:.1f} KB",
        ),
        (
            "peak memory of the build (all its processes together) < 1 GB",
            figures["build_peak_mb"],
            1024,
            f"{figures['build_peak_mb']:.0f} MB",
        ),
    ]
    if "edit_to_page_s" in figures.get("preview", {}):
        goals.append(
            (
                "edited record → page updated in the preview ≤ 1 s",
                figures["preview"]["edit_to_page_s"],
                1.0,
                f"{figures['preview']['edit_to_page_s']:.2f} s",
            )
        )
    if "recall" in figures:
        r = figures["recall"]
        goals.append(("search recall ≥ 0.95 overall", -r["overall"], -0.95, f"{r['overall']:.4f}"))
        goals.append(("no query's recall under 0.8", -r["lowest"], -0.8, f"lowest {r['lowest']:.3f} ({r['lowest_query']})"))
    say()
    say("goals:")
    figures["goals"] = []
    for name, value, limit, shown in goals:
        ok = value < limit if "<" in name and "≤" not in name else value <= limit
        figures["goals"].append({"goal": name, "shown": shown, "pass": ok})
        say(f"  {'PASS' if ok else 'FAIL'}  {name}: {shown}")
    path = OUT / f"figures-{records}.json"
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    say(f"\nfigures saved to {path}")


if __name__ == "__main__":
    main()
