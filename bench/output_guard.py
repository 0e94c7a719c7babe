"""What the output guard (generator/assemble/output_guard.py) costs at campaign scale.

    python bench/output_guard.py                       # 10,000 enterprises + 2,000 stories + 500 classes
    python bench/output_guard.py --enterprises 500 --cases 100 --trainings 25

Writes the synthetic content (bench/synth.py) into bench/out/guard/, builds it once with
`python -m generator build` (timed, the guard included), then times the guard alone on the built
site three times (median): every published text file read and scanned on both cores, every file
name, the search index's records. Prints the figures; nothing here is a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402

OUT = HERE / "out" / "guard"
TODAY = "2026-11-24"


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
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=10000)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--trainings", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--again", action="store_true", help="time the guard on the site built by the last run (no new build)")
    args = parser.parse_args()

    project = OUT / "project"
    build_seconds = None
    if not args.again:
        shutil.rmtree(OUT, ignore_errors=True)
        content = synth.write(OUT / "synthetic", args.enterprises, args.cases, args.trainings)
        project = make_project(content)
        env = dict(os.environ, XDG_CACHE_HOME=str(OUT / "cache"), PYTHONDONTWRITEBYTECODE="1")
        started = time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "generator", "build", "--today", TODAY], cwd=project, env=env)
        build_seconds = time.perf_counter() - started
        if built.returncode:
            sys.exit("build failed")

    os.chdir(project)
    from generator.assemble.output_guard import business_lines, scan_site
    from generator.assemble.search_index import search_records
    from generator.content.validate import check_content

    site = check_content(project / "content", dt.date.fromisoformat(TODAY)).site
    records = search_records(site, project / "docs")
    allowed = business_lines(site)
    site_dir = project / "site"
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    times, processor = [], []
    for _ in range(args.runs):
        started, used = time.perf_counter(), os.times()
        found = scan_site(site_dir, records, allowed)
        times.append(time.perf_counter() - started)
        after = os.times()  # this process and its forked workers (reaped when the map ends)
        processor.append(sum(after[:4]) - sum(used[:4]))
    assert not found, found[:3]
    print(f"records: {len(list(site.all())):,}; site: {len(files):,} files, {size / 1e6:.0f} MB")
    if build_seconds is not None:
        print(f"build (guard included): {build_seconds:.1f} s")
    print(
        f"output guard alone, median of {args.runs}: {statistics.median(times):.2f} s "
        f"({', '.join(f'{t:.2f}' for t in times)}); processor time {statistics.median(processor):.2f} s"
    )


if __name__ == "__main__":
    main()
