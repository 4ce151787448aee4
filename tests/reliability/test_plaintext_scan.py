"""After a session of use, no known note text is readable anywhere on disk: the database, its
WAL, the backups, the pre-restore copy, the folder a damaged file is moved to, the temp folder."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path

from reliability_helpers import PASSPHRASE, contains_any, open_with, report

from ipt_desktop.services import backups
from ipt_desktop.services.backup_restore import restore_closed
from ipt_desktop.services.clients import create_client
from ipt_desktop.services.episodes import start_episode
from ipt_desktop.services.sessions import update_session

SECRETS = ["Zephyrine Marchbanks-Oduya", "harmonica lessons with her estranged brother",
           "passive ideation after the allotment eviction", "Quillon Fictional-Tessaract"]
NEEDLES = [s.encode("utf-8") for s in SECRETS] + [s.encode("utf-16-le") for s in SECRETS]


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_no_note_text_in_any_file_after_a_session_of_use(practice_dir, practice_key, tmp_path):
    started = time.time()
    probe = tmp_path / "probe.txt"  # the scanner itself finds plain text (guards the test)
    probe.write_text("x " + SECRETS[2], encoding="utf-8")
    assert contains_any(probe, NEEDLES)
    probe.unlink()
    practice = open_with(practice_dir, practice_key)
    scanned = 0
    try:
        client, _ = create_client(practice, first_name="Zephyrine", last_name="Marchbanks-Oduya",
                                  notes=SECRETS[1], emergency_contact=SECRETS[3])
        episode, _ = start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-11-02")
        first = episode.sessions[0]
        update_session(practice, episode_id=episode.id, session=dataclasses.replace(
            first, status="attended", notes=SECRETS[1] * 3, risk_notes=SECRETS[2],
            suicidal_ideation="passive"))
        backups.create_backup(practice, reason="auto")
        backups.create_backup(practice)
        # Mid-session, with the WAL full of fresh pages: nothing readable there either.
        assert (practice_dir / "practice.ipt-wal").exists()
        for path in _files(tmp_path):
            scanned += 1
            assert not contains_any(path, NEEDLES), f"plaintext found in {path.name}"
        restored = backups.restore_backup(practice, path=backups.list_backups(practice)[-1].path)
        assert restored.previous is not None
    finally:
        practice.close()
    # A restore over a closed practice moves the replaced file aside: that copy is checked too.
    restore_closed(practice_dir, path=backups.list_backups(practice_dir)[0].path, passphrase=PASSPHRASE)
    temp_dir = Path(tempfile.gettempdir())
    recent_temp = [p for p in temp_dir.iterdir() if p.is_file() and p.stat().st_mtime >= started - 1]
    for path in _files(tmp_path) + recent_temp:
        scanned += 1
        assert not contains_any(path, NEEDLES), f"plaintext found in {path}"
    report("plaintext scan", files_scanned=scanned, plaintext_hits=0)
