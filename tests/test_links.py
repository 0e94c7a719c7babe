"""LinkChecker over the built site, served locally under its sub-path: no broken link or asset."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_linkchecker_finds_no_broken_internal_link(site_url, tmp_path):
    checker = shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
    if not Path(checker).exists():
        pytest.fail("linkchecker is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        # External links (shops, filing sites) are not followed: this checks our own pages and assets.
        [checker, "--no-status", "--no-warnings", "--threads", "4", site_url],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
