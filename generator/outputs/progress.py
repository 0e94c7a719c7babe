"""Figures for the progress page and its charts, computed from the records and from the policy's
targets and aims in content/targets.yaml (no policy figure is written in code or templates)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..content.model import Record, Site
from ..content.status import training_status
from ..content.taxonomy import Entry


@dataclass
class ParkAim:
    district: Entry
    parks: list[Record]
    first_opened: int | None  # the year the district's first park opened, if known
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
    parks: list[ParkAim] = field(default_factory=list)
    platforms_by_industry: list[tuple[Entry, list[Record]]] = field(default_factory=list)
    platform_years: list[PlatformYear] = field(default_factory=list)


def is_cross_border(enterprise: Record, aim: dict) -> bool:
    modes = set(aim.get("modes") or [])
    program = aim.get("program")
    return bool(modes & set(enterprise.get("modes") or [])) or (
        program is not None and program in (enterprise.get("programs") or [])
    )


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


def _parks(site: Site, aim: dict) -> list[ParkAim]:
    if not aim:
        return []
    first = set(aim.get("first") or [])
    rows = []
    for district in site.taxonomy.entries("districts"):
        parks = [p for p in site.of("park") if p.get("district") == district]
        years = sorted(p.opened for p in parks if p.get("opened"))
        deadline = aim.get("first_year", aim["from"]) if district in first else aim["from"] + aim["within_years"]
        met = sum(1 for year in years if year <= deadline) >= aim["per_district"]
        rows.append(ParkAim(district, parks, years[0] if years else None, deadline, met))
    return rows


def _platform_years(site: Site, aim: dict) -> list[PlatformYear]:
    if not aim:
        return []
    launched = [p.launched for p in site.of("industry-platform") if p.get("launched")]
    last = max([aim.get("until", aim["year"]), *launched])
    rows = []
    for year in range(aim["year"], last + 1):
        wanted = aim["at_least"] * (2 ** (year - aim["year"]) if aim.get("doubling") else 1)
        rows.append(PlatformYear(year, min(wanted, aim["industries"]), sum(1 for y in launched if y <= year)))
    return rows


def compute(site: Site) -> Progress:
    aims = site.targets.get("aims") or {}
    held = Counter(t.start.year for t in site.of("training") if training_status(t, site.today).code in ("finished", "running"))
    level_names = [entry.name for entry in site.taxonomy.entries("levels")]
    levels: dict[int, Counter] = {}
    for enterprise in site.of("enterprise"):
        for recognition in enterprise.get("recognitions") or []:
            if recognition.get("year"):
                levels.setdefault(recognition["year"], Counter())[recognition["level"].name] += 1

    def tally(list_name: str) -> list[tuple[str, str, int]]:
        return [(e.id, e.name, sum(len(v) for v in site.in_entry(e).values())) for e in site.taxonomy.entries(list_name)]

    return Progress(
        classes_by_year=dict(sorted(held.items())),
        levels_by_year={year: dict(levels[year]) for year in sorted(levels)},
        level_names=level_names,
        cross_border=[e for e in site.of("enterprise") if is_cross_border(e, aims.get("cross_border") or {})],
        by_district=tally("districts"),
        by_industry=tally("industries"),
        aims=aims,
        targets=_targets(site),
        parks=_parks(site, aims.get("parks") or {}),
        platforms_by_industry=[
            (industry, [p for p in site.of("industry-platform") if p.get("industry") == industry])
            for industry in site.taxonomy.entries("industries")
        ],
        platform_years=_platform_years(site, aims.get("platforms") or {}),
    )
