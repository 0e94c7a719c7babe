"""Whatever an editor (or an attacker) saves, `check` only ever reports problems: it never crashes."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import CASE, ENTERPRISE, ROOT, TODAY, TRAINING
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.validate import check_content

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["滕州", "2027-02-30", "9:00", "13812345678", "<script>", "../x.jpg", "javascript:alert(1)", "yes", "~"]),
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
@given(st.binary(max_size=400), st.sampled_from(["enterprises", "cases", "trainings"]))
def test_random_bytes(data, folder):
    check_bytes(folder, data)


@FUZZ
@given(values, st.sampled_from(["enterprises", "cases", "trainings"]))
def test_random_yaml(value, folder):
    check_bytes(folder, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@st.composite
def mutated_record(draw):
    folder, base = draw(st.sampled_from([("enterprises", ENTERPRISE), ("cases", CASE), ("trainings", TRAINING)]))
    record = copy.deepcopy(base)
    record.pop("enterprise", None)  # no enterprise in the fuzz tree to point at
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
        text = text[:at] + draw(st.sampled_from(["\t", ":", "- ", '"', "&a ", "*a", "{", "\n  "])) + text[at:]
    return folder, text.encode("utf-8")


@FUZZ
@given(mutated_record())
def test_mutations_of_valid_records(case):
    folder, data = case
    check_bytes(folder, data)
