"""Controlled lists (districts, industries, …): look a value up by id or name, suggest the closest.

The lists, their Chinese names and which of them have pages of their own (a page per district,
industry and program) come from the taxonomy schema (generator/schemas/taxonomy.json)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .schemas import load_schema
from .values import invisible_note, without_invisible


@lru_cache(maxsize=1)
def list_titles() -> dict[str, str]:
    """districts -> 区县, for every controlled list, in the schema's order."""
    return {name: node["title"] for name, node in load_schema("taxonomy")["properties"].items()}


@lru_cache(maxsize=1)
def page_lists() -> dict[str, str]:
    """The lists with a page per entry (x-pages), with the heading of their index page."""
    return {name: node["x-pages"] for name, node in load_schema("taxonomy")["properties"].items() if "x-pages" in node}


# What joins two values written as one: B2C/农村电商, 淘宝+京东, 滕州市、薛城区 where one value is wanted,
# 滕州市 薛城区 (a list's own separators 、； are split by the import before a list's item gets here).
_SEVERAL = re.compile(r"\s*[/／\\|｜+＋&＆,，、；;]\s*")
_SPACED = re.compile(r"\s*(?:和|及|与)\s*|\s+")


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
        unspaced = self.get(list_name, re.sub(r"\s+", "", text))
        if unspaced:
            return unspaced
        entries = self.entries(list_name)
        for entry in entries:  # a shortened or lengthened name is the commonest slip
            if text in entry.name.casefold() or entry.name.casefold() in text or text in entry.id:
                return entry
        keys = {entry.name.casefold(): entry for entry in entries} | {entry.id: entry for entry in entries}
        close = difflib.get_close_matches(text, list(keys), n=1, cutoff=0.5)
        return keys[close[0]] if close else None

    def unknown_message(self, list_name: str, value: object, many: bool = True) -> str:
        """Why value is not in the list, and what to write: the closest entry, unless the value
        holds several (B2C/农村电商), where proposing one of them would drop the other."""
        title = list_titles()[list_name]
        pieces = [p for p in _SEVERAL.split(str(value)) if p.strip()]
        if len(pieces) < 2:  # joined by a space or 和 only when each piece is an entry (微信 小店 is 微信小店)
            pieces = [p for p in _SPACED.split(str(value)) if p.strip()]
            if not all(self.get(list_name, p) for p in pieces):
                pieces = []
        if len(pieces) > 1:
            known = [entry.name for entry in (self.get(list_name, p) for p in pieces) if entry]
            listed = "、".join(known) if len(known) == len(pieces) else "、".join(p.strip() for p in pieces)
            if not many:
                return f"“{value}”写了 {len(pieces)} 个{title}，这里只能填一个。请只留一个（{listed} 中的一个）"
            return (
                f"“{value}”是 {len(pieces)} 个{title}写在了一起，要分开写：在表格里用“、”隔开（{listed}），"
                f"在 YAML 文件里写成列表 [{', '.join(known if len(known) == len(pieces) else pieces)}]"
            ) + ("" if len(known) == len(pieces) else f"。其中有的不在{title}列表里（见 content/taxonomy.yaml）")
        hidden = invisible_note(value)
        if hidden:
            clean = self.get(list_name, without_invisible(str(value)))
            return f"“{without_invisible(str(value))}”{hidden}" + (
                f"（去掉那个字符，就是列表里的“{clean.name}”）" if clean else ""
            )
        message = f"“{value}”不在{title}列表里（见 content/taxonomy.yaml）。"
        guess = self.suggest(list_name, value)
        if guess:
            return message + f"你是不是要写“{guess.name}”？"
        entries = self.entries(list_name)
        names = "、".join(e.name for e in entries[:8])
        return message + f"可以写：{names}{'等' if len(entries) > 8 else ''}"
