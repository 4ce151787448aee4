"""Fault-injection helpers: a writer process we can SIGKILL, reopening, byte scans.

Everything is real: encrypted practice files on disk, separate OS processes, real kills. Set
IPT_RELIABILITY_REPORT=/path/file.jsonl to collect the figures docs/reliability.md quotes.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from ipt_desktop.services.practice import open_practice_with_key
from ipt_desktop.store.restore import clone_key

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer.py")
PASSPHRASE = "reliability test passphrase"
LINE_TIMEOUT_S = 60  # a hung child fails the test instead of hanging CI


def report(name: str, **figures) -> None:
    """Append one result line for docs/reliability.md when IPT_RELIABILITY_REPORT is set."""
    target = os.environ.get("IPT_RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"test": name, **figures}) + "\n")


class WriterServer:
    """tests/reliability/writer.py as a child process; see its docstring for the protocol."""

    def __init__(self, data_dir: Path, passphrase: str = PASSPHRASE):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, str(WRITER)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, cwd=str(ROOT), env=env)
        self._buffer = b""
        self._send({"data_dir": str(data_dir), "passphrase": passphrase})
        assert self.readline() == "ready"

    def _send(self, message) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()

    def readline(self, timeout: float = LINE_TIMEOUT_S) -> str:
        """One line from the server or its worker (select with a deadline: no sleeping)."""
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(0.0, left))
            if not ready:
                raise AssertionError("the writer process stopped answering")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError(f"the writer process ended (exit {self.proc.wait()})")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def has_line(self) -> bool:
        if b"\n" in self._buffer:
            return True
        ready, _, _ = select.select([self.proc.stdout.fileno()], [], [], 0)
        if ready:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            self._buffer += chunk
        return b"\n" in self._buffer

    def start(self, run: int, mode: str = "notes", **extra) -> int:
        self._send({"run": run, "mode": mode, **extra})
        line = self.readline()
        assert line.startswith("pid "), line
        return int(line.split()[1])

    def until_done(self) -> tuple[list[str], int]:
        """Lines the worker printed before it died, and its wait status."""
        lines = []
        while True:
            line = self.readline()
            if line.startswith("done "):
                return lines, int(line.split()[1])
            lines.append(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self._send("quit")
                self.proc.stdin.close()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


def open_with(data_dir: Path, key):
    return open_practice_with_key(data_dir, key=clone_key(key))


def client_notes(practice) -> dict[tuple[str, str], str]:
    """(first, last) -> notes for every client, read through the store's own session."""
    from sqlalchemy import text

    with practice.reading() as session:
        rows = session.execute(text("SELECT first_name, last_name, notes FROM client")).all()
    return {(r[0], r[1]): r[2] for r in rows}


def contains_any(path: Path, needles: list[bytes]) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(n in data for n in needles)
