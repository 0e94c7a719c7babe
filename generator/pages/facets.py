"""Directory filters: each record's values for its type's facets (registry.py), and the options
a filter offers. The values go into the filters' index (render.Renderer.filter_files), which
filters.js loads on first use; without JavaScript the numbered pages reach every record."""

from __future__ import annotations

import datetime as dt

from ..content.fieldpaths import walk
from ..content.model import Record, Site
from ..content.registry import Facet
from ..content.taxonomy import Entry


def _value(value: object) -> str | None:
    if isinstance(value, Entry):
        return value.id
    if isinstance(value, (dt.date, dt.datetime)):
        return str(value.year)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a year
    return None


def values(record: Record, facet: Facet) -> list[str]:
    """The values a record has for one facet (a record may have several modes, levels, years)."""
    found = {_value(value) for _, value in walk(record.fields, facet.path)}
    found.discard(None)
    return sorted(found)


def options(site: Site, facets: tuple[Facet, ...], records: list[Record]) -> list[tuple[Facet, list[tuple[str, str, int]]]]:
    """For each facet: (value, label, number of records) for every value some record has."""
    result = []
    for facet in facets:
        counts: dict[str, int] = {}
        for record in records:
            for value in values(record, facet):
                counts[value] = counts.get(value, 0) + 1
        if facet.taxonomy:
            choices = [(e.id, e.name, counts[e.id]) for e in site.taxonomy.entries(facet.taxonomy) if e.id in counts]
        else:
            choices = [(year, f"{year} 年", counts[year]) for year in sorted(counts, reverse=True)]
        result.append((facet, choices))
    return result
