"""MkDocs hook (named in mkdocs.yml): plain `mkdocs build` and `mkdocs serve` regenerate too.

MkDocs loads this file by path, not as part of the package, so the project root is put on
sys.path first. Only glue lives here; the work is in generator.pipeline.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402

from generator.build.pipeline import PREGENERATED_ENV, Project, generate, today_in_shanghai  # noqa: E402
from generator.build.preview import Preview  # noqa: E402
from generator.build.search_index import SearchIndexFailed, start_index  # noqa: E402
from generator.content.problems import ContentError, summary_line  # noqa: E402
from generator.outputs.manifest import REDIRECTS_FILE  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")


def _project(config) -> Project:
    root = Path(config["config_file_path"]).resolve().parent
    return Project(root, root / "content", Path(config["docs_dir"]), root / "mkdocs.yml")


def _use_redirects(config) -> None:
    # Renamed records: hand the generator's map to mkdocs-redirects (it reads it in on_files).
    plugin = config["plugins"].get("redirects")
    path = Path(config["docs_dir"]) / REDIRECTS_FILE
    if plugin is not None and path.exists():
        plugin.config["redirect_maps"] = json.loads(path.read_text(encoding="utf-8"))


_serving = False
_preview: Preview | None = None  # kept between rebuilds while `mkdocs serve` runs


def _nav_pages(items) -> set[str]:
    pages: set[str] = set()
    for item in items or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages |= _nav_pages(value)
        elif isinstance(value, str):
            pages.add(value)
    return pages


def on_config(config, **kwargs):
    # Record pages stay out of the navigation (MkDocs renders the whole nav into every page), and
    # a record type's directory that mkdocs.yml's nav does not list is linked from the home page
    # instead: both follow from the registry, so a new record type needs no edit here.
    import pathspec

    from generator.content.registry import TYPES
    from generator.content.taxonomy import page_lists

    spec = config["not_in_nav"]
    lines = [p.pattern for p in spec.patterns] if spec else []
    in_nav = _nav_pages(config["nav"])
    for folder in [t.folder for t in TYPES] + list(page_lists()):
        lines.append(f"/{folder}/**/*.md")  # its pages, numbered pages and lists by type
        if f"{folder}/index.md" not in in_nav:
            lines.append(f"/{folder}/index.md")
    config["not_in_nav"] = pathspec.GitIgnoreSpec.from_lines([line for line in lines if line and not line.startswith("!")]
                                                             + [f"!/{page}" for page in sorted(in_nav)])
    # The preview indexes nothing (a search index on every rebuild would make `mkdocs serve` slow);
    # the header's search says so in Chinese instead of failing to load.
    config["extra"]["search_preview"] = _serving
    # The search dialog's types, in the site's order, and the directories it points to when it
    # cannot load: from the registry, so the theme's script names no record type itself.
    from generator.build.search_index import SECTIONS

    config["extra"]["search_types"] = [t.short for t in TYPES] + list(dict.fromkeys(SECTIONS.values()))
    config["extra"]["search_directories"] = [[t.title, f"{t.folder}/"] for t in TYPES] + [["区县", "districts/"]]
    return config


_site = None  # the Site of the last generate(), for the search index of a plain `mkdocs build`


def on_startup(command, dirty, **kwargs):
    global _serving, _preview
    _serving, _preview = command == "serve", None


def on_pre_build(config, **kwargs):
    if os.environ.get(PREGENERATED_ENV):
        _use_redirects(config)
        return
    global _preview
    if _serving and _preview is None:
        _preview = Preview(_project(config))
    try:
        if _preview is not None:  # serving: re-render only what the last edit touched
            report = _preview.update(today_in_shanghai())
        else:
            global _site
            result, report = generate(_project(config), today_in_shanghai())
            _site = result.site
    except ContentError as err:
        for problem in err.problems:
            log.error(problem.format())
        raise Abort(summary_line(err.problems)) from None
    _use_redirects(config)
    log.info("生成页面：写入 %d 个，未变 %d 个，删除 %d 个", report.written, report.unchanged, report.removed)


def on_serve(server, config, builder, **kwargs):
    # Editing a YAML record rebuilds the preview just like editing a page in docs/.
    server.watch(str(_project(config).content_dir))
    return server


def on_post_build(config, **kwargs):
    # Plain `mkdocs build`: index the site it just wrote. `python -m generator build` makes its index
    # beside MkDocs itself (pipeline.build_site), and the preview has none.
    if os.environ.get(PREGENERATED_ENV) or _serving or _site is None:
        return
    try:
        count = start_index(_site, _project(config).docs_dir).write(Path(config["site_dir"]))
    except SearchIndexFailed as err:
        raise Abort(str(err)) from None
    log.info("搜索索引：%d 条", count)
