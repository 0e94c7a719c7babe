"""The one way the generator reads a file an editor controls: YAML records and settings, images,
news posts, sheets. Only regular files are read (a FIFO named *.yaml would hang the check, a link
to /dev/zero would fill the memory), their size is known before a byte is read, a file reached
through a link must lie inside the project (content/media linked to / must not publish the
system's files), and YAML's nesting is measured on the text before a parser recurses into it.

Every refusal is a `Refused` whose message is one Chinese sentence for the editor; the caller
adds the file's name (as a Problem or a sheet message)."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

MAX_DEPTH = 32  # records nest four or five levels; libyaml's composer overflows the C stack near 100,000


class Refused(Exception):
    """A file that is not read; the message says what was found, in Chinese."""


_KINDS = (
    (stat.S_ISDIR, "文件夹"),
    (stat.S_ISFIFO, "命名管道（FIFO），不是普通文件"),
    (stat.S_ISSOCK, "套接字（socket），不是普通文件"),
    (stat.S_ISCHR, "设备文件（字符设备），不是普通文件"),
    (stat.S_ISBLK, "设备文件（块设备），不是普通文件"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "特殊文件，不是普通文件")


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def inside(path: Path | str, root: Path | str) -> bool:
    """Whether path, every link followed, lies in root (every link followed)."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def check_regular(path: Path | str, limit: int, root: Path | str | None = None, folder_inside: bool = False) -> os.stat_result:
    """The file's status, when it may be read: a regular file of at most limit bytes (inside root,
    links followed, when a root is given). Never opens it. folder_inside: the caller knows the
    file's folder lies in root, so only a link of the file itself is followed (a check of 12,500
    files resolves each folder once, not each file's path: realpath costs a system call per part)."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        raise Refused("找不到这个文件") from None
    except OSError as err:
        raise Refused(f"无法读取这个文件（{err.strerror}）") from None
    try:
        status = os.stat(path) if stat.S_ISLNK(link.st_mode) else link
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Refused("它是一个绕回自己的链接（快捷方式），指不到任何文件。请放入文件本身") from None
        raise Refused(f"它是一个断开的链接（指向的“{os.path.realpath(path)}”不存在）。请放入文件本身") from None
    if not stat.S_ISREG(status.st_mode):
        if stat.S_ISLNK(link.st_mode):
            raise Refused(f"它是指向“{os.path.realpath(path)}”的链接，那是{_kind(status.st_mode)}，不能读取。请换成真正的文件")
        raise Refused(f"它是{_kind(status.st_mode)}，不能读取。请换成真正的文件")
    if root is not None and (stat.S_ISLNK(link.st_mode) or not folder_inside) and not inside(path, root):
        raise Refused(f"它指向项目以外的“{os.path.realpath(path)}”，不能使用。请把文件本身复制到项目里，不要用链接（快捷方式）")
    if status.st_size > limit:
        raise too_big(status.st_size, limit)
    return status


def too_big(size: int, limit: int) -> Refused:
    return Refused(f"文件太大（{_size_text(size)}，上限 {_size_text(limit)}）。请检查是否选错了文件或粘贴了多余内容")


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _open(path: Path | str, limit: int) -> int:
    """A descriptor of the file, opened without blocking and checked again on the open handle (a
    file swapped for a FIFO after check_regular cannot hang the reader)."""
    try:
        descriptor = os.open(path, _FLAGS)
    except OSError as err:
        raise Refused(f"无法读取这个文件（{err.strerror}）") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
        os.close(descriptor)
        raise Refused("文件在读取时被换成了别的东西，请再运行一次")
    return descriptor


def open_regular(path: Path | str, limit: int, root: Path | str | None = None, folder_inside: bool = False) -> BinaryIO:
    """The file opened for reading, after check_regular."""
    check_regular(path, limit, root, folder_inside)
    descriptor = _open(path, limit)
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_bytes(path: Path | str, limit: int, root: Path | str | None = None, folder_inside: bool = False) -> bytes:
    """The file's bytes, if it is a regular file of at most limit bytes (inside root, if given)."""
    size = check_regular(path, limit, root, folder_inside).st_size
    descriptor = _open(path, limit)
    try:
        chunks, total = [], 0
        while True:  # a regular file: read until its end (it may have grown since its size was taken)
            chunk = os.read(descriptor, max(size, 65536) + 1)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Refused(f"文件太大（上限 {_size_text(limit)}）。请检查是否选错了文件或粘贴了多余内容")
    finally:
        os.close(descriptor)
    return b"".join(chunks)


# A line starting with many spaces, dashes or question marks: the only way block YAML nests deep.
_DEEP_LINE = re.compile(r"^[ ?-]{64,}", re.MULTILINE)


def nesting_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether YAML text nests lists and mappings more than limit levels deep, found before any
    recursive parser sees it. Nearly every file is cleared by counting brackets and looking for a
    deeply indented line; the rest are measured exactly with libyaml's events (an iterative
    parser that keeps no C stack per level) and stop at the first level too deep."""
    if text.count("[") + text.count("{") <= limit and not _DEEP_LINE.search(text):
        return False  # at most limit flow levels plus ~128 block levels: safe for every parser
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, opening):
                depth += 1
                if depth > limit:
                    return True
            elif isinstance(event, closing):
                depth -= 1
    except yaml.YAMLError:
        return False  # a syntax error before the limit: the loader reports it
    return False


TOO_DEEP = f"内容嵌套层次太深（列表或“字段: 内容”套了超过 {MAX_DEPTH} 层），无法处理。请检查是否粘贴了多余的括号或内容"
