"""Work on every core (generator/parallel.py) is forked only while this process runs no other thread:
a forked child inherits every lock as it was, held by threads it does not have, and can hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, TODAY, make_project, many_records

from generator.parallel import cores


def _python(script: str, cwd=ROOT) -> dict:
    """Run a script in a fresh interpreter (no thread left over by other tests); its last line, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(cwd)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(cores() < 2, reason="one core: nothing is ever forked")
def test_nothing_is_forked_while_another_thread_runs():
    found = _python("""
        import json, os, threading
        from generator.parallel import parallel_map

        release = threading.Event()
        waiting = threading.Thread(target=release.wait)
        waiting.start()
        with_thread = set(parallel_map(lambda _: os.getpid(), range(400)))
        release.set()
        waiting.join()
        alone = set(parallel_map(lambda _: os.getpid(), range(400)))
        print(json.dumps({"me": os.getpid(), "with_thread": sorted(with_thread), "alone": sorted(alone)}))
    """)
    assert found["with_thread"] == [found["me"]]  # all done here
    assert len(found["alone"]) > 1 and found["me"] in found["alone"]  # alone again: workers take shares


@pytest.mark.skipif(cores() < 2, reason="one core: nothing is ever forked")
def test_a_build_forks_its_workers_with_no_other_thread_alive(tmp_path, valid_content):
    """The search index runs beside rendering and MkDocs, yet no fork of the build sees a thread."""
    many_records(valid_content.root)  # enough pages for rendering to go on both cores
    project = make_project(tmp_path, valid_content.root)
    found = _python(
        f"""
        import json, os, threading
        forks = []
        os.register_at_fork(before=lambda: forks.append(sorted(t.name for t in threading.enumerate())))
        from generator.cli import main
        code = main(["build", "--today", "{TODAY.isoformat()}"])
        print(json.dumps({{"code": code, "forks": forks}}))
        """,
        cwd=project,
    )
    assert found["code"] == 0
    assert found["forks"], "the build forked no worker: it rendered on one core"
    assert all(threads == ["MainThread"] for threads in found["forks"]), found["forks"]
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
