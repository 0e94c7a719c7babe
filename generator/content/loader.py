"""Read YAML files safely, keeping the line and column of every value.

Everything an editor can get wrong while typing YAML becomes a Problem here; nothing
raises. Dates are left as strings (the timestamp resolver is removed) so that validation
can parse them and report impossible dates such as 2027-02-30 in Chinese.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import files
from .problems import Problem

# Records are a page of text; anything bigger is a mistake (or an attack).
MAX_BYTES = 512 * 1024
MAX_NODES = 50_000

try:  # libyaml's C parser when present: several times faster on large trees
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Loaded:
    """One YAML file: its data and where each value sits (path -> (line, column))."""

    file: str
    data: Any = None
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # The text as typed of scalars YAML turned into numbers or booleans: `phone: 06321234567`
    # or `when: 9:00` (YAML 1.1 reads that as 540) must stay text where the schema wants text.
    typed_text: dict[tuple, str] = field(default_factory=dict)

    def where_in(self, path: tuple, text: str, offset: int) -> tuple[int, int]:
        """Line and column of the character at offset inside the text value at path."""
        line, column = self.where(path)
        if "\n" in text:  # a block of text (`|`) starts on the line after its key
            line += text.count("\n", 0, offset) + (0 if text.startswith("\n") else 1)
        return line, column

    def where(self, path: tuple) -> tuple[int, int]:
        """Line and column of the value at path, or of its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def display_path(path: Path) -> str:
    """The path as an editor should see it: relative to where they ran the command."""
    text, here = str(path), os.getcwd() + os.sep
    if text.startswith(here):  # the usual path, without relpath's cost (it runs for every file)
        return text[len(here) :]
    if not os.path.isabs(text) and ".." not in text:
        return text
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return text
    # A file outside the folder they are in (a sheet in /tmp or the downloads folder) is shown as the
    # whole path, not as ../../../tmp/…
    return text if os.path.isabs(text) and relative.startswith("..") else relative


_SYNTAX_HINTS = [
    ("'\\t'", "这里有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成两个空格"),
    ("mapping values are not allowed", "这一行的冒号位置不对：如果内容里本身有“: ”，请给整段内容加上英文引号；否则请检查缩进"),
    ("could not find expected ':'", "这一行缺少英文冒号“:”，或者缩进不对"),
    ("did not find expected key", "缩进不对：同一层的字段要左边对齐"),
    ("did not find expected '-'", "列表缩进不对：同一列表的每一项“- ”要左边对齐"),
    ("found unexpected end of stream", "引号没有配对：请检查这一段的引号是否成对"),
    ("found unknown escape character", "双引号里的反斜杠“\\”用法不对：请改用单引号，或去掉反斜杠"),
    (
        "expected a single document",
        "一个文件只能写一条记录，这一行的“---”把文件分成了两份。请删去这一行；另一条记录请另存为一个文件",
    ),
    ("found undefined alias", "不支持“*”别名写法，请直接写出内容"),
    ("found character '@'", "内容不能以 @ 或 ` 开头，请给整段内容加上英文引号"),
    ("found character '`'", "内容不能以 @ 或 ` 开头，请给整段内容加上英文引号"),
]


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return hint
    return f"YAML 格式错误，请检查这一行的缩进、冒号和引号（{(error.problem or '').strip()}）"


# Mistakes a Chinese input method makes that YAML reports far from where they are, or not at all.
FULL_WIDTH_COLON = "字段名后面用了中文冒号“：”。请改成英文冒号加一个空格“: ”"
FULL_WIDTH_INDENT = "这一行用全角空格缩进了。YAML 只能用半角空格缩进，请把行首的全角空格换成两个半角空格"
CURLY_QUOTES = (
    '内容两边用了中文引号。如果只是想把内容括起来，请去掉引号或改成英文引号 "…"；'
    "如果要在页面上显示这对引号，请在外面再加一层英文单引号，如 '“人人开网店”'"
)
# `name：滕州…` or `- platform：淘宝`: a field name (lowercase, as every field is) and a full-width colon.
_KEY_WITH_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[a-z][a-z0-9_]*\s*：")
_CURLY_OPEN, _CURLY_CLOSE = "“‘＂＇", "”’＂＇"


def _wrapped_in_curly_quotes(text: str) -> bool:
    """“滕州” as a whole value (an input method's quotes where YAML quotes were meant);
    “网店”和“微店” is a legitimate value and is not flagged."""
    text = text.strip()
    return (
        len(text) >= 2
        and text[0] in _CURLY_OPEN
        and text[-1] in _CURLY_CLOSE
        and not any(c in _CURLY_OPEN + _CURLY_CLOSE for c in text[1:-1])
    )


