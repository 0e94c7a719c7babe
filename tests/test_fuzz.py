"""Whatever an editor (or an attacker) saves, `check` only ever reports problems: it never crashes.
Every record type of the registry is fuzzed (a new type is covered the day it is added)."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import RECORDS, ROOT, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.model import relations
from generator.content.registry import TYPES
from generator.content.validate import check_content

FOLDERS = [t.folder for t in TYPES]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "滕州",
            "2027-02-30",
            "9:00",
            "13812345678",
            "<script>",
            "../x.jpg",
            "javascript:alert(1)",
            "yes",
            "~",
            "9999-12-31T23:00:00Z",
            "2026-12-05T09:00:00+25:00",
            "滕州\u200b市",
            "<font color=red>x</font>",
            "B2C/农村电商",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20,
)


def check_bytes(kind_folder: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        for name in ("taxonomy.yaml", "targets.yaml"):
            shutil.copy(ROOT / "content" / name, content / name)
        (content / kind_folder).mkdir()
        (content / kind_folder / "fuzzed-record.yaml").write_bytes(data)
        result = check_content(content, TODAY)
    assert (result.site is None) == bool(result.problems)
    for problem in result.problems:
        line = problem.format()
        assert line.startswith(str(problem.file)) and "\n" not in line
    return result


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(FOLDERS))
def test_random_bytes(data, folder):
    check_bytes(folder, data)


@FUZZ
@given(values, st.sampled_from(FOLDERS))
def test_random_yaml(value, folder):
    check_bytes(folder, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@st.composite
def mutated_record(draw):
    record_type = draw(st.sampled_from(TYPES))
    folder, base, _ = RECORDS[record_type.name]
    record = copy.deepcopy(base)
    for path, _ in relations(record_type.name):
        record.pop(path[0], None)  # no record in the fuzz tree to point at
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(sorted(record) + ["extra_field"]))
        action = draw(st.sampled_from(["replace", "delete", "nest"]))
        if action == "delete":
            record.pop(key, None)
        elif action == "replace":
            record[key] = draw(values)
        else:
            record[key] = {"inner": record.get(key)}
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):  # and a typo somewhere in the text itself
        at = draw(st.integers(0, max(0, len(text) - 1)))
        slips = [
            "\t",
            ":",
            "- ",
            '"',
            "&a ",
            "*a",
            "{",
            "\n  ",
            "\u00a0",
            "\ufeff",
            "\x0b",
            "[" * 5000,
            "- " * 3000,
            "017",
            ".nan",
        ]
        text = text[:at] + draw(st.sampled_from(slips)) + text[at:]
    return folder, text.encode("utf-8")


@FUZZ
@given(mutated_record())
def test_mutations_of_valid_records(case):
    folder, data = case
    check_bytes(folder, data)


def test_every_record_type_has_a_record_to_mutate():
    assert {t.name for t in TYPES} <= set(RECORDS)
