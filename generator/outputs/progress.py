"""Figures for the progress page and its charts, computed from the records and from the policy's
targets and aims in content/targets.yaml (no policy figure is written in code or templates). Which
records an aim counts is each type's `progress` in the registry."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..content.model import Record, Site
from ..content.registry import counted_for
from ..content.status import event_status
from ..content.taxonomy import Entry


@dataclass
class DistrictAim:
    """One district against `parks_per_district`: the records counted for it there."""

    district: Entry
    built: list[Record]
    first_opened: int | None  # the year the district's first one opened, if known
    deadline: int  # the year it should have one by
    met: bool


@dataclass
class PlatformYear:
    year: int
    aim: int
    built: int  # platforms launched in or before that year


@dataclass
class Progress:
    classes_by_year: dict[int, int]
    levels_by_year: dict[int, dict[str, int]]
    level_names: list[str]
    cross_border: list[Record]
    by_district: list[tuple[str, str, int]]  # (id, name, records)
    by_industry: list[tuple[str, str, int]]
    aims: dict = field(default_factory=dict)  # content/targets.yaml `aims`, taxonomy values resolved
    targets: list[dict] = field(default_factory=list)  # year, metric, target, actual, source, date
    parks_per_district: list[DistrictAim] = field(default_factory=list)
    parks_per_district_chart: str = ""  # its chart's file under progress/ (a published URL)
    platforms_by_industry: list[tuple[Entry, list[Record]]] = field(default_factory=list)
    platform_years: list[PlatformYear] = field(default_factory=list)
    counted: dict[str, list[Record]] = field(default_factory=dict)  # aim (or "levels") -> the records it counts


def counted(site: Site, what: str) -> list[Record]:
    """The records the page counts for an aim of content/targets.yaml (or for "levels")."""
    return [record for record_type in counted_for(what) for record in site.of(record_type.name)]


def chart_of(aim: str) -> str:
    """The file name of an aim's chart under progress/: named after the folder of the records it counts
    (that name is a published URL), or after the aim when no type counts towards it."""
    record_types = counted_for(aim)
    return f"{record_types[0].folder if record_types else aim}.svg"


def is_cross_border(record: Record, aim: dict) -> bool:
    modes = set(aim.get("modes") or [])
    program = aim.get("program")
    return bool(modes & set(record.get("modes") or [])) or (program is not None and program in (record.get("programs") or []))


def _targets(site: Site) -> list[dict]:
    latest: dict[tuple[int, str], dict] = {}
    for actual in site.targets.get("actuals") or []:
        key = (actual["year"], actual["metric"])
        if key not in latest or actual["date"] > latest[key]["date"]:
            latest[key] = actual
    rows = []
    for target in site.targets.get("targets") or []:
        for metric, name in (("transactions", "电子商务交易额"), ("online_retail", "网络零售额")):
            if metric in target:
                actual = latest.get((target["year"], metric))
                rows.append(
                    {
                        "year": target["year"],
                        "metric": name,
                        "target": target[metric],
                        "actual": actual["value"] if actual else None,
                        "source": actual["source"] if actual else "",
                        "date": actual["date"] if actual else None,
                        "example": bool(actual and actual.get("example")),
                    }
                )
    return rows


def _per_district(site: Site, aim: dict, records: list[Record]) -> list[DistrictAim]:
    if not aim:
        return []
    first = set(aim.get("first") or [])
    rows = []
    for district in site.taxonomy.entries("districts"):
        built = [r for r in records if r.get("district") == district]
        years = sorted(r.opened for r in built if r.get("opened"))
        deadline = aim.get("first_year", aim["from"]) if district in first else aim["from"] + aim["within_years"]
        met = sum(1 for year in years if year <= deadline) >= aim["per_district"]
        rows.append(DistrictAim(district, built, years[0] if years else None, deadline, met))
    return rows


def _platform_years(aim: dict, records: list[Record]) -> list[PlatformYear]:
    if not aim:
        return []
    launched = [r.launched for r in records if r.get("launched")]
    last = max([aim.get("until", aim["year"]), *launched])
    rows = []
    for year in range(aim["year"], last + 1):
        wanted = aim["at_least"] * (2 ** (year - aim["year"]) if aim.get("doubling") else 1)
        rows.append(PlatformYear(year, min(wanted, aim["industries"]), sum(1 for y in launched if y <= year)))
    return rows


def compute(site: Site) -> Progress:
    aims = site.targets.get("aims") or {}
    records = {
        what: counted(site, what) for what in ("classes_per_year", "levels", "cross_border", "parks_per_district", "platforms")
    }
    classes = records["classes_per_year"]
    held = Counter(r.start.year for r in classes if event_status(r, site.today).code in ("finished", "running"))
    level_names = [entry.name for entry in site.taxonomy.entries("levels")]
    levels: dict[int, Counter] = {}
    for record in records["levels"]:
        for recognition in record.get("recognitions") or []:
            if recognition.get("year"):
                levels.setdefault(recognition["year"], Counter())[recognition["level"].name] += 1

    def tally(list_name: str) -> list[tuple[str, str, int]]:
        return [(e.id, e.name, sum(len(v) for v in site.in_entry(e).values())) for e in site.taxonomy.entries(list_name)]

    return Progress(
        classes_by_year=dict(sorted(held.items())),
        levels_by_year={year: dict(levels[year]) for year in sorted(levels)},
        level_names=level_names,
        cross_border=[r for r in records["cross_border"] if is_cross_border(r, aims.get("cross_border") or {})],
        by_district=tally("districts"),
        by_industry=tally("industries"),
        aims=aims,
        targets=_targets(site),
        parks_per_district=_per_district(site, aims.get("parks_per_district") or {}, records["parks_per_district"]),
        parks_per_district_chart=chart_of("parks_per_district"),
        platforms_by_industry=[
            (industry, [r for r in records["platforms"] if r.get("industry") == industry])
            for industry in site.taxonomy.entries("industries")
        ],
        platform_years=_platform_years(aims.get("platforms") or {}, records["platforms"]),
        counted=records,
    )
