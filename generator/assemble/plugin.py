"""The MkDocs side of the generator, in one plugin object: `campaign` in mkdocs.yml `plugins:`
(registered through the `mkdocs.plugins` entry point in pyproject.toml).

`mkdocs build`, `mkdocs serve` and `python -m generator build` all go through it. For the first
two it generates docs/ from content/ before MkDocs reads them; `generator build` has generated
already and says so by setting this build's `generate: false` (pipeline.build_site). Everything it
keeps between the builds of `mkdocs serve` (MkDocs keeps a plugin with on_startup for the whole
session) is an attribute of the one object: the preview with its Site, the shells, the theme's
compiled templates, the redirect pages last written, the file watcher. The work itself is in the
modules it calls: pipeline.generate, preview_pages, preview_watch, page_shells, redirect_pages, search_index.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from ..admin.write import serve_editor
from ..content.model import Site
from ..content.problems import ContentError, summary_line
from ..content.values import today_in_shanghai
from ..pages.urls import generated_dirs
from .output_guard import refuse_leaks
from .page_shells import HtmlBodies, ShellError, Shells
from .pipeline import Project, generate
from .preview_pages import Preview
from .preview_watch import RecordEdits, watch_hand_written
from .redirect_pages import redirects_text, write_redirect_pages
from .search_index import SearchIndexFailed, search_directories, search_types, start_index
from .site_folder import refusal

log = logging.getLogger("mkdocs.plugins.campaign")


class _Switch(c.Type):
    """true or false; also as a person types it into a variable read by mkdocs.yml's !ENV: YAML reads
    on/off, yes/no and true/false as booleans, and 1/0 as numbers."""

    def __init__(self, default: bool):
        super().__init__(bool, default=default)

    def run_validation(self, value):
        if value in (0, 1) and not isinstance(value, bool):
            value = bool(value)
        return super().run_validation(value)


class CampaignPluginConfig(Config):
    # Generate docs/ from content/ before each build. `python -m generator build` sets it to false
    # for its own run of MkDocs (it has generated, and indexes the site itself); false in a copy of
    # mkdocs.yml builds docs/ as they are (bench/timing_hook.py times MkDocs alone so).
    generate = _Switch(default=True)
    # The date event statuses are worked out for (default: today in Beijing time).
    today = c.Optional(c.Type(dt.date))
    # Write the generator's pages outside the nav from shells (page_shells.py); false: MkDocs builds
    # every page itself (slower, byte for byte the same: tests/test_page_shells.py compares them).
    shells = _Switch(default=True)


class CampaignPlugin(BasePlugin[CampaignPluginConfig]):
    """The generator inside MkDocs. Its events below, in the order MkDocs calls them; a step that
    belongs to every build (something written into the built site, say) is one call in
    on_post_build, one for `mkdocs serve` only in on_serve. All state is on the object; nothing is
    read from the environment here (mkdocs.yml's `!ENV` reads the two switches a person may set)."""

    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve` (not `serve --clean`, which MkDocs runs as builds)
        self.dirty = False  # `--dirty`: MkDocs rebuilds only changed pages
        self.site: Site | None = None  # the Site generated for this build (plain `mkdocs build` indexes it)
        self.preview: Preview | None = None  # mkdocs serve: the Site and compiled templates between rebuilds
        self.record_edits: RecordEdits | None = None  # mkdocs serve: writes an edited record's pages at once
        self.html_bodies = HtmlBodies()
        self.shells = Shells()
        self.theme_templates = _TemplatesInMemory()
        self.redirects_written: tuple | None = None  # what the redirect pages were last written from

    @classmethod
    def of(cls, config) -> CampaignPlugin:
        """The plugin named in a loaded MkDocs configuration."""
        found = [plugin for plugin in config.plugins.values() if isinstance(plugin, cls)]
        if not found:
            raise Abort("mkdocs.yml 的 plugins: 里没有 campaign（生成器的 MkDocs 插件），无法构建。")
        return found[0]

    def project(self, config) -> Project:
        root = Path(config.config_file_path).resolve().parent
        return Project(root, root / "content", Path(config.docs_dir), root / "mkdocs.yml")

    def today(self) -> dt.date:
        return self.config.today or today_in_shanghai()

    # --- MkDocs' events, in the order MkDocs calls them ---------------------------------------

    def on_startup(self, *, command, dirty):
        self.serving, self.dirty = command == "serve", dirty
        self.preview, self.site = None, None

    def on_config(self, config):
        # `mkdocs build -d content` would let MkDocs empty the folder first: the site folder rule of
        # `generator build` (site_folder.py) holds for plain MkDocs too. (The preview's folder is its own.)
        if not self.serving:
            refused = refusal(Path(config.site_dir), self.project(config))
            if refused:
                raise Abort(refused)
        # Record pages stay out of the navigation (MkDocs renders the whole nav into every page), and
        # a record type's directory that mkdocs.yml's nav does not list is linked from the home page
        # instead: both follow from the registry, so a new record type needs no edit here.
        import pathspec

        from ..content.registry import TYPES
        from ..content.taxonomy import page_lists

        spec = config.not_in_nav
        lines = [p.pattern for p in spec.patterns] if spec else []
        in_nav = _nav_pages(config.nav)
        for folder in [t.folder for t in TYPES] + list(page_lists()):
            lines.append(f"/{folder}/**/*.md")  # its pages, numbered pages and lists by type
            if f"{folder}/index.md" not in in_nav:
                lines.append(f"/{folder}/index.md")
        config.not_in_nav = pathspec.GitIgnoreSpec.from_lines(
            [line for line in lines if line and not line.startswith("!")] + [f"!/{page}" for page in sorted(in_nav)]
        )
        # The preview indexes nothing (a search index on every rebuild would make `mkdocs serve` slow);
        # the header's search says so in Chinese instead of failing to load.
        config.extra["search_preview"] = self.serving
        # The search dialog's types and the directories it points to when it cannot load, from the
        # registry (search_index.py), so that the theme's script names no record type itself.
        config.extra["search_types"] = search_types()
        config.extra["search_directories"] = search_directories()
        # The generator writes sitemap.xml (an index of small per-section files: outputs/sitemap.py);
        # MkDocs' own would list every page in one file and overwrite it.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_pre_build(self, *, config):
        self.site = None
        if not self.config.generate:
            return
        project = self.project(config)
        if self.serving and self.preview is None:
            self.preview = Preview(project)
        try:
            if self.preview is not None:  # serving: re-render only what the last edit touched
                report = self.preview.update(self.today())
            else:
                result, report = generate(project, self.today())
                self.site = result.site
        except ContentError as err:
            for problem in err.problems:
                log.error(problem.format())
            raise Abort(summary_line(err.problems)) from None
        log.info("生成页面：写入 %d 个，未变 %d 个，删除 %d 个", report.written, report.unchanged, report.removed)

    def on_files(self, files, *, config):
        # The generator's pages outside the nav are written from shells after MkDocs has built one
        # probe page per shape (page_shells.py); MkDocs builds every other page.
        if self.config.shells:
            owned = tuple(f"{folder}/" for folder in generated_dirs())
            self.shells.claim(files, config, lambda uri: uri.startswith(owned), dirty=self.dirty and self.serving)
        else:
            self.shells.release()
        return files

    def on_env(self, env, *, config, files):
        env.bytecode_cache = self.theme_templates
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        # Generated pages are HTML already (front matter `body: html`): no Markdown pass.
        return self.html_bodies.on_page_markdown(markdown, page)

    def on_page_content(self, html, *, page, config, files):
        return self.html_bodies.on_page_content(html, page)

    def on_post_build(self, *, config):
        # What is written into the built site after MkDocs, one step a line.
        site_dir = Path(config.site_dir)
        self.write_shells(site_dir)
        self.write_redirect_pages(config, site_dir)
        self.index_search(config, site_dir)
        self.serve_editor(config, site_dir)
        self.refuse_leaks(config, site_dir)

    def on_serve(self, server, *, config, builder):
        # Editing a YAML record rebuilds the preview just like editing a page in docs/; its own pages
        # are written into the served site at once (preview_watch.py).
        project = self.project(config)
        server.watch(str(project.content_dir))
        watch_hand_written(server, project.docs_dir, generated_dirs())
        if self.preview is not None and self.config.shells and self.record_edits is None:
            self.record_edits = RecordEdits(self.preview, self.shells, config.site_dir, self.today)
            self.record_edits.start()
        return server

    def on_shutdown(self):
        if self.record_edits is not None:
            self.record_edits.stop()
            self.record_edits = None

    # --- the steps of on_post_build ------------------------------------------------------------

    def write_shells(self, site_dir: Path) -> None:
        try:
            written = self.shells.write(str(site_dir))
        except ShellError as err:
            raise Abort(f"{err}（可以先设置环境变量 CAMPAIGN_SHELLS=off 构建）") from None
        log.debug("页面外壳：写入 %d 个页面", written)

    def write_redirect_pages(self, config, site_dir: Path) -> None:
        """A small page at each old address of a renamed record. `mkdocs serve --dirty` keeps the
        served folder between rebuilds: pages written from the same map are not written again (a
        clean rebuild empties the folder, so it always writes them)."""
        redirects = redirects_text(Path(config.docs_dir))
        source = (redirects, str(site_dir), config.site_name, config.site_url or "")
        if redirects is None or (self.serving and self.dirty and source == self.redirects_written):
            return
        write_redirect_pages(redirects, site_dir, config.site_name, config.site_url or "")
        self.redirects_written = source

    def index_search(self, config, site_dir: Path) -> None:
        """Plain `mkdocs build`: index the Site it generated. `python -m generator build` makes its
        index beside MkDocs itself (pipeline.build_site), and the preview has none."""
        if self.serving or self.site is None:
            return
        try:
            count = start_index(self.site, Path(config.docs_dir)).write(site_dir)
        except SearchIndexFailed as err:
            raise Abort(str(err)) from None
        log.info("搜索索引：%d 条", count)

    def serve_editor(self, config, site_dir: Path) -> None:
        """`make serve`: the web editor at /admin/ of the preview (generator/admin/)."""
        if self.serving:
            serve_editor(site_dir, self.project(config).root)

    def refuse_leaks(self, config, site_dir: Path) -> None:
        """Plain `mkdocs build`: the output guard over what MkDocs wrote (output_guard.py; MkDocs has
        no temporary folder, so it fails the command after writing). `generator build` runs the guard
        on its temporary folder before the swap."""
        if self.serving or self.site is None:
            return
        refuse_leaks(site_dir, self.project(config), self.site, error=Abort)


def _nav_pages(items) -> set[str]:
    pages: set[str] = set()
    for item in items or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages |= _nav_pages(value)
        elif isinstance(value, str):
            pages.add(value)
    return pages


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
