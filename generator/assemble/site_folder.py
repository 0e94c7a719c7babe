"""The folder a build replaces: never the project, content/, docs/ or a git work tree; only a folder
a build made (it carries a marker file) or an empty or new one. And the temporary folders a build
killed outright left beside it, removed by the next build.

The marker, `.campaign-site`, is published with the site; it says in Chinese what it is and holds
nothing else.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

MARKER = ".campaign-site"
MARKER_TEXT = "这个文件夹是 python -m generator build 生成的网站，下次构建会整个替换它。不要在这里保存任何文件。\n"
# What a folder MkDocs wrote for this project has at its top (a site built before the marker existed,
# or by a plain `mkdocs build`), and what no such folder has.
_BUILT_FILES = ("index.html", "404.html", "sitemap.xml", "manifest.json")
_SOURCE_NAMES = ("mkdocs.yml", "content", "docs", ".git", "pyproject.toml")
_LEFTOVERS = ("building", "old")  # .site.building-PID (being built), .site.old-PID (being removed)


def mark(folder: Path) -> None:
    (Path(folder) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def built_by_a_build(folder: Path) -> bool:
    folder = Path(folder)
    if any((folder / name).exists() for name in _SOURCE_NAMES):
        return False
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in _BUILT_FILES)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refusal(site_dir: Path, project) -> str | None:
    """Why site_dir may not be replaced by a build (None: it may)."""
    shown = str(site_dir)
    site = Path(site_dir).absolute().resolve()
    root = Path(project.root).absolute().resolve()
    guarded = {
        "项目文件夹": root,
        "内容文件夹 content/": Path(project.content_dir).absolute().resolve(),
        "页面文件夹 docs/": Path(project.docs_dir).absolute().resolve(),
    }
    for name, folder in guarded.items():
        if _inside(folder, site):
            what = "就是" if folder == site else "包含"
            return f"“{shown}”{what}{name}，不能用作网站文件夹：构建会把它整个替换掉。请换一个文件夹，如 site"
    for name, folder in list(guarded.items())[1:]:
        if _inside(site, folder):
            return f"“{shown}”在{name}里面，不能用作网站文件夹。请换一个项目以外的文件夹，或用默认的 site"
    if not site.exists():
        return None
    if not site.is_dir():
        return f"“{shown}”是一个文件，不是文件夹，不能用作网站文件夹"
    children = list(site.iterdir())
    if any(child.name == ".git" or (child.is_dir() and (child / ".git").exists()) for child in children):
        return f"“{shown}”里有 git 仓库，不能用作网站文件夹：构建会把它整个替换掉。请换一个文件夹"
    if children and not built_by_a_build(site):
        return (
            f"“{shown}”不是构建生成的网站文件夹（里面没有 {MARKER} 标记），也不是空的：构建会把它整个替换掉，所以不用它。"
            "请换一个新的或空的文件夹"
        )
    return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_leftovers(site_dir: Path) -> list[Path]:
    """The temporary folders of builds that are no longer running (killed outright), beside site_dir."""
    site_dir = Path(site_dir).absolute()
    removed = []
    for kind in _LEFTOVERS:
        for path in site_dir.parent.glob(f".{site_dir.name}.{kind}-*"):
            pid = path.name.rsplit("-", 1)[1]
            if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed
