"""MkDocs hook that reports where MkDocs spends its time, per kind of page (no profiler overhead).

Name it under `hooks:` in a copy of mkdocs.yml (MkDocs runs hooks after the plugins, so after the
project's own) and build with that copy, e.g. in the project bench/run.py leaves behind:

    cd bench/out/project
    { sed 's|^  - campaign:$|&\\n      generate: false|' mkdocs.yml; printf 'hooks:\\n  - ../../timing_hook.py\\n'; } > mkdocs-timing.yml
    ../../../.venv/bin/python -m mkdocs build -q -f mkdocs-timing.yml -d ../timing-site

(`generate: false`, the project plugin's option: the docs/ pages are already rendered, MkDocs alone
is timed.) At exit it prints, per kind of page: Markdown reading and conversion (`_populate_page`), the theme page
build (`_build_page`: template, plugins' page events, write), the part of that spent by the
search plugin making the page's index entries, and the time inside jieba.
"""

from __future__ import annotations

import atexit
import collections
import sys
import time

import mkdocs.commands.build as build_module

SECONDS: dict[tuple[str, str], float] = collections.defaultdict(float)
PAGES: collections.Counter = collections.Counter()


def kind_of(page) -> str:
    path = page.file.src_uri
    if "/" not in path:
        return "top-level pages"
    head, rest = path.split("/", 1)
    if head in ("enterprises", "cases", "trainings", "parks", "industry-platforms"):
        return f"{head} directory" if rest == "index.md" or rest.startswith("page/") else f"{head} record pages"
    if head in ("districts", "industries", "programs"):
        return "district/industry/program lists" if rest.count("/") >= 1 else "district/industry/program pages"
    return f"{head}/ pages"


def _timed_page_function(name: str, label: str) -> None:
    original = getattr(build_module, name)

    def timed(page, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(page, *args, **kwargs)
        finally:
            SECONDS[(label, kind_of(page))] += time.perf_counter() - start
            PAGES[(label, kind_of(page))] += 1

    setattr(build_module, name, timed)


_timed_page_function("_populate_page", "markdown")
_timed_page_function("_build_page", "theme page")

try:
    import material.plugins.search.plugin as search_plugin

    _add_entry = search_plugin.SearchIndex.add_entry_from_context

    def _timed_add_entry(self, page):
        start = time.perf_counter()
        try:
            return _add_entry(self, page)
        finally:
            SECONDS[("  search entry", kind_of(page))] += time.perf_counter() - start

    search_plugin.SearchIndex.add_entry_from_context = _timed_add_entry
except ImportError:
    pass

try:
    import jieba

    _cut = jieba.Tokenizer.cut

    def _timed_cut(self, *args, **kwargs):
        start = time.perf_counter()
        words = list(_cut(self, *args, **kwargs))
        SECONDS[("    jieba", "all pages")] += time.perf_counter() - start
        return iter(words)

    jieba.Tokenizer.cut = _timed_cut
    jieba.cut = jieba.dt.cut = _timed_cut.__get__(jieba.dt)
except ImportError:
    pass


@atexit.register
def _report() -> None:
    for label in ("markdown", "theme page", "  search entry", "    jieba"):
        rows = {kind: seconds for (name, kind), seconds in SECONDS.items() if name == label}
        if not rows:
            continue
        print(f"{label.strip():<14} {sum(rows.values()):7.1f} s in all", file=sys.stderr)
        for kind, seconds in sorted(rows.items(), key=lambda kv: -kv[1]):
            count = PAGES.get((label, kind))
            print(f"    {kind:<36} {seconds:7.1f} s" + (f"  ({count} pages)" if count else ""), file=sys.stderr)
