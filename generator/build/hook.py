"""MkDocs hook (named in mkdocs.yml): plain `mkdocs build` and `mkdocs serve` regenerate too.

MkDocs loads this file by path, not as part of the package, so the project root is put on
sys.path first. Only glue lives here; the work is in generator.pipeline.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from generator.admin.write import serve_editor  # noqa: E402
from generator.build.live_preview import RecordEdits, watch_hand_written  # noqa: E402
from generator.build.output_guard import refuse_leaks  # noqa: E402
from generator.build.page_shells import HtmlBodies, ShellError, Shells  # noqa: E402
from generator.build.page_shells import enabled as shells_enabled  # noqa: E402
from generator.build.pipeline import PREGENERATED_ENV, Project, generate  # noqa: E402
from generator.build.preview import Preview  # noqa: E402
from generator.build.redirect_pages import write_redirect_pages  # noqa: E402
from generator.build.search_index import SearchIndexFailed, start_index  # noqa: E402
from generator.content.problems import ContentError, summary_line  # noqa: E402
from generator.content.values import today_in_shanghai  # noqa: E402
from generator.pages.urls import generated_dirs  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")


def _project(config) -> Project:
    root = Path(config["config_file_path"]).resolve().parent
    return Project(root, root / "content", Path(config["docs_dir"]), root / "mkdocs.yml")


_serving = False
_dirty = False
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
    config["not_in_nav"] = pathspec.GitIgnoreSpec.from_lines(
        [line for line in lines if line and not line.startswith("!")] + [f"!/{page}" for page in sorted(in_nav)]
    )
    # The preview indexes nothing (a search index on every rebuild would make `mkdocs serve` slow);
    # the header's search says so in Chinese instead of failing to load.
    config["extra"]["search_preview"] = _serving
    # The search dialog's types, in the site's order, and the directories it points to when it
    # cannot load: from the registry, so the theme's script names no record type itself.
    from generator.build.search_index import SECTIONS

    config["extra"]["search_types"] = [t.short for t in TYPES] + list(dict.fromkeys(SECTIONS.values()))
    config["extra"]["search_directories"] = [[t.title, f"{t.folder}/"] for t in TYPES] + [["区县", "districts/"]]
    # The generator writes sitemap.xml (an index of small per-section files: outputs/sitemap.py);
    # MkDocs' own would list every page in one file and overwrite it.
    config.theme.static_templates.discard("sitemap.xml")
    return config


_site = None  # the Site of the last generate(), for the search index of a plain `mkdocs build`


def on_startup(command, dirty, **kwargs):
    global _serving, _preview, _dirty
    _serving, _preview, _dirty = command == "serve", None, dirty


def on_pre_build(config, **kwargs):
    if os.environ.get(PREGENERATED_ENV):
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
    log.info("生成页面：写入 %d 个，未变 %d 个，删除 %d 个", report.written, report.unchanged, report.removed)


_html_bodies = HtmlBodies()
_shells: Shells | None = None


def on_files(files, config, **kwargs):
    # The generator's pages outside the nav are written from shells after MkDocs has built one
    # probe page per shape (page_shells.py); MkDocs builds every other page.
    global _shells
    _shells = None
    if shells_enabled():
        owned = tuple(f"{folder}/" for folder in generated_dirs())
        _shells = Shells()
        _shells.claim(files, config, lambda uri: uri.startswith(owned), dirty=_dirty and _serving)
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    # Generated pages are HTML already (front matter `body: html`): no Markdown pass.
    return _html_bodies.on_page_markdown(markdown, page)


def on_page_content(html, page, config, files, **kwargs):
    return _html_bodies.on_page_content(html, page)


def on_serve(server, config, builder, **kwargs):
    # Editing a YAML record rebuilds the preview just like editing a page in docs/; its own pages
    # are written into the served site at once (live_preview.py).
    project = _project(config)
    server.watch(str(project.content_dir))
    watch_hand_written(server, project.docs_dir, generated_dirs())
    if _preview is not None and shells_enabled():
        RecordEdits(_preview, config["site_dir"], today_in_shanghai).start()
    return server


class _TemplatesInMemory(jinja2.BytecodeCache):
    """The theme's compiled templates, kept between the rebuilds of `mkdocs serve` (MkDocs makes a
    new environment for every rebuild and would compile every template again). Jinja checks each
    entry against its template's source before using it."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_theme_templates = _TemplatesInMemory()


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = _theme_templates
    return env


def on_post_build(config, **kwargs):
    try:
        written = _shells.write(config["site_dir"]) if _shells else 0
    except ShellError as err:
        raise Abort(f"{err}（可以先设置环境变量 CAMPAIGN_SHELLS=off 构建）") from None
    log.debug("页面外壳：写入 %d 个页面", written)
    if _serving:  # the web editor at /admin/ of the preview
        serve_editor(Path(config["site_dir"]), _project(config).root)
    write_redirect_pages(
        Path(config["docs_dir"]),
        Path(config["site_dir"]),
        config["site_name"],
        config["site_url"] or "",
        again=not (_serving and _dirty),
    )  # a clean rebuild empties the served folder
    # Plain `mkdocs build`: index the site it just wrote. `python -m generator build` makes its index
    # beside MkDocs itself (pipeline.build_site), and the preview has none.
    if os.environ.get(PREGENERATED_ENV) or _serving or _site is None:
        return
    try:
        count = start_index(_site, _project(config).docs_dir).write(Path(config["site_dir"]))
    except SearchIndexFailed as err:
        raise Abort(str(err)) from None
    log.info("搜索索引：%d 条", count)
    refuse_leaks(Path(config["site_dir"]), _project(config), _site, error=Abort)  # output_guard.py
