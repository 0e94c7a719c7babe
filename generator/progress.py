"""Figures for the progress page, computed from the records and targets.yaml."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Record, Site
from .status import training_status

CROSS_BORDER_MODES = {"cross-border-b2b", "cross-border-b2c"}


@dataclass
class Progress:
    classes_by_year: dict[int, int]
    levels_by_year: dict[int, dict[str, int]]
    level_names: list[str]
    cross_border: list[Record]
    by_district: list[tuple[str, str, int]]  # (id, name, records)
    by_industry: list[tuple[str, str, int]]
    targets: list[dict] = field(default_factory=list)  # year, metric, target, actual, source, date


def is_cross_border(enterprise: Record) -> bool:
    modes = {m.id for m in enterprise.get("modes") or []}
    programs = {p.id for p in enterprise.get("programs") or []}
    return bool(modes & CROSS_BORDER_MODES) or "cross-border" in programs


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
                rows.append({"year": target["year"], "metric": name, "target": target[metric],
                             "actual": actual["value"] if actual else None,
                             "source": actual["source"] if actual else "", "date": actual["date"] if actual else None,
                             "example": bool(actual and actual.get("example"))})
    return rows


def compute(site: Site) -> Progress:
    held = Counter(t.start.year for t in site.trainings
                   if training_status(t, site.today).code in ("finished", "running"))
    level_names = [entry.name for entry in site.taxonomy.entries("levels")]
    levels: dict[int, Counter] = {}
    for enterprise in site.enterprises:
        for recognition in enterprise.get("recognitions") or []:
            if recognition.get("year"):
                levels.setdefault(recognition["year"], Counter())[recognition["level"].name] += 1

    def tally(kind: str) -> list[tuple[str, str, int]]:
        return [(e.id, e.name, sum(len(v) for v in site.in_entry(e).values())) for e in site.taxonomy.entries(kind)]

    return Progress(
        classes_by_year=dict(sorted(held.items())),
        levels_by_year={year: dict(levels[year]) for year in sorted(levels)},
        level_names=level_names,
        cross_border=[e for e in site.enterprises if is_cross_border(e)],
        by_district=tally("districts"),
        by_industry=tally("industries"),
        targets=_targets(site),
    )
