"""Privacy services on a real encrypted practice: passphrase change (rekey), audit trail listing
and hash-chain verification, and the CLI `check` reporting a tampered trail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from ipt_desktop.cli.main import EXIT_OK, EXIT_UNREADABLE
from ipt_desktop.cli.main import main as cli_main
from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services import security
from ipt_desktop.services.clients import create_client, get_client_record, list_clients, update_client
from ipt_desktop.services.episodes import start_episode
from ipt_desktop.services.errors import PassphraseError
from ipt_desktop.services.exchange import export_client
from ipt_desktop.services.measures import record_measure
from ipt_desktop.services.practice import create_practice, open_practice
from ipt_desktop.store.keys import KeyMaterial, read_salt

NEW_PASSPHRASE = "a quite different phrase"
NOTE = "Fictional note: argues with sister Marta about the garden."

# Run in a fresh interpreter so nothing cached in this process (keys, pools) can help it open.
_OPEN_SCRIPT = """
import json, sys
from pathlib import Path
from ipt_desktop.services.practice import open_practice
from ipt_desktop.services.clients import list_clients, get_client_record
from ipt_desktop.services.errors import PassphraseError
try:
    p = open_practice(Path(sys.argv[1]), passphrase=sys.argv[2] or None)
except PassphraseError:
    print(json.dumps({"refused": True}))
    sys.exit(0)
out = []
for s in list_clients(p):
    r = get_client_record(p, client_id=s.id)
    out.append({"name": r.client.first_name, "notes": r.client.notes,
                "measures": sum(len(e.measures) for e in r.episodes)})
