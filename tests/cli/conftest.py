"""CLI test helpers: run ``main(argv)`` in-process, or the real program in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipt_desktop.cli.main import main

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(data_dir, passphrase, monkeypatch):
    """``cli("clients", "--json")`` -> exit code, with --data-dir and the passphrase set."""
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    monkeypatch.delenv("IPT_DESKTOP_DATA_DIR", raising=False)

    def run(*args: str) -> int:
        return main(["--data-dir", str(data_dir), *args])

    return run


@pytest.fixture
def run_program(data_dir, passphrase):
    """The real ``python -m ipt_desktop`` in a subprocess (real exit codes, real stderr)."""

    def run(*args: str, env: dict[str, str] | None = None, data: bool = True) -> subprocess.CompletedProcess:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("IPT_DESKTOP_")}
        full_env.update({"IPT_DESKTOP_PASSPHRASE": passphrase, "QT_QPA_PLATFORM": "offscreen",
                         "PYTHONPATH": str(REPO_ROOT)})
        full_env.update(env or {})
        prefix = ["--data-dir", str(data_dir)] if data else []
        return subprocess.run([sys.executable, "-m", "ipt_desktop", *prefix, *args], env=full_env,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                              cwd=REPO_ROOT)

    return run
