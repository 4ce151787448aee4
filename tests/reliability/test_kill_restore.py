"""kill -9 during restores: the practice always opens, passes integrity_check, and holds either
the backup or the backup plus the one write made since the last restore — never a mixture."""

from __future__ import annotations

import os
import random
import signal

from reliability_helpers import client_notes, open_with, report

from ipt_desktop.services import backups
from ipt_desktop.services.clients import create_client
from ipt_desktop.store.snapshot import integrity_check

RUNS = 20


def test_kill_minus_9_during_restores_never_leaves_a_mixed_or_broken_file(practice_dir, practice_key, writer):
    practice = open_with(practice_dir, practice_key)
    try:
        for n in range(3):
            create_client(practice, first_name="Base", last_name=f"B{n}", notes="in the backup")
        backup = backups.create_backup(practice).path
        base = client_notes(practice)
    finally:
        practice.close()
    rng = random.Random(11)
    failures = []
    for run in range(RUNS):
        pid = writer.start(run, mode="restore", backup=str(backup))
        for _ in range(rng.randint(0, 6)):
            line = writer.readline()
            assert not line.startswith("error"), line
        os.kill(pid, signal.SIGKILL)
        late, _ = writer.until_done()
        assert not any(line.startswith("error") for line in late), late
        practice = open_with(practice_dir, practice_key)
        try:
            problems = integrity_check(practice.db)
            stored = client_notes(practice)
        finally:
            practice.close()
        extra = {k for k in stored if k not in base}
        if problems or any(stored.get(k) != v for k, v in base.items()) or len(extra) > 1:
            failures.append(f"run {run}: problems={problems[:2]} extra={sorted(extra)}")
    leftovers = [p.name for p in practice_dir.iterdir() if p.name.startswith(".practice.ipt.restoring")]
    report("kill-9 during restore", runs=RUNS, failures=len(failures), staged_leftovers=len(leftovers))
    assert not failures, failures