p.close()
print(json.dumps({"refused": False, "clients": out}))
"""


def open_in_fresh_process(data_dir: Path, passphrase: str | None) -> dict:
    done = subprocess.run([sys.executable, "-c", _OPEN_SCRIPT, str(data_dir), passphrase or ""],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def filled(practice):
    client, _ = create_client(practice, first_name="Nadia", last_name="Fictional", notes=NOTE)
    episode, _ = start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-03-02")
    record_measure(practice, episode_id=episode.id, instrument="phq9", administered_on="2026-03-02",
                   items=[1, 2, 1, 0, 1, 2, 1, 0, 0])
    return client


def test_after_change_old_passphrase_is_refused_new_opens_in_fresh_process(practice, filled, passphrase):
    salt_before = read_salt(practice.db_path)
    security.change_passphrase(practice, old_passphrase=passphrase, new_passphrase=NEW_PASSPHRASE,
                               confirm_passphrase=NEW_PASSPHRASE)
    # The same Practice object keeps working on the reopened engine (every pooled connection new).
    assert practice.db.key is not None and not practice.db.key.wiped
    create_client(practice, first_name="Omar", last_name="Fictional")
    assert read_salt(practice.db_path) != salt_before  # a fresh salt comes with the new key
    practice.close()

    assert open_in_fresh_process(practice.data_dir, passphrase) == {"refused": True}
    opened = open_in_fresh_process(practice.data_dir, NEW_PASSPHRASE)
    assert opened["refused"] is False
    by_name = {c["name"]: c for c in opened["clients"]}
    assert by_name["Nadia"]["notes"] == NOTE
    assert by_name["Nadia"]["measures"] == 1
    assert "Omar" in by_name


def test_old_passphrase_refused_in_this_process_too(practice, filled, passphrase):
    security.change_passphrase(practice, old_passphrase=passphrase, new_passphrase=NEW_PASSPHRASE)
    practice.close()
    with pytest.raises(PassphraseError):
        open_practice(practice.data_dir, passphrase=passphrase)
    with open_practice(practice.data_dir, passphrase=NEW_PASSPHRASE) as again:
        assert [s.first_name for s in list_clients(again)] == ["Nadia"]


def test_new_key_also_opens_with_a_plain_pragma_key(practice, filled, passphrase):
    """The file stays a standard SQLCipher 4 file: `PRAGMA key='<new passphrase>'` reads it."""
    security.change_passphrase(practice, old_passphrase=passphrase, new_passphrase=NEW_PASSPHRASE)
    practice.close()
    conn = sqlcipher3.connect(str(practice.db_path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = 'a quite different phrase'")
    assert conn.execute("SELECT notes FROM client").fetchone()[0] == NOTE
    conn.close()


@pytest.mark.parametrize(("old", "new", "confirm", "field"), [
    ("not the passphrase", NEW_PASSPHRASE, NEW_PASSPHRASE, "old_passphrase"),
    ("", NEW_PASSPHRASE, NEW_PASSPHRASE, "old_passphrase"),
    (None, "short", "short", "new_passphrase"),
    (None, NEW_PASSPHRASE, NEW_PASSPHRASE + "x", "confirm_passphrase"),
    (None, "<same>", "<same>", "new_passphrase"),
])
def test_bad_input_names_the_field_and_changes_nothing(practice, filled, passphrase, old, new, confirm,
                                                       field):
    old = passphrase if old is None else old
    new = passphrase if new == "<same>" else new
    confirm = passphrase if confirm == "<same>" else confirm
    salt_before = read_salt(practice.db_path)
    with pytest.raises(ValidationFailed) as caught:
        security.change_passphrase(practice, old_passphrase=old, new_passphrase=new,
                                   confirm_passphrase=confirm)
    assert field in [e.path for e in caught.value.errors]
    assert read_salt(practice.db_path) == salt_before
    # Still open and writable with the old key; still opens with the old passphrase.
    update_client(practice, client=get_client_record(practice, client_id=filled.id).client)
    practice.close()
    with open_practice(practice.data_dir, passphrase=passphrase) as again:
        assert len(list_clients(again)) == 1


def test_plain_practice_can_be_encrypted(data_dir):
    plain = create_practice(data_dir, passphrase=None, profile=PracticeProfile(therapist_name="Dr Plain"))
    try:
        create_client(plain, first_name="Ines", last_name="Fictional", notes=NOTE)
        security.change_passphrase(plain, old_passphrase=None, new_passphrase=NEW_PASSPHRASE)
        assert plain.encrypted
        create_client(plain, first_name="Jon", last_name="Fictional")
    finally:
        plain.close()
    assert not (data_dir / "practice.ipt").read_bytes().startswith(b"SQLite format 3")
    assert NOTE.encode() not in (data_dir / "practice.ipt").read_bytes()
    assert open_in_fresh_process(data_dir, None) == {"refused": True}
    opened = open_in_fresh_process(data_dir, NEW_PASSPHRASE)
    assert sorted(c["name"] for c in opened["clients"]) == ["Ines", "Jon"]
    assert not list(data_dir.glob("*.encrypting*"))


def test_rekey_is_in_the_audit_trail_and_chain_stays_intact(practice, filled, passphrase):
    security.change_passphrase(practice, old_passphrase=passphrase, new_passphrase=NEW_PASSPHRASE)
    newest = security.list_audit(practice, limit=1)[0]
    assert (newest.action, newest.entity) == ("rekey", "practice")
    assert security.verify_audit_chain(practice).ok


def test_audit_lists_newest_first_with_client_names_and_records_disclosures(practice, filled):
    export_client(practice, client_id=filled.id)
    entries = security.list_audit(practice)
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert entries[0].action == "export" and entries[0].client_name == "Nadia Fictional"
    actions = {(e.action, e.entity) for e in entries}
    assert {("insert", "client"), ("insert", "episode"), ("export", "client")} <= actions
    assert any(e.entity == "measure" for e in entries)
    assert security.audit_event_count(practice) == len(entries)
    assert len(security.list_audit(practice, limit=2)) == 2
    assert all(e.client_id == filled.id for e in security.list_audit(practice, client_id=filled.id))
    # Only ids, actions and kinds: no clinical text in the trail.
    assert NOTE not in repr(entries)


def _tamper(practice, sql: str) -> None:
    conn = practice.db.raw_connection()
    try:
        conn.execute(sql)
    finally:
        conn.close()


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE audit_event SET action = 'update' WHERE id = 2", "altered"),
    ("DELETE FROM audit_event WHERE id = 2", "missing"),
])
def test_edited_or_deleted_event_is_detected_by_service_and_cli_check(practice, filled, passphrase,
                                                                     monkeypatch, capsys, sql, words):
    assert security.verify_audit_chain(practice).ok
    _tamper(practice, sql)
    report = security.verify_audit_chain(practice)
    assert not report.ok
    assert words in report.summary()
    practice.close()

    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    code = cli_main(["--data-dir", str(practice.data_dir), "check"])
    out = capsys.readouterr().out
    assert code == EXIT_UNREADABLE
    assert "Audit trail chain: " in out and words in out


def test_cli_check_passes_on_an_untouched_trail(practice, filled, passphrase, monkeypatch, capsys):
    practice.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    assert cli_main(["--data-dir", str(practice.data_dir), "check"]) == EXIT_OK
    assert "Audit trail chain: ok" in capsys.readouterr().out


def test_key_material_repr_hides_bytes():
    key = KeyMaterial(b"k" * 32, b"s" * 16)
    assert "6b6b" not in repr(key) and "kkkk" not in repr(key)


@pytest.mark.parametrize("first_byte", [b"{", b"<", b"\x00"])
def test_practice_reopens_whatever_byte_the_new_salt_starts_with(practice, filled, passphrase, monkeypatch,
                                                                first_byte):
    """The salt is the file's first 16 bytes; one that looks like JSON/XML must not be taken for a
    foreign file (this once refused ~1 in 128 practices)."""
    import os

    monkeypatch.setattr(security, "new_salt", lambda: first_byte + os.urandom(15))
    security.change_passphrase(practice, old_passphrase=passphrase, new_passphrase=NEW_PASSPHRASE)
    assert practice.db_path.read_bytes()[:1] == first_byte
    practice.close()
    with open_practice(practice.data_dir, passphrase=NEW_PASSPHRASE) as again:
        assert [s.first_name for s in list_clients(again)] == ["Nadia"]


def test_change_while_another_connection_holds_the_file_is_refused_and_changes_nothing(practice, filled,
                                                                                        passphrase):
    from ipt_desktop.services.errors import ServiceError

    other = practice.db.raw_connection()
    other.execute("BEGIN IMMEDIATE")  # e.g. a long write from a background job
    try:
        with pytest.raises(ServiceError) as caught:
            security.change_passphrase(practice, old_passphrase=passphrase, new_passphrase=NEW_PASSPHRASE)
        assert "nothing was changed" in caught.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not practice.closed
    assert [s.first_name for s in list_clients(practice)] == ["Nadia"]
    practice.close()
    with open_practice(practice.data_dir, passphrase=passphrase) as again:
        assert len(list_clients(again)) == 1
