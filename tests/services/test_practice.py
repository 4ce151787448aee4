"""Creating, opening and checking a practice file: the errors a therapist can meet at start-up."""

from __future__ import annotations

import sqlite3

import pytest

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services import practice as practice_service
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.errors import (
    DatabaseUnreadableError, NewerVersionError, NoPracticeError, PassphraseError, PracticeExistsError,
)
from ipt_desktop.services.practice import (
    DB_FILENAME, create_practice, get_profile, open_practice, open_practice_with_key, practice_exists,
    practice_is_encrypted, unlock_key, update_profile,
)


def test_created_practice_is_encrypted_and_reopens_with_its_data(practice, reopen):
    assert practice.db_path == practice.data_dir / DB_FILENAME
    assert practice.encrypted and practice_is_encrypted(practice.data_dir)
    # Nothing readable without the key: the header is not SQLite's and names are not in clear.
    create_client(practice, first_name="Hélène", last_name="Quintessence")
    practice.close()
    raw = practice.db_path.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and b"Quintessence" not in raw
    again = reopen()
    assert [c.last_name for c in list_clients(again)] == ["Quintessence"]
    assert get_profile(again).therapist_name == "Dr Test Therapist"


def test_wrong_or_missing_passphrase_is_a_passphrase_error(practice, passphrase):
    practice.close()
    with pytest.raises(PassphraseError, match="not correct"):
        open_practice(practice.data_dir, passphrase=passphrase + "x")
    with pytest.raises(PassphraseError):
        open_practice(practice.data_dir, passphrase=None)


def test_no_practice_in_folder(data_dir):
    assert not practice_exists(data_dir)
    with pytest.raises(NoPracticeError):
        open_practice(data_dir, passphrase="anything")


def test_create_refuses_an_existing_practice_and_leaves_it_intact(practice, passphrase, reopen):
    create_client(practice, first_name="Ana", last_name="Keep")
    with pytest.raises(PracticeExistsError):
        create_practice(practice.data_dir, passphrase="other", profile=PracticeProfile())
    assert [c.first_name for c in list_clients(reopen())] == ["Ana"]


def test_unencrypted_practice_only_when_asked(data_dir):
    plain = create_practice(data_dir, passphrase=None, profile=PracticeProfile(therapist_name="T"))
    plain.close()
    assert not practice_is_encrypted(data_dir)
    assert (data_dir / DB_FILENAME).read_bytes().startswith(b"SQLite format 3\x00")
    with open_practice(data_dir, passphrase=None) as again:
        assert not again.encrypted
        assert get_profile(again).therapist_name == "T"


def test_empty_passphrase_is_refused(data_dir):
    with pytest.raises(PassphraseError):
        create_practice(data_dir, passphrase="", profile=PracticeProfile())
    assert not practice_exists(data_dir)


def test_gui_path_derive_key_then_open(practice, passphrase):
    create_client(practice, first_name="Key", last_name="Path")
    practice.close()
    key = unlock_key(practice.data_dir, passphrase)
    with open_practice_with_key(practice.data_dir, key=key) as opened:
        assert [c.first_name for c in list_clients(opened)] == ["Key"]
    bad = unlock_key(practice.data_dir, "wrong")
    with pytest.raises(PassphraseError):
        open_practice_with_key(practice.data_dir, key=bad)


def test_damaged_file_is_reported_not_opened(practice, passphrase):
    for i in range(40):
        create_client(practice, first_name=f"Client{i}", last_name="Padding" * 20, notes="x" * 2000)
    practice.close()
    path = practice.db_path
    data = bytearray(path.read_bytes())
    # Scribble over the middle of the file (encrypted pages: the HMAC check or quick_check fails).
    mid = len(data) // 2
    data[mid:mid + 4096] = b"\x00" * 4096
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseUnreadableError) as caught:
        opened = open_practice(practice.data_dir, passphrase=passphrase)
        # Some damage is only found by reading: the list query must then fail cleanly too.
        try:
            list_clients(opened)
        finally:
            opened.close()
    assert "backup" in caught.value.message.lower() or "damaged" in caught.value.message.lower()


def test_a_foreign_file_is_not_a_practice(data_dir):
    (data_dir / DB_FILENAME).write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    with pytest.raises(DatabaseUnreadableError):
        open_practice(data_dir, passphrase="anything")


def test_newer_schema_is_refused_untouched(data_dir):
    create_practice(data_dir, passphrase=None, profile=PracticeProfile()).close()
    path = data_dir / DB_FILENAME
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    with pytest.raises(NewerVersionError, match="newer version"):
        open_practice(data_dir, passphrase=None)
    with sqlite3.connect(path) as conn:  # not migrated "down" or otherwise rewritten
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("ffff_from_the_future",)]


def test_profile_update_persists_and_is_validated(practice, reopen):
    profile = PracticeProfile(therapist_name="Dr Ødegård", practice_name="Fjord IPT", page_size="Letter")
    changes = update_profile(practice, profile=profile)
    assert changes.touches("profile")
    with pytest.raises(ValidationFailed) as caught:
        update_profile(practice, profile=PracticeProfile(page_size="A5"))
    assert caught.value.first.path == "page_size"
    assert get_profile(reopen()) == profile


def test_closed_practice_refuses_work(practice):
    practice.close()
    practice.close()  # twice is fine
    with pytest.raises(practice_service.ServiceError):
        list_clients(practice)
