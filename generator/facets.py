"""Filters on the enterprise and story directories: which facets, and each record's values.

The server-rendered list carries these values as data attributes; filters.js narrows the
list in the browser. Without JavaScript the full list is simply there."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Record, Site


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter and data attribute
    label: str
    taxonomy: str | None  # taxonomy list for options, or None for years


FACETS = {
    "enterprise": [Facet("district", "区县", "districts"), Facet("industry", "行业", "industries"),
                   Facet("mode", "经营模式", "modes"), Facet("level", "认定级别", "levels"),
                   Facet("year", "认定年份", None)],
    "case": [Facet("district", "区县", "districts"), Facet("industry", "行业", "industries"),
             Facet("platform", "平台", "platforms"), Facet("year", "发布年份", None)],
}


def values(record: Record, facet: str) -> list[str]:
    """The ids a record has for one facet (a record may have several modes, levels, years)."""
    fields = record.fields
    if facet in ("district", "industry"):
        entry = fields.get(facet)
        return [entry.id] if entry is not None else []
    if facet == "mode":
        return [m.id for m in fields.get("modes") or []]
    if facet == "platform":
        return [p.id for p in fields.get("platforms") or []]
    recognitions = fields.get("recognitions") or []
    if facet == "level":
        return sorted({r["level"].id for r in recognitions})
    if facet == "year":
        if record.kind == "case":
            return [str(fields["published"].year)]
        return sorted({str(r["year"]) for r in recognitions if r.get("year")})
    return []


def data_attributes(record: Record) -> dict[str, str]:
    return {f"data-{f.name}": " ".join(values(record, f.name)) for f in FACETS.get(record.kind, [])}


def options(site: Site, kind: str, records: list[Record]) -> list[tuple[Facet, list[tuple[str, str, int]]]]:
    """For each facet: (value, label, number of records) for every value some record has."""
    result = []
    for facet in FACETS[kind]:
        counts: dict[str, int] = {}
        for record in records:
            for value in values(record, facet.name):
                counts[value] = counts.get(value, 0) + 1
        if facet.taxonomy:
            choices = [(e.id, e.name, counts[e.id]) for e in site.taxonomy.entries(facet.taxonomy) if e.id in counts]
        else:
            choices = [(year, f"{year} 年", counts[year]) for year in sorted(counts, reverse=True)]
        result.append((facet, choices))
    return result
