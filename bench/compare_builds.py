"""Is the site the code of the working tree builds byte for byte the site an earlier commit builds?

    python bench/compare_builds.py                        # against 6f5584d, shipped + synthetic content
    python bench/compare_builds.py --base HEAD~3 --enterprises 10000 --cases 2000 --trainings 500

For each content (the shipped content/, and bench/synth.py's synthetic records) it builds the site
twice with `python -m generator build --today DATE`: once with the code of the commit (extracted by
`git archive`), once with the code of the working tree, each in a scratch project under
bench/out/compare/ (copies of mkdocs.yml, overrides/, generator/, the hand-written docs/ and the
content), each with its own empty check cache, both on this machine's installed dependencies. Then
it compares the two site folders file by file and prints what differs. Exit 0 when every content
gives identical sites, 1 otherwise. A refactoring that is not meant to change the site runs this.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402

OUT = HERE / "out" / "compare"
PROJECT_PARTS = ("mkdocs.yml", "overrides", "generator")


def extract(commit: str, into: Path) -> Path:
    """The commit's files (git archive), without a work tree."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True).stdout
    tar = into.with_suffix(".tar")
    tar.write_bytes(archive)
    with tarfile.open(tar) as handle:
        handle.extractall(into, filter="data")
    tar.unlink()
    return into


def make_project(code: Path, content: Path, into: Path) -> Path:
    """A scratch project: the code tree's config, theme, generator and hand-written pages, and the content."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = code / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, into / name)
    # the generator's folders of docs/ are left out: a build writes them (as on a fresh clone)
    generated = subprocess.run(
        [
            sys.executable,
            "-c",
            "from generator.pages.urls import GENERATED_FILES, generated_dirs as d; print(*d(), *GENERATED_FILES)",
        ],
        cwd=into,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    shutil.copytree(
        code / "docs",
        into / "docs",
        ignore=lambda folder, names: [n for n in names if Path(folder) == code / "docs" and n in generated],
    )
    shutil.copytree(content, into / "content")
    return into


def build(project: Path, today: str) -> float:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAMPAIGN_")}
    env.update(XDG_CACHE_HOME=str(project / ".cache"), DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)  # `python -m generator` takes the project's own copy (the working directory)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", today], cwd=project, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"build failed in {project}:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def compare(before: Path, after: Path) -> tuple[int, list[str]]:
    """(files compared, differences as lines)."""
    old, new = files_of(before), files_of(after)
    lines = [f"  only before: {name}" for name in sorted(old.keys() - new.keys())]
    lines += [f"  only after:  {name}" for name in sorted(new.keys() - old.keys())]
    lines += [
        f"  differs:     {name}" for name in sorted(old.keys() & new.keys()) if old[name].read_bytes() != new[name].read_bytes()
    ]
    return len(old.keys() | new.keys()), lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="6f5584d", help="the commit to compare with (default: 6f5584d)")
    parser.add_argument("--today", default="2026-11-24")
    parser.add_argument("--enterprises", type=int, default=2500)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--trainings", type=int, default=100)
    args = parser.parse_args()

    base = extract(args.base, OUT / "base-code")
    contents = {
        "shipped": ROOT / "content",
        "synthetic": synth.write(OUT / "synthetic", args.enterprises, args.cases, args.trainings),
    }
    same = True
    for name, content in contents.items():
        sites = []
        for side, code in (("before", base), ("after", ROOT)):
            project = make_project(code, content, OUT / f"{name}-{side}")
            seconds = build(project, args.today)
            print(f"{name}, {side} ({args.base if side == 'before' else 'working tree'}): built in {seconds:.1f} s", flush=True)
            sites.append(project / "site")
        count, differences = compare(*sites)
        if differences:
            same = False
            print(f"{name}: {len(differences)} of {count} files differ")
            print("\n".join(differences[:50]))
        else:
            print(f"{name}: all {count} files byte-identical")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
