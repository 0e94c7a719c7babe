"""Reaching into a record's data by field path: ("shops", 0, "platform"), with "*" in a pattern
standing for every item of a list (("shops", "*", "platform"))."""

from __future__ import annotations

from typing import Any, Iterator


def walk(data: Any, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) for every value matching pattern. A list at the end of the pattern is
    expanded into its items, and a single value stands for a list of one (`audience: 一个值`)."""
    if len(pattern) == 1 and pattern[0] != "*" and isinstance(data, dict):  # the common path, directly
        value = data.get(pattern[0])
        if value is None:
            return
        head = path + pattern
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield head + (index,), item
        else:
            yield head, value
        return
    if not pattern:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield path + (index,), item
        elif data is not None:
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from walk(item, rest, path + (index,))
        elif data is not None:
            yield from walk(data, rest, path)
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, path + (head,))


def values(data: Any, pattern: tuple) -> list[Any]:
    return [value for _, value in walk(data, pattern)]


def set_at(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def dotted(path: tuple) -> tuple:
    """ "contact.phone" -> ("contact", "phone")."""
    return tuple(path.split(".")) if isinstance(path, str) else path
