"""How long `check` and `import` take to refuse files that are not what they claim (issue 15: each
one line in under 2 s): a FIFO named *.yaml, a link to /dev/zero, a 3 GB sparse file, YAML nested
100,000 deep, a sheet that unpacks to 800 MB, a sheet with a stray cell at XFD1048576.

    .venv/bin/python bench/hostile_bench.py

Prints the wall time and peak memory of each command (a fresh process each, as an editor runs it)."""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sheet() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["企业名称", "所在区县"])
    book.active.append(["滕州市某某有限公司", "滕州市"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bomb(path: Path, megabytes: int) -> None:
    source = zipfile.ZipFile(io.BytesIO(_sheet()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with archive.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                for _ in range(megabytes):
                    member.write(b" " * 1024 * 1024)
                member.write(tail)


def _stray(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["企业名称", "所在区县"])
    book.active["XFD1048576"] = "x"
    book.save(path)


def timed(args: list[str], cwd: Path) -> tuple[float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    first = (result.stderr.strip().splitlines() or [""])[0]
    return elapsed, max(peak, before), first


def main() -> None:
    os.environ["PYTHONPATH"] = str(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        cases: list[tuple[str, list[str]]] = []

        def content(name: str) -> Path:
            target = base / name / "content"
            shutil.copytree(ROOT / "content", target)
            return target

        os.mkfifo(content("fifo") / "enterprises" / "pipe-record.yaml")
        cases.append(("FIFO named *.yaml", ["check", "--content", str(base / "fifo" / "content")]))
        (content("zero") / "enterprises" / "zero-record.yaml").symlink_to("/dev/zero")
        cases.append(("link to /dev/zero", ["check", "--content", str(base / "zero" / "content")]))
        with open(content("sparse") / "cases" / "big-record.yaml", "wb") as handle:
            handle.truncate(3 * 1024**3)
        cases.append(("3 GB sparse file", ["check", "--content", str(base / "sparse" / "content")]))
        deep = content("deep") / "enterprises" / "deep-record.yaml"
        deep.write_text("name:\n" + "- " * 100_000 + "x\n", encoding="utf-8")
        cases.append(("100,000 nested lists", ["check", "--content", str(base / "deep" / "content")]))
        _bomb(base / "bomb.xlsx", 800)
        cases.append(("sheet unpacking to 800 MB", ["import", str(base / "bomb.xlsx"), "--type", "enterprise", "--dry-run"]))
        _stray(base / "stray.xlsx")
        cases.append(("stray cell at XFD1048576", ["import", str(base / "stray.xlsx"), "--type", "enterprise", "--dry-run"]))
        for name, args in cases:
            elapsed, peak, first = timed(args, ROOT)
            print(f"{name:28s} {elapsed:5.2f} s  peak {peak / 1024:6.0f} MB  {first[:90]}")


if __name__ == "__main__":
    main()