def _field_on(text: str) -> str:
    """The field name a line starts with (`  - platform: …` -> platform), or ""."""
    match = re.match(r"^[\s\u3000]*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[:：]", text)
    return match.group(1) if match else ""


def _input_method_slip(lines: list[str], line: int) -> tuple[int, str, str] | None:
    """For a syntax error reported at line (1-based): the line, field and message of the slip
    that caused it, when it is one of the input-method mistakes above."""
    for number in range(min(line, len(lines)), 0, -1):
        if _KEY_WITH_FULL_WIDTH_COLON.match(lines[number - 1]):
            return number, _field_on(lines[number - 1]), FULL_WIDTH_COLON
    for number in (line, line - 1):
        if 0 < number <= len(lines):
            text = lines[number - 1]
            indent = text[: len(text) - len(text.lstrip(" \t\u3000"))]
            if "\u3000" in indent:
                return number, _field_on(text), FULL_WIDTH_INDENT
            value = text.split(": ", 1)[1] if ": " in text else text.lstrip(" -")
            first = value.strip()[:1]
            if first and first in _CURLY_OPEN:  # ("" is "in" every string: a line of `---` has no value)
                return number, _field_on(text), CURLY_QUOTES
    return None


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK/ANSI 编码（Windows 记事本的老默认）。"
        except UnicodeDecodeError:
            pass
        return None, Problem(file, line, 0, "", f"文件不是 UTF-8 编码。{guess}请用编辑器“另存为”，编码选 UTF-8 后保存")


# Characters PyYAML refuses (control characters) or misreads (a BOM inside the file, a no-break space
# where YAML wants a space): found on the text first, so that the message names their line and what
# they are, instead of an indentation error on another line or libyaml's English.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_CONTROL_NAMES = {
    "\x0b": "垂直制表符（从 Word 粘贴“手动换行”时带进来的）",
    "\x0c": "换页符（从 Word 粘贴“分页”时带进来的）",
    "\x00": "空字符",
    "\ufeff": "BOM 标记 U+FEFF（把两个文件拼在一起，或从别处粘贴时带进来的）",
}
# a no-break space in an indentation, before or right after a field name's colon, or after a list's dash
_NBSP_AS_SYNTAX = re.compile(
    r"^[ \u00a0]*\u00a0|^[ ]*(?:-[ \u00a0]+)*[A-Za-z_][A-Za-z0-9_]*[ ]*\u00a0*(?:\u00a0[ ]*:|:\u00a0)|^[ ]*-\u00a0",
    re.MULTILINE,
)


def _odd_characters(text: str, file: str) -> list[Problem]:
    problems = []

    def where(position: int) -> tuple[int, int]:
        return text.count("\n", 0, position) + 1, position - text.rfind("\n", 0, position)

    refused = _REFUSED.search(text)
    if refused:
        character = refused.group()
        name = _CONTROL_NAMES.get(character, f"控制字符 U+{ord(character):04X}")
        line, column = where(refused.start())
        problems.append(
            Problem(
                file,
                line,
                column,
                _field_on(text.split("\n")[line - 1].replace(character, "")),
                f"这一行有一个看不见的{name}。请删掉它（把光标放在它前后用删除键），再保存",
            )
        )
    return problems


NBSP = (
    "这一行的缩进或冒号前后用了不间断空格（U+00A0，从网页或 Word 复制时常带进来），"
    "看起来和空格一样，YAML 却不认。请删掉它，换成普通的半角空格"
)


def _nbsp_slip(text: str, line: int) -> tuple[int, int, str] | None:
    """For a syntax error at line: the line, column and field of a no-break space where YAML wants a
    space (an indentation, around a field name's colon, after a list's dash), at or before it. Only
    asked when YAML failed: in a body, a no-break space is text (a pasted paragraph's indent)."""
    found = None
    for match in _NBSP_AS_SYNTAX.finditer(text):
        number = text.count("\n", 0, match.start()) + 1
        if number > max(line, 1):
            break
        column = match.end() - text.rfind("\n", 0, match.end() - 1) - 1
        found = (number, column, _field_on(text.split("\n")[number - 1].replace("\u00a0", " ")))
    return found


