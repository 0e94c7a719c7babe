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

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402

from generator.manifest import REDIRECTS_FILE  # noqa: E402
from generator.pipeline import PREGENERATED_ENV, Project, generate, today_in_shanghai  # noqa: E402
from generator.preview import Preview  # noqa: E402
from generator.problems import ContentError, summary_line  # noqa: E402
from generator.search_index import SearchIndexFailed, index_site  # noqa: E402

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


def on_startup(command, dirty, **kwargs):
    global _serving, _preview
    _serving, _preview = command == "serve", None


def on_config(config, **kwargs):
    # The preview indexes nothing (Pagefind over the whole site on every rebuild would make
    # `mkdocs serve` slow); the header's search says so in Chinese instead of failing to load.
    config["extra"]["search_preview"] = _serving
    return config


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
            _, report = generate(_project(config), today_in_shanghai())
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
    # Plain `mkdocs build`: index the site it just wrote. `python -m generator build` indexes its
    # temporary folder itself, before the swap (pipeline.build_site), and the preview not at all.
    if os.environ.get(PREGENERATED_ENV) or _serving:
        return
    try:
        pages = index_site(Path(config["site_dir"]))
    except SearchIndexFailed as err:
        raise Abort(str(err)) from None
    log.info("搜索索引：%d 个页面", pages)
