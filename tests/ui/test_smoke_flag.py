"""`ipt-desktop --smoke-test`: the check CI runs against the installed bundle, here on the source tree.

A real process on a real encrypted demo practice: it must unlock from the environment, show the
main window with clients and the first chart, render a report preview, and say so on one line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

PASS = "smoke flag passphrase"


def _run(data_dir, *args, passphrase=PASS):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IPT_DESKTOP_PASSPHRASE=passphrase)
    return subprocess.run([sys.executable, "-m", "ipt_desktop", "--data-dir", str(data_dir), *args],
                          env=env, capture_output=True, text=True, timeout=240)


def test_smoke_test_opens_the_window_and_renders_a_preview(data_dir):
    assert _run(data_dir, "demo").returncode == 0
    result = _run(data_dir, "--smoke-test")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert re.search(r"main window up \d+\.\d\d s after process start with 6 client\(s\)", line), line
    assert "chart open: yes" in line
    assert re.search(r"report preview pages: [1-9]", line), line


def test_smoke_test_with_the_wrong_passphrase_fails_with_exit_3(data_dir):
    assert _run(data_dir, "demo").returncode == 0
    result = _run(data_dir, "--smoke-test", passphrase="not it")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
