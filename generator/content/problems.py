"""A Problem is one mistake in the content, reported to an editor in Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters from a broken file must not break the one-line-per-problem output.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _visible(text: str) -> str:
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int = 0
    column: int = 0
    field: str = ""  # "district（所在区县）" or "" for a whole-file problem
    message: str = ""

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        field = f" {_visible(self.field)}:" if self.field else ""
        return f"{_visible(where)}:{field} {_visible(self.message)}"


class ContentError(Exception):
    """Raised by build steps when content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} 个问题")
        self.problems = sorted(problems)


def summary_line(problems: list[Problem]) -> str:
    files = len({p.file for p in problems})
    return f"共发现 {len(problems)} 个问题，涉及 {files} 个文件。请逐条修改后再运行检查。"
