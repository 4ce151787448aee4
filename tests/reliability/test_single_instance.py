"""Only one IPT Desktop may open a practice: two processes started together, many times over,
and exactly one opens it while the other is turned away with exit 5; the command line says
"already open"; a lock left by a process killed with SIGKILL does not block the next start."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ipt_desktop.paths import IN_USE_MESSAGE, LOCK_FILENAME

RACES = 10
LINE_TIMEOUT = 60

# Each racer imports everything first (slow), says "ready", then waits for "go" on stdin so both
# try the lock at the same moment. The winner opens the practice (key derivation, quick_check)
# and holds it until told "release": the loser's attempt overlaps the winner's hold for sure.
HELPER = """
import sys
from pathlib import Path
from ipt_desktop.paths import PracticeLock
from ipt_desktop.services.practice import open_practice
from ipt_desktop.services.clients import list_clients

data_dir = Path(sys.argv[1])
lock = PracticeLock(data_dir)
print("ready", flush=True)
sys.stdin.readline()
if not lock.try_acquire():
    print("in-use", flush=True)
    sys.exit(5)
practice = open_practice(data_dir, passphrase=sys.argv[2])
print(f"opened {len(list_clients(practice))}", flush=True)
sys.stdin.readline()
practice.close()
lock.release()
"""


class Racer:
    def __init__(self, script: Path, data_dir: Path, passphrase: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(script), str(data_dir), passphrase],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.strip())
        self._lines.put("<eof>")

    def line(self) -> str:
        return self._lines.get(timeout=LINE_TIMEOUT)

    def say(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def finish(self) -> int:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        return self.proc.wait(timeout=LINE_TIMEOUT)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=LINE_TIMEOUT)


@pytest.fixture
def closed_practice(practice):
    """The practice file with one client, closed so only the racers touch it."""
    from ipt_desktop.services.clients import create_client

    create_client(practice, first_name="Una", last_name="Fictional")
    practice.close()
    return practice.data_dir


@pytest.fixture
def helper(tmp_path: Path) -> Path:
    path = tmp_path / "racer.py"
    path.write_text(HELPER, encoding="utf-8")
    return path


def cli(data_dir: Path, passphrase: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, IPT_DESKTOP_PASSPHRASE=passphrase)
    return subprocess.run([sys.executable, "-m", "ipt_desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_two_processes_started_together_exactly_one_opens(closed_practice, helper, passphrase):
    outcomes = []
    for _ in range(RACES):
        racers = [Racer(helper, closed_practice, passphrase) for _ in range(2)]
        try:
            assert [r.line() for r in racers] == ["ready", "ready"]
            for r in racers:
                r.say("go")
            firsts = [r.line() for r in racers]
            winners = [r for r, first in zip(racers, firsts) if first.startswith("opened")]
            losers = [r for r, first in zip(racers, firsts) if first == "in-use"]
            assert len(winners) == 1 and len(losers) == 1, firsts
            assert losers[0].finish() == 5
            assert firsts[racers.index(winners[0])] == "opened 1"
            winners[0].say("release")
            assert winners[0].finish() == 0
            outcomes.append(racers.index(winners[0]))
        finally:
            for r in racers:
                r.kill()
    assert len(outcomes) == RACES
    assert not (closed_practice / LOCK_FILENAME).exists()  # released cleanly every time


def test_cli_says_already_open_with_exit_5_while_another_holds_it(closed_practice, helper, passphrase):
    holder = Racer(helper, closed_practice, passphrase)
    try:
        assert holder.line() == "ready"
        holder.say("go")
        assert holder.line() == "opened 1"
        refused = cli(closed_practice, passphrase, "clients")
        assert refused.returncode == 5
        assert IN_USE_MESSAGE in refused.stderr and "already open" in refused.stderr
        holder.say("release")
        assert holder.finish() == 0
    finally:
        holder.kill()
    assert cli(closed_practice, passphrase, "clients").returncode == 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX SIGKILL")
def test_stale_lock_from_a_killed_process_does_not_block_the_next_start(closed_practice, helper, passphrase):
    holder = Racer(helper, closed_practice, passphrase)
    try:
        assert holder.line() == "ready"
        holder.say("go")
        assert holder.line() == "opened 1"
        assert (closed_practice / LOCK_FILENAME).exists()
        os.kill(holder.proc.pid, signal.SIGKILL)
        assert holder.proc.wait(timeout=LINE_TIMEOUT) == -signal.SIGKILL
    finally:
        holder.kill()
    assert (closed_practice / LOCK_FILENAME).exists()  # left behind by the dead process
    listed = cli(closed_practice, passphrase, "clients")
    assert listed.returncode == 0, listed.stderr
    assert "Fictional" in listed.stdout
    # The next racer gets it too, and the data written before the kill is intact.
    nxt = Racer(helper, closed_practice, passphrase)
    try:
        assert nxt.line() == "ready"
        nxt.say("go")
        assert nxt.line() == "opened 1"
        nxt.say("release")
        assert nxt.finish() == 0
    finally:
        nxt.kill()
