"""Controlled lists (districts, industries, …): look a value up by id or name, suggest the closest."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

KIND_TITLES = {
    "districts": "区县",
    "industries": "行业",
    "programs": "工程",
    "platforms": "平台",
    "modes": "经营模式",
    "audiences": "培训对象",
    "levels": "认定级别",
}


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    name: str
    description: str = ""
    aims: tuple[str, ...] = ()
    priority: bool = False

    def __str__(self) -> str:  # templates print an entry as its Chinese name
        return self.name


@dataclass
class Taxonomy:
    lists: dict[str, list[Entry]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> "Taxonomy":
        lists = {}
        for kind in KIND_TITLES:
            lists[kind] = [
                Entry(kind, item["id"], item["name"], item.get("description", ""),
                      tuple(item.get("aims", [])), bool(item.get("priority", False)))
                for item in data.get(kind, [])
            ]
        return cls(lists)

    def entries(self, kind: str) -> list[Entry]:
        return self.lists.get(kind, [])

    def get(self, kind: str, value: object) -> Entry | None:
        """The entry whose id or name is value (case and surrounding spaces ignored)."""
        text = str(value).strip().casefold()
        for entry in self.entries(kind):
            if text in (entry.id.casefold(), entry.name.casefold()):
                return entry
        return None

    def suggest(self, kind: str, value: object) -> Entry | None:
        """The entry an editor most likely meant: `滕州` -> 滕州市, `agri` -> 农副土特产品."""
        text = str(value).strip().casefold()
        if not text:
            return None
        entries = self.entries(kind)
        for entry in entries:  # a shortened or lengthened name is the commonest slip
            if text in entry.name.casefold() or entry.name.casefold() in text or text in entry.id:
                return entry
        keys = {entry.name.casefold(): entry for entry in entries} | {entry.id: entry for entry in entries}
        close = difflib.get_close_matches(text, list(keys), n=1, cutoff=0.5)
        return keys[close[0]] if close else None

    def unknown_message(self, kind: str, value: object) -> str:
        title = KIND_TITLES[kind]
        message = f"“{value}”不在{title}列表里（见 content/taxonomy.yaml）。"
        guess = self.suggest(kind, value)
        if guess:
            return message + f"你是不是要写“{guess.name}”？"
        names = "、".join(e.name for e in self.entries(kind)[:8])
        return message + f"可以写：{names}{'等' if len(self.entries(kind)) > 8 else ''}"
