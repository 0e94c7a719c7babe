"""`new TYPE ID`: write a record template with a Chinese comment on every field.

The comments come from the JSON Schema titles and descriptions, so they never drift from
what `check` enforces. The first line lets VS Code's YAML extension validate while typing.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import SECTIONS
from .schema import SCHEMA_DIR, load_schema, schema_at
from .validate import ID_PATTERN

TEMPLATES = Path(__file__).parent / "templates" / "new"


class ScaffoldError(Exception):
    pass


def _comment(kind: str):
    def comment(dotted: str) -> str:
        path = tuple(dotted.split("."))
        node = schema_at(kind, path)
        required = path[-1] in schema_at(kind, path[:-1]).get("required", [])
        text = node.get("title", path[-1])
        if node.get("description"):
            text += f"：{node['description']}"
        return f"# {text}{'（必填）' if required else '（选填，不用可删去）'}"
    return comment


def new_record(content_dir: Path, kind: str, record_id: str) -> Path:
    if not ID_PATTERN.match(record_id):
        raise ScaffoldError(f"编号“{record_id}”不合规：只能用小写英文字母、数字和连字符（-），3 到 64 个字符，如 tengzhou-nongpin")
    folder = Path(content_dir) / SECTIONS[kind]
    target = folder / f"{record_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} 已经存在，没有改动它。请换一个编号")
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True)
    schema_path = os.path.relpath(SCHEMA_DIR / f"{kind}.json", folder.resolve()).replace(os.sep, "/")
    text = env.get_template(f"{kind}.yaml.j2").render(
        c=_comment(kind), schema_path=schema_path, title=load_schema(kind)["title"],
        today=dt.date.today().isoformat(), id=record_id)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
