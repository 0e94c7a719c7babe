"""Listings cut into numbered pages: /<folder>/ is page 1, /<folder>/page/2/ page 2, and the same
under a district, industry or program (/districts/tengzhou/<folder>/page/2/).

Every list of records on the site is short enough for a phone (PAGE_SIZE cards, well under 150 KB
of HTML), and every record is reachable through the numbered pages without JavaScript."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

PAGE_SIZE = 50  # cards per page
PREVIEW_SIZE = 6  # cards of each type on a district, industry or program page, before "all N"

FILTER_DATA = "data/filters"  # what a directory's filters load on first use (filters.js)

T = TypeVar("T")


def entry_list_base(list_name: str, entry_id: str, folder: str) -> str:
    """Where a district's, industry's or program's list of one record type starts
    (districts/tengzhou/<folder>/), its numbered pages below it."""
    return f"{list_name}/{entry_id}/{folder}/"


def page_url(base: str, number: int) -> str:
    """Site-relative URL of page `number` of the list whose first page is at base ("<folder>/")."""
    return base if number == 1 else f"{base}page/{number}/"


def page_doc(base: str, number: int) -> str:
    """The Markdown file of that page (docs-relative)."""
    return f"{base}index.md" if number == 1 else f"{base}page/{number}.md"


_NUMBERED = re.compile(r"(^|/)page/[0-9]+\.md$")


def comes_and_goes(path: str) -> bool:
    """A generated file that only shows records page by page: a numbered page (page/3/), a
    district's, industry's or program's list of one type, the filters' data. Each exists while
    there are records enough for it, so the manifest does not promise its URL forever."""
    from ..content.taxonomy import page_lists

    parts = path.split("/")
    return (
        bool(_NUMBERED.search(path))
        or path.startswith(FILTER_DATA + "/")
        or (len(parts) == 4 and parts[0] in page_lists() and parts[3] == "index.md")
    )


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    count: int  # pages in all
    total: int  # items in all
    base: str
    first_index: int  # the position of items[0] in the whole list

    @property
    def doc(self) -> str:
        return page_doc(self.base, self.number)

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    def link(self, number: int) -> str:
        return page_url(self.base, number)

    def numbers(self) -> list[int | None]:
        """Page numbers to offer, None for a gap: 1 … 4 5 [6] 7 8 … 20."""
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        result: list[int | None] = []
        for number in shown:
            if result and number - (result[-1] or 0) > 1:
                result.append(None)
            result.append(number)
        return result


def paginate(items: list[T], base: str, size: int = PAGE_SIZE) -> list[Page[T]]:
    """The pages of a list (at least one, empty, so every listing exists)."""
    count = max(1, math.ceil(len(items) / size))
    return [Page(items[i * size : (i + 1) * size], i + 1, count, len(items), base, i * size) for i in range(count)]


def pages_holding(positions: list[int], total: int, size: int = PAGE_SIZE) -> set[int]:
    """Numbers of the pages whose cards change when records at these positions (before and after an
    edit) move: every page from the first to the last of them, as the records between shift by one."""
    if not positions:
        return set()
    low, high = min(positions), max(positions)
    return set(range(low // size + 1, min(high, max(total - 1, 0)) // size + 2))
