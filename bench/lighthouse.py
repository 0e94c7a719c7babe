"""Lighthouse (mobile) on every page type, served as production serves it; and the bytes of a record
page's first visit at campaign scale. Prints every figure against its goal with PASS/FAIL.
Not a test: it measures, on this machine, on loopback.

    python bench/lighthouse.py                      # pages of every type (shipped content + 150 + 60 + 60 synthetic records)
    python bench/lighthouse.py --first-visit        # also a record page's first visit at 12,500 records
    python bench/lighthouse.py --site site          # Lighthouse on an already built site (its own page list)

Steps (everything under bench/out/, ignored by git):
  1. the shipped content plus synthetic enterprises, stories and classes (bench/synth.py), enough
     for numbered directory pages; built with `python -m generator build` in a scratch project
     (minified, precompressed, as deployed);
  2. served by Debian's nginx with deploy/nginx.conf under /ecommerce/ (tests/nginx_site.py);
  3. Lighthouse from npm (node_modules, package.json) with its default mobile settings (a mid-range
     phone, simulated slow 4G), driving Debian's Chromium through CHROME_PATH (never a downloaded
     browser) with the browser tests' flags, one run per page type: performance, accessibility,
     best practices, SEO and cumulative layout shift against the goals (≥ 95, 100, 100, 100, 0),
     and what keeps a score below its goal;
  4. with --first-visit: 10,000 enterprises + 2,000 stories + 500 classes built the same way, a
     record page opened in Chromium at 360x740 with a fresh profile: every response body gzipped at
     level 6 (bench/run.py's measure, comparable with its figures), and the bytes nginx actually sends:
     its .gz copies (a browser that takes gzip only) and what Chromium received (brotli).
JSON reports: bench/out/lighthouse/<page>.json; figures: bench/out/lighthouse/figures.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import synth  # noqa: E402
from nginx_site import nginx_serving  # noqa: E402
from run import ENV, OUT, PY, TODAY, make_project  # noqa: E402
from traffic import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = OUT / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
RECORD_PAGE_GOAL_KB = 70


def say(text: str = "") -> None:
    print(text, flush=True)


def build(content: Path) -> Path:
    project = make_project(content)
    log = OUT / "logs" / "lighthouse-build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        subprocess.run(
            [PY, "-m", "generator", "build", "--today", TODAY], cwd=project, env=ENV, stdout=out, stderr=out, check=True
        )
    return project / "site"


def build_page_types(enterprises: int, cases: int, trainings: int) -> Path:
    """The shipped content (parks, platforms, news) plus synthetic records, enough for numbered pages."""
    synthetic = synth.write(OUT / "lighthouse-synthetic", enterprises, cases, trainings)
    content = OUT / "lighthouse-content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    for folder in ("enterprises", "cases", "trainings"):
        for path in (synthetic / folder).glob("*.yaml"):
            shutil.copy(path, content / folder / path.name)
    say(f"shipped content + {enterprises} enterprises, {cases} stories, {trainings} classes: building …")
    return build(content)


def page_types(site: Path) -> dict[str, str]:
    """One address per page type (name -> URL relative to /ecommerce/), taken from the built site."""

    def first(pattern: str) -> str:
        found = sorted(p for p in site.glob(pattern) if "page" not in p.relative_to(site).parts[1:2])
        return found[0].parent.relative_to(site).as_posix() + "/" if found else ""

    pages = {"home": "", "search": "search/", "progress": "progress/", "guide": "guide/", "open data": "data/", "news": "news/"}
    for folder in ("enterprises", "cases", "trainings", "parks", "industry-platforms", "districts", "industries", "programs"):
        if (site / folder / "index.html").is_file():
            pages[f"{folder}/"] = f"{folder}/"
        if (site / folder / "page" / "2" / "index.html").is_file():
            pages[f"{folder}/page/2/"] = f"{folder}/page/2/"
    for folder in ("enterprises", "cases", "trainings", "parks", "industry-platforms", "districts"):
        record = first(f"{folder}/*/index.html")
        if record:
            pages[f"a page of {folder}"] = record
    post = first("news/*-*/index.html")
    if post and not post.startswith(("news/archive", "news/category")):
        pages["news post"] = post
    return pages


def lighthouse(url: str, name: str) -> dict:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name.replace('/', '_').replace(' ', '-').strip('_') or 'home'}.json"
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
        ],
        env=dict(os.environ, CHROME_PATH=CHROMIUM),
        check=True,
        timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    cls = data["audits"]["cumulative-layout-shift"]["numericValue"]
    below = []
    for category in CATEGORIES:
        if scores[category] >= GOALS[category]:
            continue
        for ref in data["categories"][category]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue") or ""
                below.append(f"{category}: {ref['id']} {audit['score']:.2f} {value}".strip())
    metrics = {
        k: data["audits"][k]["numericValue"]
        for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
    }
    return {"url": url, "scores": scores, "cls": cls, "below_goal": below, "metrics_ms": metrics}


def run_lighthouse(site: Path, runs: int) -> dict:
    """Each page type `runs` times; the run of median performance is kept (Lighthouse's own advice:
    on a shared machine the blocking time of the same script varies several times over)."""
    results = {}
    with nginx_serving(site) as base:
        for name, path in page_types(site).items():
            tries = sorted((lighthouse(base + path, name) for _ in range(runs)), key=lambda r: r["scores"]["performance"])
            results[name] = tries[len(tries) // 2]
            results[name]["performance_runs"] = [r["scores"]["performance"] for r in tries]
            r = results[name]
            s = r["scores"]
            ok = all(s[c] >= GOALS[c] for c in CATEGORIES) and r["cls"] == 0
            say(
                f"{name:28} perf {s['performance']:3}  a11y {s['accessibility']:3}  bp {s['best-practices']:3}  "
                f"seo {s['seo']:3}  CLS {r['cls']:.3f}  LCP {r['metrics_ms']['largest-contentful-paint'] / 1000:.1f} s  "
                f"{'PASS' if ok else 'FAIL'}  /ecommerce/{path}"
                + (f"  (perf of {runs} runs: {r['performance_runs']})" if runs > 1 else "")
            )
            for line in r["below_goal"]:
                say(f"{'':30}{line}")
    return results


def first_visit(site: Path, record_url: str) -> dict:
    """A record page's first visit: gzip -6 of every body (bench/run.py's measure) through python's
    server, then as nginx sends it (its .gz copies; what Chromium received, brotli)."""
    from playwright.sync_api import sync_playwright
    from run import browser_figures

    figures = {"gzip6": browser_figures(site, record_url)["record_first_visit"]}
    with nginx_serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(base + record_url, wait_until="load")
        page.wait_for_timeout(2000)
        received = sum(r.sizes()["responseBodySize"] for r in responses)
        paths = [r.url.split("?")[0].split(base, 1)[-1] for r in responses]
        context.close()
        browser.close()
    gz = 0
    for path in paths:
        file = site / (path + "index.html" if path.endswith("/") or not path else path)
        packed = file.with_name(file.name + ".gz")
        gz += (packed if packed.is_file() else file).stat().st_size
    figures["nginx_gzip_kb"] = gz / 1024
    figures["nginx_brotli_kb"] = received / 1024
    figures["requests"] = len(paths)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (skips the build)")
    parser.add_argument("--enterprises", type=int, default=150)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--trainings", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page type, the median kept (default 3)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--first-visit", action="store_true", help="also a record page's first visit at 12,500 records")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("npm ci first: node_modules/lighthouse is missing")
    figures: dict = {}

    if not args.skip_lighthouse:
        site = args.site.resolve() if args.site else build_page_types(args.enterprises, args.cases, args.trainings)
        version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]
        say(f"Lighthouse {version}, mobile, Chromium {CHROMIUM}, median of {args.runs} runs")
        figures["lighthouse"] = run_lighthouse(site, args.runs)
        results = figures["lighthouse"]
        failing = [n for n, r in results.items() if r["cls"] or any(r["scores"][c] < GOALS[c] for c in CATEGORIES)]
        say(f"page types meeting every goal: {len(results) - len(failing)} of {len(results)}")

    if args.first_visit:
        say("10,000 enterprises + 2,000 stories + 500 classes: building …")
        content = synth.write(OUT / "synthetic", 10000, 2000, 500)
        big = build(content)
        record = sorted((big / "enterprises").glob("*/index.html"))[0].parent.relative_to(big).as_posix() + "/"
        visit = first_visit(big, record)
        figures["record_first_visit"] = visit
        g = visit["gzip6"]
        say(
            f"record page first visit, 12,500 records: {g['gzip_kb']:.1f} KB gzipped (-6, every body), {g['requests']} requests "
            f"({g['by_kind']}); goal ≤ {RECORD_PAGE_GOAL_KB} KB: {'PASS' if g['gzip_kb'] <= RECORD_PAGE_GOAL_KB else 'FAIL'}"
        )
        say(
            f"  as nginx sends it: {visit['nginx_gzip_kb']:.1f} KB with its .gz copies, "
            f"{visit['nginx_brotli_kb']:.1f} KB as Chromium received it (brotli)"
        )
    REPORTS.mkdir(parents=True, exist_ok=True)  # (--skip-lighthouse wrote no report before)
    (REPORTS / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
