"""Recall of the site search on a full-size built site, and the bytes of a phone's first search.

    python bench/search_recall.py SITE_DIR          # e.g. bench/out/project/site after bench/run.py

Not a test: it measures (loopback only). Exits 1 when the recall goals are not met.

Recall. The record pages are the enterprises/, cases/ and trainings/ pages (the index holds every
record: generator/assemble/search_index.py); a page's indexed name is its heading, the h1. The queries are every Chinese word of
2 to 4 characters in the word lists bench/synth.py builds records from (districts, towns, products,
company kinds, roles, …) that occurs inside at least one name, plus the districts' short names
(滕州, 峄城 …): all of them, none picked or dropped by hand. Each query runs through the site's own
pagefind/pagefind.js in Node (tests/pagefind_query.mjs), asking for every result. For a query, the
expected pages are the record pages whose name contains it; recall = found expected / expected.
Goals (Pagefind 1.5's failure at this size was common words finding almost nothing, upstream
#1237): overall recall (all queries pooled) >= 0.95 and no query below 0.8.

Bytes. Debian's Chromium at 360x740, a fresh profile: open the home page, tap the search button,
paste a two-character query; the sum of the gzip -6 sizes of every response from opening the page
until the results show (goal <= 250 KB). Then, in another fresh profile, a record page's first
visit until the network is quiet (goal <= 80 KB; reported, mostly other work's).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from traffic import CHROMIUM, CHROMIUM_ARGS, PASTED, PHONE, quiet, serve  # noqa: E402

QUERY_SCRIPT = ROOT / "tests" / "pagefind_query.mjs"
SECTIONS = ("enterprises", "cases", "trainings")
CJK = re.compile(r"[\u4e00-\u9fff]{2,4}")


def record_names(site: Path) -> dict[str, str]:
    """URL -> indexed name of every record page in the index."""
    names = {}
    heading = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)  # a record page's one heading: its name
    for section in SECTIONS:
        for page in sorted((site / section).glob("*/index.html")):
            found = heading.search(page.read_text(encoding="utf-8"))
            if found:
                names[f"/{section}/{page.parent.name}/"] = html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()
    return names


def vocabulary() -> list[str]:
    """Every 2-4 character Chinese word in bench/synth.py's word lists, and district short names."""
    import synth

    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            if CJK.fullmatch(value):
                words.add(value)
        elif isinstance(value, dict):
            for item in value.items():
                walk(item)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                walk(item)

    for name in dir(synth):
        if name.isupper():
            walk(getattr(synth, name))
    districts = [w for w in list(words) if len(w) >= 3 and w[-1] in "区市"]
    words.update(d[:-1] for d in districts if len(d) >= 3)  # 滕州市 -> 滕州, 台儿庄区 -> 台儿庄
    return sorted(words)


def ask(site: Path, queries: list[str]) -> dict[str, list[str]]:
    asked = json.dumps([{"query": q, "brief": True} for q in queries])
    done = subprocess.run(["node", str(QUERY_SCRIPT), str(site)], input=asked, capture_output=True, text=True, timeout=3600)
    if done.returncode:
        sys.exit(f"node {QUERY_SCRIPT.name} failed:\n{done.stderr}")
    return {a["query"]: a["results"] for a in json.loads(done.stdout)}


def recall(site: Path) -> tuple[bool, dict]:
    names = record_names(site)
    queries = [w for w in vocabulary() if any(w in name for name in names.values())]
    print(
        f"{len(names):,} record pages in the index; {len(queries)} queries (every word of bench/synth.py's lists "
        f"found in a name)",
        flush=True,
    )
    start = time.perf_counter()
    answers = ask(site, queries)
    print(f"asked in {time.perf_counter() - start:.0f} s (Node, {QUERY_SCRIPT.name})\n", flush=True)
    rows = []
    for q in queries:
        expected = {url for url, name in names.items() if q in name}
        returned = set(answers[q])
        found = len(expected & returned)
        rows.append(
            {
                "query": q,
                "expected": len(expected),
                "found": found,
                "returned": len(returned),
                "recall": found / len(expected),
                "missed": sorted(expected - returned)[:3],
            }
        )
    print(f"{'query':<8} {'expected':>8} {'found':>8} {'returned':>8}  recall")
    for row in sorted(rows, key=lambda r: (r["recall"], -r["expected"])):
        missed = f"  missed e.g. {names[row['missed'][0]]}" if row["missed"] else ""
        print(f"{row['query']:<8} {row['expected']:>8} {row['found']:>8} {row['returned']:>8}  {row['recall']:.3f}{missed}")
    total_expected = sum(r["expected"] for r in rows)
    overall = sum(r["found"] for r in rows) / total_expected
    mean = sum(r["recall"] for r in rows) / len(rows)
    worst = min(rows, key=lambda r: r["recall"])
    below = [r["query"] for r in rows if r["recall"] < 0.8]
    ok = overall >= 0.95 and not below
    print(
        f"\noverall recall (pooled): {overall:.4f} over {total_expected:,} expected hits; mean of queries {mean:.4f}; "
        f"worst {worst['query']} {worst['recall']:.3f}; queries below 0.8: {len(below)} {below[:10]}"
    )
    print(f"{'PASS' if ok else 'FAIL'}  recall goal: overall >= 0.95 and no query below 0.8")
    return ok, {
        "queries": rows,
        "overall": overall,
        "mean": mean,
        "below_0.8": below,
        "lowest": worst["recall"],
        "lowest_query": worst["query"],
    }


