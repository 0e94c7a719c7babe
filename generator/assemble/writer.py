"""Write generated files into docs/: only files whose text changed; remove stale ones.

The generator owns the folders of generator.pages.urls.generated_dirs() and the files
GENERATED_FILES under docs/; everything else in docs/ is hand-written and never touched.
Each owned folder carries a `.gitignore` of its own (`*`), so git ignores what the generator
writes whatever record types there are (MkDocs skips dotfiles).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..pages.urls import GENERATED_FILES, generated_dirs

IGNORE_FILE = ".gitignore"
IGNORE_TEXT = "# 这个文件夹由生成器写入（python -m generator render），不要手工修改，也不提交到 git。\n*\n"


@dataclass
class WriteReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    pages: list[str] = field(default_factory=list)  # docs-relative paths of the files written


def owned(relative: str) -> bool:
    return relative in GENERATED_FILES or relative.split("/", 1)[0] in generated_dirs()


def mark_ignored(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / IGNORE_FILE
    if not marker.is_file() or marker.read_text(encoding="utf-8") != IGNORE_TEXT:
        marker.write_text(IGNORE_TEXT, encoding="utf-8")


def write_pages(docs_dir: Path, pages: dict[str, str], remove_stale: bool = True) -> WriteReport:
    report = WriteReport()
    for relative in pages:
        if not owned(relative):  # a renderer bug must never overwrite a hand-written page
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
        report.pages.append(relative)
    folders = {relative.split("/", 1)[0] for relative in pages if "/" in relative}
    for folder in folders:
        mark_ignored(docs_dir / folder)
    for folder in generated_dirs() if remove_stale else ():
        root = docs_dir / folder
        if folder == "media" or not root.is_dir():  # images are published by content.media
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in pages and path.name != IGNORE_FILE:
                path.unlink()
                report.removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if not any(p.name != IGNORE_FILE for p in root.iterdir()):
            shutil.rmtree(root)  # a folder of a type with no records any more
    return report


def clean(docs_dir: Path) -> list[Path]:
    """Remove everything the generator wrote into docs/ (make clean)."""
    removed = []
    for name in (*generated_dirs(), *GENERATED_FILES):
        path = Path(docs_dir) / name
        if path.is_dir():
            shutil.rmtree(path)
            removed.append(path)
        elif path.exists():
            path.unlink()
            removed.append(path)
    return removed
