"""`new TYPE ID`: write a record template with a Chinese comment on every field.

The template is made from the type's JSON Schema: its titles and descriptions become the comments
(so they never drift from what `check` enforces) and its `examples` the values; a field without
an example is left empty (an empty field counts as not filled in). Lists of sub-records get a
commented example item. The first line lets VS Code's YAML extension validate while typing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from .registry import BY_NAME, RecordType
from .schemas import SCHEMA_DIR, load_schema, schema_at
from .validate import ID_PATTERN


class ScaffoldError(Exception):
    pass


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if "\n" in text:
        return None  # written as a block by the caller
    return json.dumps(text, ensure_ascii=False) if any(c in text for c in ":#'\"[]{}") or text[:1] in "-?*&!|>%@`" else text


def _comment(name: str, path: tuple, required: bool) -> str:
    node = schema_at(name, path)
    text = node.get("title", str(path[-1]))
    if node.get("description"):
        text += f"：{node['description']}"
    return f"# {text}{'（必填）' if required else '（选填，不用可删去）'}"


def _example(node: dict, today: dt.date) -> Any:
    """The schema's first example ({today} in it stands for the date the template is made)."""
    if node.get("examples"):
        example = node["examples"][0]
        return example.replace("{today}", today.isoformat()) if isinstance(example, str) else example
    if node.get("x-format") == "date":
        return today.isoformat()
    if node.get("x-format") == "datetime":
        return f"{today.isoformat()} 09:00"
    return None


def _lines(name: str, path: tuple, node: dict, indent: str, today: dt.date, chain_required: bool = True) -> list[str]:
    """The lines for the object at path: a comment and a value for each of its fields. Only required
    fields get an example value (a valid one, so the new draft passes `check`); optional ones stay
    empty, so nothing made up is published if the editor skips them."""
    out: list[str] = []
    required = set(node.get("required", []))
    for key in node.get("properties", {}):
        if key == "redirect_from":  # only for renamed records; the README explains it
            continue
        child = schema_at(name, path + (key,))
        needed = chain_required and key in required
        kind = child.get("type") or ("array" if any(o.get("type") == "array" for o in child.get("anyOf", [])) else "")
        example = _example(child, today) if needed else None
        if kind == "object" and child.get("x-format") == "image" and not needed:
            out.append(f"{indent}{_comment(name, path + (key,), False)}")
            out += _item_example(name, path + (key,), child, indent, today, as_list=False)
            continue
        out.append(f"{indent}{_comment(name, path + (key,), needed)}")
        if kind == "object":
            out.append(f"{indent}{key}:")
            out += _lines(name, path + (key,), child, indent + "  ", today, needed)
        elif kind == "array":
            items = schema_at(name, path + (key, 0))
            if items.get("type") == "object":
                out.append(f"{indent}{key}: []")
                out += _item_example(name, path + (key, 0), items, indent, today)
            elif example is not None:
                out.append(f"{indent}{key}:")
                out.append(f"{indent}  - {_scalar(example)}")
            else:
                out.append(f"{indent}{key}: []")
        elif key == "draft" and not path:
            out.append(f"{indent}draft: true")
        elif example is None:
            out.append(f"{indent}{key}:")
        elif isinstance(example, str) and "\n" in example:
            out.append(f"{indent}{key}: |")
            out += [f"{indent}  {line}" for line in example.rstrip("\n").split("\n")]
        else:
            out.append(f"{indent}{key}: {_scalar(example)}")
    return out


def _item_example(name: str, path: tuple, node: dict, indent: str, today: dt.date, as_list: bool = True) -> list[str]:
    """A commented example of a sub-record: `#  - title: …   # 认定名称（必填）` for an item of a
    list, `#  photo:` and its fields for an optional picture."""
    out = [] if as_list else [f"{indent}# {path[-1]}:"]
    for index, key in enumerate(node.get("properties", {})):
        child = schema_at(name, path + (key,))
        if child.get("type") == "object":
            continue
        example = _example(child, today)
        value = _scalar(example) if example is not None else ""
        bullet = ("- " if index == 0 else "  ") if as_list else "  "
        text = f"{indent}#  {bullet}{key}: {value}"
        out.append(f"{text:<40} {_comment(name, path + (key,), key in node.get('required', []))}")
    return out


def scaffold_text(record_type: RecordType, folder: Path, today: dt.date) -> str:
    schema = load_schema(record_type.name)
    schema_path = os.path.relpath(SCHEMA_DIR / f"{record_type.name}.json", folder.resolve()).replace(os.sep, "/")
    head = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# 新{schema['title']}：按每个字段上方的说明填写。“#”开头的行是说明，不会发布。",
        "# 选填的字段冒号后面空着就是不填；不用的也可以整行删去。",
        "# 填好后删去最后的“draft: true”，再运行 python -m generator check 检查。",
        "",
    ]
    body = _lines(record_type.name, (), schema, "", today)
    # draft goes last, where the header says it is
    if "draft: true" in body:
        at = body.index("draft: true")
        body = body[: at - 1] + body[at + 1 :] + body[at - 1 : at + 1]
    return "\n".join(head + body) + "\n"


def new_record(content_dir: Path, type_name: str, record_id: str, today: dt.date | None = None) -> Path:
    if not ID_PATTERN.match(record_id):
        raise ScaffoldError(
            f"编号“{record_id}”不合规：只能用小写英文字母、数字和连字符（-），3 到 64 个字符，如 tengzhou-nongpin"
        )
    record_type = BY_NAME[type_name]
    folder = Path(content_dir) / record_type.folder
    target = folder / f"{record_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} 已经存在，没有改动它。请换一个编号")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold_text(record_type, folder, today or dt.date.today()), encoding="utf-8")
    return target
