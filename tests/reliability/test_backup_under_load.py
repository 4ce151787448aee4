"""Backups while another process writes, and a backup process killed part-way through."""

from __future__ import annotations

import os
import random
import shutil
import signal
from pathlib import Path

from reliability_helpers import client_notes, open_with, report
from writer import note_text

from ipt_desktop.services import backups
from ipt_desktop.store.restore import clone_key

BACKUPS = 12


def _backup_contents(path, key, scratch):
    """Open a COPY of the backup the way the app opens a practice, and read its clients."""
    scratch.mkdir()
    shutil.copyfile(path, scratch / "practice.ipt")
    practice = open_with(scratch, key)
    try:
        return client_notes(practice)
    finally:
        practice.close()


def test_backups_taken_while_another_process_writes_are_consistent_snapshots(
        practice_dir, practice_key, writer, tmp_path):
    acks = 0

    def take_line(line: str) -> None:
        nonlocal acks
        assert not line.startswith("error"), line
        acks += line.startswith("ack ")

    pid = writer.start(0)
    while acks < 3:
        take_line(writer.readline())
    practice = open_with(practice_dir, practice_key)
    taken = []
    try:
        for _ in range(BACKUPS):
            while writer.has_line():
                take_line(writer.readline())
            before = acks
            info = backups.create_backup(practice, reason="manual", folder=tmp_path / "backups")
            take_line(writer.readline())  # at least one more commit lands between backups
            while writer.has_line():
                take_line(writer.readline())
            taken.append((info, before, acks))
    finally:
        practice.close()
        os.kill(pid, signal.SIGKILL)
        writer.until_done()
    for n, (info, before, after) in enumerate(taken):
        checked = backups.verify_with_key(info.path, clone_key(practice_key))
        notes = _backup_contents(info.path, practice_key, tmp_path / f"open{n}")
        indexes = sorted(int(last[5:]) for first, last in notes if first == "Run0")
        # A point in time: exactly the first k writes, nothing missing in between, k within the
        # commits acknowledged before the backup started and just after it returned.
        assert indexes == list(range(len(indexes)))
        assert before <= len(indexes) <= after + 1, (before, len(indexes), after)
        assert checked.clients == len(indexes)
        for i in indexes[:-1]:
            assert notes[("Run0", f"Write{i}")] == note_text(0, i) + (" (edited)" if i % 4 == 3 else "")
    report("backup under load", backups=len(taken), verified=len(taken), inconsistent=0)


def test_backup_process_killed_mid_way_leaves_only_whole_backups(practice_dir, practice_key, writer):
    rng = random.Random(7)
    folder = practice_dir / "backups"
    acked: set[str] = set()
    for run in range(5):
        pid = writer.start(run, mode="backups")
        for _ in range(rng.randint(1, 3)):
            line = writer.readline()
            while not line.startswith("ack "):
                assert not line.startswith("error"), line
                line = writer.readline()
            acked.add(line.split()[3])
        os.kill(pid, signal.SIGKILL)
        late, _ = writer.until_done()
        acked.update(line.split()[3] for line in late if line.startswith("ack "))
    for name in acked:  # every acknowledged backup is whole and passes the full check
        backups.verify_with_key(folder / name, clone_key(practice_key), trust_seal=False)
    # The next backup sweeps any half-written temporary a kill left behind (ours only).
    partials = [p.name for p in folder.iterdir() if backups.PARTIAL_RE.match(p.name)]
    (folder / "notes.txt").write_text("not ours")
    practice = open_with(practice_dir, practice_key)
    try:
        backups.create_backup(practice, reason="manual")
    finally:
        practice.close()
    # A backup's seal may stay beside it; a seal or owed mark of a missing backup, or a
    # half-written one, may not.
    names = {p.name for p in folder.iterdir()}
    sidecars = {f".{n}.{kind}" for n in names if backups.parse_name(Path(n)) for kind in ("seal", "owed")}
    leftovers = sorted(n for n in names if backups.parse_name(Path(n)) is None and n not in sidecars)
    assert leftovers == ["notes.txt"]
    report("backup process killed", runs=5, acknowledged_backups=len(acked), partials_swept=len(partials),
           failures=0)
