"""A backup written in a worker thread (the GUI's automatic backups) while the practice stays in
use: the file is never closed, re-keyed or replaced under the copy, and saves go on meanwhile.

Real encrypted practice; the only stand-in is a wrapper around the copy step that says "the copy
has started" so the test can act at exactly that moment, then runs the real copy.
"""

from __future__ import annotations

import threading

import pytest

from ipt_desktop.services import backups, security
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.services.security import list_audit

WAIT_S = 30


class _BackupInAThread:
    """write_backup_file in a thread; ``copying`` is set once the real copy has begun."""

    def __init__(self, practice, monkeypatch, tmp_path):
        self.copying = threading.Event()
        real_copy = backups.backup_database

        def copy_and_say_so(*args, **kwargs):
            self.copying.set()
            return real_copy(*args, **kwargs)

        monkeypatch.setattr(backups, "backup_database", copy_and_say_so)
        self.result = self.error = None

        def run():
            try:
                self.result = backups.write_backup_file(practice, reason="auto", folder=tmp_path / "b")
            except BaseException as exc:  # handed to the test thread
                self.error = exc

        self.thread = threading.Thread(target=run)
        self.thread.start()
        assert self.copying.wait(WAIT_S)

    def join(self):
        self.thread.join(WAIT_S)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error
        return self.result


def test_closing_the_practice_waits_for_a_backup_being_written(practice, passphrase, monkeypatch, tmp_path):
    create_client(practice, first_name="Orla", last_name="Fictional")
    job = _BackupInAThread(practice, monkeypatch, tmp_path)
    practice.close()  # zeroes the key: must not happen under the copy's checks
    written = job.join()
    assert practice.closed
    info = backups.verify_backup(written.path, passphrase=passphrase)
    assert info.clients == 1 and info.verified


def test_saves_go_on_while_the_copy_is_written_and_the_record_follows(practice, passphrase, monkeypatch,
                                                                      tmp_path):
    create_client(practice, first_name="Orla", last_name="Fictional")
    job = _BackupInAThread(practice, monkeypatch, tmp_path)
    create_client(practice, first_name="Piet", last_name="Fictional")  # the GUI thread keeps saving
    written = job.join()
    info = backups.finish_backup(practice, written)
    assert info.verified and info.clients in (1, 2)  # whichever snapshot the copy pinned
    assert backups.verify_backup(written.path, passphrase=passphrase).clients == info.clients
    assert len(list_clients(practice)) == 2  # nothing the GUI saved was lost
    newest = list_audit(practice, limit=1)[0]
    assert (newest.action, newest.entity_id) == ("backup", "auto")


def test_a_passphrase_change_waits_for_the_copy_which_keeps_the_old_passphrase(practice, passphrase,
                                                                               monkeypatch, tmp_path):
    create_client(practice, first_name="Orla", last_name="Fictional")
    new_passphrase = "a completely different fictional sentence"
    new_key = security.prepare_passphrase_change(practice, old_passphrase=passphrase,
                                                 new_passphrase=new_passphrase,
                                                 confirm_passphrase=new_passphrase)
    job = _BackupInAThread(practice, monkeypatch, tmp_path)
    security.apply_passphrase_change(practice, new_key=new_key)
    written = job.join()
    assert backups.verify_backup(written.path, passphrase=passphrase).clients == 1
    assert len(list_clients(practice)) == 1  # the practice works on with the new key


def test_a_closed_practice_is_not_backed_up(practice, tmp_path):
    practice.close()
    with pytest.raises(ServiceError, match="closed"):
        backups.write_backup_file(practice, reason="auto", folder=tmp_path / "b")
    assert not (tmp_path / "b").exists()
