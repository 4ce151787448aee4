"""kill -9 a writing process at random points: every acknowledged change survives, every time.

A worker process (tests/reliability/writer.py) creates and edits clients through the real
services and prints an ack after each commit returns. The test SIGKILLs it after a random number
of acks (sometimes before it has even finished opening the file), reopens the practice the way
the app does (quick_check, migrations check) and checks every change acknowledged so far, across
all runs, is there with its exact text, and that PRAGMA integrity_check is ok.
"""

from __future__ import annotations

import os
import random
import signal

from reliability_helpers import client_notes, open_with, report
from writer import note_text

from ipt_desktop.store.snapshot import cipher_integrity_check, integrity_check

RUNS = 60
SEED = 20261125


def expected_note(run: int, index: int) -> str:
    return note_text(run, index) + (" (edited)" if index % 4 == 3 else "")


def test_kill_minus_9_never_loses_an_acknowledged_change(practice_dir, practice_key, writer):
    rng = random.Random(SEED)
    acked: dict[tuple[str, str], str] = {}
    failures: list[str] = []
    lost_total = 0
    for run in range(RUNS):
        pid = writer.start(run)
        target = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21, 30])  # 0 = kill while it is still opening
        seen = 0
        while seen < target:
            line = writer.readline()
            assert not line.startswith("error"), line
            if line.startswith("ack "):
                _, r, i = line.split()
                acked[(f"Run{r}", f"Write{i}")] = expected_note(int(r), int(i))
                seen += 1
        os.kill(pid, signal.SIGKILL)
        late, status = writer.until_done()
        for line in late:  # acks that were already on their way when the signal landed
            assert not line.startswith("error"), line
            if line.startswith("ack "):
                _, r, i = line.split()
                acked[(f"Run{r}", f"Write{i}")] = expected_note(int(r), int(i))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        practice = open_with(practice_dir, practice_key)
        try:
            problems = integrity_check(practice.db) + cipher_integrity_check(practice.db)
            stored = client_notes(practice)
        finally:
            practice.close()
        lost = [k for k, note in acked.items() if stored.get(k) != note]
        lost_total += len(lost)
        if problems or lost:
            failures.append(f"run {run}: {len(lost)} lost, problems {problems[:3]}")
    report("kill-9 writer", runs=RUNS, acknowledged=len(acked), failures=len(failures), lost=lost_total)
    assert not failures, failures
    assert len(acked) > RUNS  # the kills really landed mid-stream, not only at start-up
