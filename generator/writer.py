"""Write generated pages into docs/: only files whose text changed; remove stale ones.

The generator owns GENERATED_DIRS and GENERATED_FILES under docs/ (all ignored by git);
everything else in docs/ is hand-written and never touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GENERATED_DIRS = ("enterprises", "cases", "trainings", "districts", "industries", "programs", "data", "progress")
GENERATED_FILES = ("index.md", "manifest.json", ".redirects.json")


@dataclass
class WriteReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def _owned(relative: str) -> bool:
    return relative in GENERATED_FILES or relative.split("/", 1)[0] in GENERATED_DIRS


def write_pages(docs_dir: Path, pages: dict[str, str], remove_stale: bool = True) -> WriteReport:
    report = WriteReport()
    for relative in pages:
        if not _owned(relative):  # a renderer bug must never overwrite a hand-written page
            raise ValueError(f"generated page outside the generator's folders: {relative}")
    for relative, text in sorted(pages.items()):
        target = docs_dir / relative
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)  # readers (mkdocs serve) never see half a file
        report.written += 1
    for folder in GENERATED_DIRS if remove_stale else ():
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in pages:
                path.unlink()
                report.removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report
