"""The fast path of `check` (yaml-rs + jsonschema-rs) may only ever say "this file is fine" where
the careful path (PyYAML + jsonschema, with the messages) says so too, with the same data."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import RECORDS as SAMPLES
from conftest import ROOT, TODAY

from generator.content.fastpath import fast_load
from generator.content.registry import BY_FOLDER, BY_NAME
from generator.content.validate import check_content, check_loaded, load_record, load_settings

TAXONOMY, _, _ = load_settings(ROOT / "content")
BAD = Path(__file__).parent / "bad"


def both_paths(path: Path, type_name: str):
    """(fast record or None, careful record or None): each only when its path finds no problem."""
    from generator.content.validate import _bad_file_name

    record_type = BY_NAME[type_name]
    loaded = None if _bad_file_name(path) else fast_load(path, type_name)
    fast = None
    if loaded is not None:
        record, problems = check_loaded(record_type, path, loaded, TAXONOMY, ROOT / "content", [])
        fast = None if problems else record
    record, _, problems = load_record(record_type, path, TAXONOMY, ROOT / "content")
    careful = None if problems else record
    return fast, careful


def agree(path: Path, type_name: str) -> None:
    fast, careful = both_paths(path, type_name)
    if fast is not None:
        assert careful is not None, f"fast path accepted what the careful path refuses: {path.read_text('utf-8')!r}"
        assert fast.fields == careful.fields, path.read_text("utf-8")


def shipped():
    for type_name in BY_NAME:
        folder = ROOT / "content" / BY_NAME[type_name].folder
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            yield pytest.param(path, type_name, id=f"{type_name}/{path.stem}")


@pytest.mark.parametrize("path, type_name", list(shipped()))
def test_shipped_records_take_the_fast_path_with_the_same_data(path, type_name):
    fast, careful = both_paths(path, type_name)
    assert careful is not None and fast is not None, path
    assert fast.fields == careful.fields


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*--*.yaml")))
def test_the_corpus_of_mistakes_never_passes_the_fast_path(name):
    type_name = name.split("--")[0]
    fast, careful = both_paths(BAD / name, type_name)
    assert fast is None or careful is not None


# Values the two YAML versions read differently, or that the careful path treats specially.
TRICKY = [
    "017",
    "08",
    "0o17",
    "1e3",
    "1.5e3",
    ".5e3",
    "1_000",
    "1:20",
    "yes",
    "No",
    "on",
    "True",
    "~",
    "null",
    "0x1F",
    "0b11",
    "1_0",
    "1,000",
    ".nan",
    "-.inf",
    "1e400",
    "1.0e400",
    "+25:00",
    "9999-12-31T23:00:00Z",
    "2026-12-05T09:00:00+25:00",
    "滕州\u00a0市",
    "０６３２－５５５１２３４",
    "+5",
    "-0",
    ".inf",
    "'80'",
    '"80"',
    "８０",
    "80.0",
    "2014-01-02",
    "2014-1-2",
    "2027-04-02T01:00:00Z",
    "&a x",
    "*a",
    "!!str 5",
    "“引号”",
    "'“引号”'",
    "district：滕州",
    "0632-5551234",
    "06325551234",
    "x # c",
    "[1, 017]",
    "{a: 08}",
    "|\n  正文\n",
    ">\n  折叠\n",
    "'a\\tb'",
    '"a\\tb"',
    "\u3000",
    "' '",
    "",
    "- a\n- b",
]
RECORDS = {folder: sample for folder, sample, _ in SAMPLES.values()}  # one of each type


def field_paths(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield path + (key,)
            yield from field_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from field_paths(value, path + (index,))


@pytest.mark.parametrize("folder", sorted(RECORDS))
def test_tricky_values_in_every_field_never_make_the_paths_disagree(tmp_path, folder):
    """Every tricky value in every field of a full record: wherever the fast path says fine, the
    careful path agrees and reads the same data (and the fast path does say fine for some)."""
    marker = "TRICKY-VALUE-HERE"
    accepted = 0
    for target in [p for p in field_paths(RECORDS[folder]) if not isinstance(p[-1], int)]:
        record = copy.deepcopy(RECORDS[folder])
        parent = record
        for part in target[:-1]:
            parent = parent[part]
        parent[target[-1]] = marker
        template = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        for tricky in TRICKY:
            path = tmp_path / f"{folder}-fuzz.yaml"
            path.write_text(template.replace(f"'{marker}'", marker).replace(marker, tricky), encoding="utf-8")
            fast, careful = both_paths(path, BY_FOLDER[folder].name)
            if fast is not None:
                accepted += 1
                assert careful is not None, f"fast path accepted what the careful path refuses: {path.read_text('utf-8')!r}"
                assert fast.fields == careful.fields, path.read_text("utf-8")
    assert accepted > 20  # the comparison means something


def test_a_large_check_uses_every_core_and_finds_the_same(tmp_path, monkeypatch):
    import generator.content.validate as validate

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for index in range(30):  # more files than the threshold (lowered below), one of them wrong
        original = (ROOT / "content" / "enterprises" / "tengzhou-lunan-nongpin.yaml").read_text(encoding="utf-8")
        (content / "enterprises" / f"copy-{index:03d}.yaml").write_text(  # each its own (the same record twice is refused)
            original.replace("summary: 把", f"summary: 第 {index} 份：把"), encoding="utf-8"
        )
    (content / "enterprises" / "copy-007.yaml").write_text(
        "name: 甲\ndistrict: 滕州\nindustry: 农副土特产品\nsummary: 简介\n", encoding="utf-8"
    )
    serial = check_content(content, TODAY)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 10)
    parallel = check_content(content, TODAY)
    assert [p.format() for p in parallel.problems] == [p.format() for p in serial.problems]
    assert len(serial.problems) == 1 and "copy-007.yaml:2:" in serial.problems[0].format()
