"""The open-time file check, deferred to a worker so Unlock does not wait for it (issue 7).

Deferring must not mean skipping: the background check still finds damage, a pending migration
still checks first (a damaged file is never migrated), and quitting can cancel a check.
"""

from __future__ import annotations

import threading

import pytest

from ipt_desktop.services.clients import create_client
from ipt_desktop.services.errors import DatabaseUnreadableError
from ipt_desktop.services.practice import (
    CheckNotFinishedError, background_file_check, open_practice_with_key, unlock_key,
)
from ipt_desktop.store import migrate as store_migrate


def _fill(practice, n: int = 40) -> None:
    for i in range(n):
        create_client(practice, first_name=f"Client{i}", last_name="Padding" * 20, notes="x" * 2000)


def _scribble_middle(path) -> None:
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 4096] = b"\x00" * 4096
    path.write_bytes(bytes(data))


def test_deferred_open_skips_the_check_and_the_background_check_passes_a_good_file(practice, passphrase):
    _fill(practice, 5)
    practice.close()
    with open_practice_with_key(practice.data_dir, key=unlock_key(practice.data_dir, passphrase),
                                check_now=False) as opened:
        check = background_file_check(opened)
        assert check.run() == []


def test_background_check_finds_damage_that_the_deferred_open_let_through(practice, passphrase):
    _fill(practice)
    practice.close()
    _scribble_middle(practice.db_path)
    key = unlock_key(practice.data_dir, passphrase)
    # The deferred open does not read the damaged pages, so it succeeds...
    with open_practice_with_key(practice.data_dir, key=key, check_now=False) as opened:
        problems = background_file_check(opened).run()
    # ...and the check run afterwards (in the GUI: in a worker) reports them.
    assert problems
    with pytest.raises(DatabaseUnreadableError):
        open_practice_with_key(practice.data_dir, key=unlock_key(practice.data_dir, passphrase))


def test_a_pending_migration_checks_first_even_when_deferred(practice, passphrase, monkeypatch):
    _fill(practice)
    practice.close()
    _scribble_middle(practice.db_path)
    monkeypatch.setattr(store_migrate, "needs_upgrade", lambda db, **_: True)
    upgraded = []
    monkeypatch.setattr(store_migrate, "upgrade", lambda db, **_: upgraded.append(db))
    with pytest.raises(DatabaseUnreadableError):
        open_practice_with_key(practice.data_dir, key=unlock_key(practice.data_dir, passphrase),
                               check_now=False)
    assert upgraded == []  # never migrated


def test_cancelled_check_gives_no_verdict_and_can_be_cancelled_from_another_thread(practice):
    _fill(practice, 3)
    check = background_file_check(practice)
    check.cancel()
    with pytest.raises(CheckNotFinishedError):
        check.run()
    # A cancel racing a running check: either it finished (a verdict) or it says it did not.
    racing = background_file_check(practice)
    outcome = []

    def work():
        try:
            outcome.append(racing.run())
        except CheckNotFinishedError:
            outcome.append("not finished")

    worker = threading.Thread(target=work)
    worker.start()
    racing.cancel()
    worker.join(30)
    assert outcome in ([[]], ["not finished"])
    racing.cancel()  # after the end: harmless


def test_a_check_cannot_be_made_for_a_closed_practice(practice):
    from ipt_desktop.services.errors import ServiceError

    practice.close()
    with pytest.raises(ServiceError):
        background_file_check(practice)
