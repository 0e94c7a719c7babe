"""Spreadsheet import at campaign scale: 10,000 enterprise rows of an .xlsx imported into an empty
content copy, then `check` of the records the import wrote; prints both times, the ratio and
PASS/FAIL against the goal (import within about three times what `check` of its records takes).
Not a test: it measures, on this machine.

    python bench/import_bench.py               # 10,000 rows
    python bench/import_bench.py --rows 1000   # a quick look
    python bench/import_bench.py --runs 3      # each figure the median of three runs

Steps (everything under bench/out/import/, ignored by git):
  1. 10,000 enterprises from bench/synth.py's generator (its word lists, fixed seed; names made
     unique, as a district's list has them), written as a district bureau's sheet would hold them:
     the columns of `python -m generator template enterprise` (20: 编号 and every field; the 编号
     and image cells left empty, so every id is made from the name), each cell as the open-data CSV
     writes it (lists joined with ；, sub-records one per line), saved as .xlsx by openpyxl;
  2. a scratch project (mkdocs.yml, content/ with only taxonomy.yaml and targets.yaml);
  3. `python -m generator import 名单.xlsx --type enterprise` in it (wall time of the command, as an
     editor runs it), then `python -m generator check` of the result (wall time);
     with --runs N the content is emptied and both run again, N times.
"""

from __future__ import annotations

import argparse
import random
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

from generator.content.cells import cell_text  # noqa: E402
from generator.outputs.opendata import ID_COLUMN  # noqa: E402
from generator.sheets.template import template_columns  # noqa: E402

OUT = HERE / "out" / "import"
GOAL = 3.0


def write_sheet(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rng = random.Random(synth.SEED)
    columns = template_columns("enterprise")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("示范企业")
    sheet.append([ID_COLUMN] + [c.heading for c in columns])
    seen: dict[str, int] = {}
    for i in range(rows):
        record = synth.enterprise(rng, f"row-{i}", i, rng.choice(synth.DISTRICTS))
        count = seen.get(record["name"], 0) + 1
        seen[record["name"]] = count
        if count > 1:  # a list names each enterprise once
            record["name"] = f"{record['name']}第{count}分公司"
        sheet.append([None] + [cell_text("enterprise", c.name, _value(record, c.path)) or None for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _value(record: dict, path: tuple):
    for key in path:
        record = record.get(key) if isinstance(record, dict) else None
    return record


def scratch_project() -> Path:
    project = OUT / "project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "content").mkdir(parents=True)
    (project / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("taxonomy.yaml", "targets.yaml"):
        shutil.copy(ROOT / "content" / name, project / "content" / name)
    return project


CACHE = OUT / "import-cache"  # check's cache (generator/content/check_cache.py)


def timed(args: list[str], cwd: Path) -> float:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(CACHE)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    print(f"  {' '.join(args)}: {seconds:.2f} s — {result.stdout.strip().splitlines()[-1]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    sheet = OUT / "名单.xlsx"
    start = time.perf_counter()
    write_sheet(sheet, args.rows)
    print(
        f"sheet: {args.rows:,} rows × {1 + len(template_columns('enterprise'))} columns, "
        f"{sheet.stat().st_size / 1e6:.1f} MB ({time.perf_counter() - start:.1f} s to write)"
    )
    imports, checks = [], []
    for _ in range(args.runs):
        project = scratch_project()
        imports.append(timed(["import", str(sheet), "--type", "enterprise"], project))
        shutil.rmtree(CACHE, ignore_errors=True)  # check's own work, not its cache (check_cache.py)
        checks.append(timed(["check"], project))
    imported, checked = statistics.median(imports), statistics.median(checks)
    ratio = imported / checked
    print(f"import of {args.rows:,} rows: {imported:.2f} s")
    print(f"check of the {args.rows:,} records written: {checked:.2f} s")
    print(f"ratio: {ratio:.2f} × (goal ≤ {GOAL:g} ×) {'PASS' if ratio <= GOAL else 'FAIL'}")


if __name__ == "__main__":
    main()