# --- bytes a phone transfers ---------------------------------------------------------------------


def kind(path: str) -> str:
    path = path.split("?")[0]
    if "/pagefind/" in path:
        name = path.rsplit("/", 1)[-1]
        return "pagefind " + (name.rsplit(".", 1)[-1] if "." in name else name)
    if path.endswith("/sitemap.xml"):  # Material fetches it for the RSS feeds' <link rel=alternate>
        return "sitemap.xml"
    return {"js": "JS", "css": "CSS", "svg": "SVG"}.get(path.rsplit(".", 1)[-1], "HTML" if path.endswith("/") else "other")


def report(label: str, sent: list) -> int:
    total = sum(s[3] for s in sent)
    print(f"{label}: {total / 1024:.1f} KB gzipped ({sum(s[2] for s in sent) / 1024:.1f} KB raw), {len(sent)} requests")
    by: dict[str, list[int]] = {}
    for _, path, raw, packed in sent:
        entry = by.setdefault(kind(path), [0, 0, 0])
        entry[0] += 1
        entry[1] += raw
        entry[2] += packed
    for name, (count, raw, packed) in sorted(by.items()):
        print(f"    {name:<22} {count:>3} req  {packed / 1024:>8.1f} KB gzipped  {raw / 1024:>8.1f} KB raw")
    return total


def transfer(site: Path, record_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    figures = {}
    with serve(site) as (server, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
        page = context.new_page()
        server.take()
        page.goto(base, wait_until="load")
        quiet(server, 1.0)
        before = server.take()
        page.get_by_role("button", name="搜索", exact=True).tap()
        page.get_by_role("searchbox", name="搜索", exact=True).wait_for(state="visible")
        page.keyboard.insert_text(PASTED)  # a paste: one input event, no key
        page.wait_for_selector(".site-search__result", timeout=600_000)
        shown = time.monotonic()
        search = server.take()
        until = [s for s in search if s[0] <= shown]
        quiet(server, 2.0)
        after = [s for s in search if s[0] > shown] + server.take()
        status = page.locator(".site-search__status").inner_text()
        context.close()
        print(f"first search on a phone: home page, search button, “{PASTED}” pasted — {status}")
        page_bytes = report("  the home page itself (before the search is opened)", before)
        search_bytes = report("  opening the search until the results show", until)
        figures["first_search_gzip_bytes"] = page_bytes + search_bytes
        figures["first_search_pagefind_gzip_bytes"] = search_bytes
        later = sum(s[3] for s in after)
        print(
            f"  total from opening the page to results shown: {(page_bytes + search_bytes) / 1024:.1f} KB gzipped "
            f"(goal <= 250 KB: {'PASS' if page_bytes + search_bytes <= 250 * 1024 else 'FAIL'}); "
            f"{later / 1024:.1f} KB more in the 2 s after"
        )
        assert not any("/pagefind/" in s[1] for s in before), "a Pagefind file was loaded before the search was opened"

        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
        page = context.new_page()
        server.take()
        page.goto(base + record_url, wait_until="load")
        quiet(server, 2.0)
        visit = server.take()
        context.close()
        browser.close()
        figures["record_first_visit_gzip_bytes"] = report(f"record page first visit ({record_url})", visit)
        print(f"  goal <= 80 KB: {'PASS' if figures['record_first_visit_gzip_bytes'] <= 80 * 1024 else 'FAIL'} (reported only)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (with its pagefind/ bundle)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--no-browser", action="store_true", help="recall only")
    args = parser.parse_args()
    site = args.site.resolve()
    if not (site / "pagefind" / "pagefind.js").is_file():
        sys.exit(f"{site} has no pagefind/pagefind.js: build it with `python -m generator build` first")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    print(
        f"Pagefind {entry['version']}: {sum(v['page_count'] for v in entry['languages'].values()):,} pages indexed, "
        f"bundle {sum(p.stat().st_size for p in bundle) / 1e6:.1f} MB in {len(bundle):,} files"
    )
    ok, figures = recall(site)
    if not args.no_browser:
        record = sorted((site / "enterprises").glob("*/index.html"))
        figures.update(transfer(site, f"enterprises/{record[len(record) // 2].parent.name}/"))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
