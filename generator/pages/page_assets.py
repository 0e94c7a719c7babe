"""The theme's files that only some pages need, loaded by those pages only (not by every page's first
visit through mkdocs.yml's extra_css / extra_javascript): a page that shows a directory's filters or
numbered page links loads filters.css, one that shows an event's status (a class's 报名中 …) loads status.js (which
re-evaluates the status in the reader's browser). Read off the rendered page itself, so a template
that starts showing either needs nothing more."""

from __future__ import annotations

from .urls import relative

FILTERS_CSS = "assets/stylesheets/filters.css"
STATUS_JS = "assets/javascripts/status.js"
# Where the filters' styles are needed first: the stylesheet goes just before (a stylesheet in the
# body holds back the rendering of what follows it until loaded: the form never shows unstyled).
STYLED = ('<form class="filters"', '<nav class="pager"')
STATUS = 'class="status status--'  # the status badge of _macros.md.j2


def with_page_assets(text: str, page_path: str) -> str:
    """The rendered page `text` (at docs-relative `page_path`) with the tags loading what it needs."""
    styled = [at for at in (text.find(mark) for mark in STYLED) if at >= 0]
    if styled:
        at = min(styled)
        text = f'{text[:at]}<link rel="stylesheet" href="{relative(page_path, FILTERS_CSS)}">\n{text[at:]}'
    if STATUS in text:
        text = f'{text.rstrip()}\n\n<script src="{relative(page_path, STATUS_JS)}"></script>\n'
    return text
