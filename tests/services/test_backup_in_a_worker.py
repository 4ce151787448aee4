"""A backup written in a worker thread (the GUI's automatic backups) while the practice stays in
use: the file is never closed, re-keyed or replaced under the copy, and saves go on meanwhile.

Real encrypted practice; the only stand-ins are wrappers around the copy step (and, for a check
in a worker, the copy of the practice key) that say "it has started" so the test can act at
exactly that moment, then run the real thing.
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


def test_closing_waits_for_a_check_copying_the_practice_key(practice, monkeypatch, tmp_path):
    """The Backups dialog verifies in a worker with a copy of the practice's key; a lock (close
    zeroes the key) must not land between reading that key and copying it."""
    from ipt_desktop.services import backup_restore
    from ipt_desktop.store import restore as store_restore

    create_client(practice, first_name="Orla", last_name="Fictional")
    made = backups.create_backup(practice, folder=tmp_path / "b")
    copying, go = threading.Event(), threading.Event()
    real_clone = store_restore.clone_key

    def clone_when_told(key):
        copying.set()
        go.wait(WAIT_S)
        return real_clone(key)

    monkeypatch.setattr(store_restore, "clone_key", clone_when_told)
    outcome: dict = {}

    def check():
        try:
            outcome["info"] = backup_restore.check_backup(practice, path=made.path)
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    checker = threading.Thread(target=check)
    checker.start()
    assert copying.wait(WAIT_S)
    closer = threading.Thread(target=practice.close)
    closer.start()
    closer.join(0.5)
    assert closer.is_alive()  # waiting for the key copy, not zeroing the key under it
    go.set()
    checker.join(WAIT_S)
    closer.join(WAIT_S)
    assert not checker.is_alive() and not closer.is_alive() and practice.closed
    assert "error" not in outcome, outcome.get("error")
    assert outcome["info"].clients == 1
