"""Controlled lists (districts, industries, …): look a value up by id or name, suggest the closest.

The lists, their Chinese names and which of them have pages of their own (a page per district,
industry and program) come from the taxonomy schema (generator/schemas/taxonomy.json)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from .schemas import load_schema


@lru_cache(maxsize=1)
def list_titles() -> dict[str, str]:
    """districts -> 区县, for every controlled list, in the schema's order."""
    return {name: node["title"] for name, node in load_schema("taxonomy")["properties"].items()}


@lru_cache(maxsize=1)
def page_lists() -> dict[str, str]:
    """The lists with a page per entry (x-pages), with the heading of their index page."""
    return {name: node["x-pages"] for name, node in load_schema("taxonomy")["properties"].items() if "x-pages" in node}


@dataclass(frozen=True)
class Entry:
    list_name: str  # the controlled list it belongs to: districts, industries, …
    id: str
    name: str
    description: str = ""
    aims: tuple[str, ...] = ()
    priority: bool = False
    position: int = 0  # its place in the list (districts sort in the list's order, not by name)

    @property
    def page_url(self) -> str:
        return f"{self.list_name}/{self.id}/"

    def __str__(self) -> str:  # templates print an entry as its Chinese name
        return self.name


@dataclass
class Taxonomy:
    lists: dict[str, list[Entry]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> "Taxonomy":
        lists = {}
        for list_name in list_titles():
            lists[list_name] = [
                Entry(
                    list_name,
                    item["id"],
                    str(item["name"]),
                    item.get("description", ""),
                    tuple(item.get("aims", [])),
                    bool(item.get("priority", False)),
                    position,
                )
                for position, item in enumerate(data.get(list_name, []))
            ]
        return cls(lists)

    def entries(self, list_name: str) -> list[Entry]:
        return self.lists.get(list_name, [])

    def get(self, list_name: str, value: object) -> Entry | None:
        """The entry whose id or name is value (upper or lower letters and surrounding spaces alike)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = {
                name: {key: entry for entry in reversed(entries) for key in (entry.id.casefold(), entry.name.casefold())}
                for name, entries in self.lists.items()
            }
        return index.get(list_name, {}).get(str(value).strip().casefold())

    def suggest(self, list_name: str, value: object) -> Entry | None:
        """The entry an editor most likely meant: `滕州` -> 滕州市, `agri` -> 农副土特产品."""
        text = str(value).strip().casefold()
        if not text:
            return None
        entries = self.entries(list_name)
        for entry in entries:  # a shortened or lengthened name is the commonest slip
            if text in entry.name.casefold() or entry.name.casefold() in text or text in entry.id:
                return entry
        keys = {entry.name.casefold(): entry for entry in entries} | {entry.id: entry for entry in entries}
        close = difflib.get_close_matches(text, list(keys), n=1, cutoff=0.5)
        return keys[close[0]] if close else None

    def unknown_message(self, list_name: str, value: object) -> str:
        title = list_titles()[list_name]
        message = f"“{value}”不在{title}列表里（见 content/taxonomy.yaml）。"
        guess = self.suggest(list_name, value)
        if guess:
            return message + f"你是不是要写“{guess.name}”？"
        entries = self.entries(list_name)
        names = "、".join(e.name for e in entries[:8])
        return message + f"可以写：{names}{'等' if len(entries) > 8 else ''}"
