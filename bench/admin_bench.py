"""The web editor at campaign scale: Sveltia CMS (generator/admin/) with the synthetic content in its
test backend, in Debian's Chromium.

    .venv/bin/python bench/admin_bench.py                      # 10,000 + 2,000 + 500 records, 3 runs
    .venv/bin/python bench/admin_bench.py --enterprises 500 --cases 100 --trainings 25 --runs 1

1. bench/synth.py writes the synthetic content/ (every field filled) into bench/out/synthetic/;
2. `python -m generator admin` writes the editor for a project around it (mkdocs.yml with
   `extra.cms.backend: test-repo`), served on loopback under /ecommerce/admin/;
3. per run, in a fresh browser profile: the content is copied into the test backend's folder of the
   browser's private file system (timed apart: on a real backend the files come from the git host),
   then from the click on 使用测试仓库 (sign in) to the enterprise list showing its first row
   (goal <= 5 s), and from typing an enterprise's name into the search box and pressing Enter to its
   row in the results (goal <= 1 s). Medians of the runs. Also: how long reading the files alone takes
   as the test backend reads them (most of its sign-in; a git backend reads its cache instead).
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

import synth  # noqa: E402
from browser import DESKTOP  # noqa: E402
from editor_browser import TEST_REPO_DIR, preload  # noqa: E402
from traffic import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

SIGN_IN_GOAL = 5.0
SEARCH_GOAL = 1.0


def say(text: str = "") -> None:
    print(text, flush=True)


def editor_project(content: Path) -> Path:
    """A project root around the synthetic content whose editor saves into the browser (test-repo)."""
    project = OUT / "admin-project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    old = "  cms:\n    backend: gitlab\n"
    if old not in text:
        raise SystemExit("mkdocs.yml: extra.cms.backend is not where this bench expects it")
    (project / "mkdocs.yml").write_text(text.replace(old, "  cms:\n    backend: test-repo\n"), encoding="utf-8")
    (project / "content").symlink_to(content.resolve(), target_is_directory=True)
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return project


def a_name(content: Path) -> str:
    """An enterprise's name from the middle of the list (sorted by name, as the editor shows them)."""
    files = sorted((content / "enterprises").glob("*.yaml"))
    return yaml.safe_load(files[len(files) // 2].read_text(encoding="utf-8"))["name"]


# What the test backend does before any entry is parsed: read every file of its folder in the
# browser's private file system, ten at a time (Sveltia's backends/fs/shared/files.js). A git
# backend reads its files from its IndexedDB cache instead, once they have been fetched.
_READ_LIKE_THE_TEST_BACKEND = """async (top) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(top);
  const handles = [];
  async function walk(dir) {
    for await (const [, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle); else handles.push(handle);
    }
  }
  const started = performance.now();
  await walk(root);
  for (let i = 0; i < handles.length; i += 10) {
    await Promise.all(handles.slice(i, i + 10).map(async (handle) => (await handle.getFile()).text()));
  }
  return (performance.now() - started) / 1000;
}"""


def one_run(browser, url: str, project: Path, name: str) -> dict:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    foreign: list[str] = []
    host = url.split("/")[2]
    context.on(
        "request", lambda r: r.url.split("/")[2] != host and not r.url.startswith(("blob:", "data:")) and foreign.append(r.url)
    )
    try:
        page.goto(url, wait_until="networkidle")
        started = time.monotonic()
        files = preload(page, project)
        copied = time.monotonic() - started

        reading = page.evaluate(_READ_LIKE_THE_TEST_BACKEND, TEST_REPO_DIR)

        rows = page.get_by_role("grid", name="条目").get_by_role("row")
        started = time.monotonic()
        page.get_by_role("button", name="使用测试仓库").click()
        rows.first.wait_for(timeout=600_000)
        signed_in = time.monotonic() - started
        count = page.get_by_role("treeitem", name="示范企业").inner_text()

        search = page.get_by_role("searchbox", name="搜索内容……")
        search.fill(name)
        started = time.monotonic()
        search.press("Enter")
        page.get_by_role("row", name=f"示范企业 {name}").first.wait_for(timeout=600_000)
        found = time.monotonic() - started
        return {
            "files": files,
            "copied": copied,
            "reading": reading,
            "signed_in": signed_in,
            "found": found,
            "count": count,
            "foreign": foreign,
        }
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--trainings", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    content = synth.write(OUT / "synthetic", args.enterprises, args.cases, args.trainings)
    project = editor_project(content)
    served = OUT / "admin-served"
    shutil.rmtree(served, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "generator", "admin", str(served / "admin")], cwd=project, check=True)
    name = a_name(content)
    total = args.enterprises + args.cases + args.trainings
    say(f"web editor (Sveltia CMS, test backend), {total:,} records; {platform.processor() or platform.machine()}")

    from playwright.sync_api import sync_playwright

    runs = []
    with serve(served) as (_server, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for number in range(1, args.runs + 1):
                run = one_run(browser, base + "admin/", project, name)
                runs.append(run)
                say(
                    f"  run {number}: {run['files']:,} files copied into the browser in {run['copied']:.1f} s; "
                    f"sign-in to list {run['signed_in']:.2f} s ({run['count'].split()[-1]} enterprises; reading the files alone "
                    f"{run['reading']:.2f} s); "
                    f"search “{name}” {run['found']:.2f} s; requests to other hosts: {len(run['foreign'])}"
                )
        finally:
            browser.close()
    signed_in = statistics.median(run["signed_in"] for run in runs)
    found = statistics.median(run["found"] for run in runs)
    say(
        f"sign-in to the enterprise list: {signed_in:.2f} s (goal <= {SIGN_IN_GOAL:.0f} s) {'met' if signed_in <= SIGN_IN_GOAL else 'MISSED'}"
    )
    say(
        f"one enterprise found by name:   {found:.2f} s (goal <= {SEARCH_GOAL:.0f} s) {'met' if found <= SEARCH_GOAL else 'MISSED'}"
    )
    if any(run["foreign"] for run in runs):
        say("requests to other hosts: " + ", ".join(sorted({url for run in runs for url in run["foreign"]})))


if __name__ == "__main__":
    main()
