"""A corpus of files editors really get wrong (tests/bad/), each with the one message it must produce."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS, TODAY

from generator.content.validate import check_content

BAD = Path(__file__).parent / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


def test_corpus_is_complete():
    files = {p.name for p in BAD.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED) and len(files) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gets_one_clear_message(content, name):
    expected = EXPECTED[name]
    kind, record_id = name.removesuffix(".yaml").split("--")
    content.write_all()
    target = content.root / RECORDS[kind][0] / f"{record_id}.yaml"
    shutil.copy(BAD / name, target)

    result = check_content(content.root, TODAY)
    assert result.site is None
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    problem = result.problems[0]
    assert problem.file.endswith(f"{RECORDS[kind][0]}/{record_id}.yaml")
    assert (problem.line, problem.field) == (expected["line"], expected["field"]), problem.format()
    for words in expected["says"]:
        assert words in problem.message, (words, problem.format())
    # one line, Chinese, file:line first: what an editor reads
    assert "\n" not in problem.format() and "Traceback" not in problem.format()