class _Walker:
    """Turns a composed node tree into plain data, recording positions and refusing tricks."""

    def __init__(self, loader: _Loader, loaded: Loaded):
        self.loader = loader
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def problem(self, node: yaml.Node, message: str, field_name: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.loaded.file, mark.line + 1, mark.column + 1, field_name, message))

    def walk(self, node: yaml.Node, path: tuple, at: yaml.Node | None = None) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig()
        if id(node) in self.seen:
            # The same node twice means an alias (*name): refused, which also defuses alias bombs.
            self.problem(at or node, "不支持锚点和别名（& 和 *）写法，请把内容直接写出来")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.loaded.positions[path + (index,)] = (child.start_mark.line + 1, child.start_mark.column + 1)
                items.append(self.walk(child, path + (index,)))
            return items
        try:
            value = self.loader.construct_object(node)
            if not isinstance(value, str) and not node.style:  # plain (unquoted) scalar
                self.loaded.typed_text[path] = node.value
            if isinstance(value, str) and not node.style:
                self._check_plain_text(node, value, path)
            return value
        except yaml.YAMLError:
            self.problem(node, "这个值写法不对，请加上英文引号当作文字")
            return None

    def _check_plain_text(self, node: yaml.ScalarNode, value: str, path: tuple) -> None:
        field_name = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        if _KEY_WITH_FULL_WIDTH_COLON.match(value) and (not path or isinstance(path[-1], int)):
            self.problem(node, FULL_WIDTH_COLON, _field_on(value))
        elif _wrapped_in_curly_quotes(value):
            self.problem(node, CURLY_QUOTES, field_name)

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "不支持“<<”合并写法，请把内容直接写出来")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "字段名写法不对：字段名后面要跟英文冒号和空格，如“name: 内容”")
                continue
            key = key_node.value  # field names are text, whatever they look like
            if "\u00a0" in key and key.strip(" \u00a0") and "\u00a0" not in key.strip(" \u00a0"):
                self.problem(key_node, NBSP, key.strip(" \u00a0"))
                continue
            if key[:1] in ("\u3000", "\t"):
                self.problem(key_node, FULL_WIDTH_INDENT if key[0] == "\u3000" else _SYNTAX_HINTS[0][1], key.strip(" \t\u3000"))
                continue
            if key in result:
                first = self.loaded.positions.get(path + (key,), (0, 0))[0]
                self.problem(key_node, f"字段重复：第 {first} 行已经写过一次。请删掉其中一个", key)
                continue
            self.loaded.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.walk(value_node, path + (key,), key_node)
        return result


class _TooBig(Exception):
    pass


def load_yaml(path: Path, raw: bytes | None = None, root: Path | None = None) -> tuple[Loaded, list[Problem]]:
    """Load one YAML file (raw: its bytes, when already read through files.read_bytes; root: the
    folder a link may point into). Returns the data (None when unusable) and every problem found."""
    loaded = Loaded(display_path(path))
    file = loaded.file
    if raw is None:
        try:
            raw = files.read_bytes(path, MAX_BYTES, root)
        except files.Refused as refused:
            return loaded, [Problem(file, 0, 0, "", str(refused))]
    elif len(raw) > MAX_BYTES:
        return loaded, [Problem(file, 0, 0, "", str(files.too_big(len(raw), MAX_BYTES)))]
    text, problem = _decode(raw, file)
    if problem:
        return loaded, [problem]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return loaded, [Problem(file, 1, 0, "", "文件是空的。请填写内容，或者删除这个文件")]
    odd = _odd_characters(text, file)
    if odd:
        return loaded, odd
    if files.nesting_too_deep(text):
        return loaded, [Problem(file, 0, 0, "", files.TOO_DEEP)]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return loaded, [Problem(file, 1, 0, "", "文件是空的。请填写内容，或者删除这个文件")]
        walker = _Walker(loader, loaded)
        try:
            data = walker.walk(node, ())
        except _TooBig:
            return loaded, [Problem(file, 0, 0, "", "文件内容层次或条目过多，无法处理。请检查是否粘贴了多余内容")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = _syntax_message(err)
        if "end of stream" in (err.problem or "") and "quoted scalar" in (err.context or "") and err.context_mark:
            line, column = err.context_mark.line + 1, err.context_mark.column + 1  # where the quote opened
            message = "这一行的引号没有配对：开头有引号，后面直到文件末尾都没有结尾的引号。请在这段内容的末尾补上同样的引号，或者去掉开头的引号"
        lines = text.splitlines()
        slip = _input_method_slip(lines, line)
        field_name = ""
        nbsp = _nbsp_slip(text, line) if "\u00a0" in text else None
        if nbsp:
            line, column, field_name = nbsp
            message = NBSP
        elif slip:
            line, field_name, message = slip
            column = 0
        elif 0 < line <= len(lines) and "\t" in lines[line - 1]:
            message = _SYNTAX_HINTS[0][1]
        return loaded, [Problem(file, line, column, field_name, message)]
    except yaml.YAMLError as err:  # e.g. a reader error on control characters
        return loaded, [Problem(file, 0, 0, "", f"文件里有无法识别的字符，请删除后重试（{err}）")]
    finally:
        loader.dispose()
    loaded.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if walker.problems:
        return loaded, walker.problems
    if not isinstance(data, dict):
        return loaded, [Problem(file, 1, 1, "", "文件最外层应该是“字段: 内容”的形式，每行一个字段，不能是列表或单独一段文字")]
    loaded.data = data
    return loaded, []
