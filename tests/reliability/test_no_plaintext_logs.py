"""No clinical text in the log file, and no temporary files left behind.

A session of real use with the log file switched on at DEBUG: a client with notes, a session
note typed in the session editor, a measure, export and a PDF report from the command line, a
backup, a save that fails because the disk is full and one that fails unexpectedly inside
SQLite (whose error message would carry the SQL parameters — the note — if nothing hid them).
Then: not one note appears in data_dir/logs/*, and no file with our temporary prefixes is left
in the temp folder, the data folder or beside the exported files.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import event

from ipt_desktop.cli.main import main as cli_main
from ipt_desktop.paths import configure_logging, log_file
from ipt_desktop.services.backups import create_backup
from ipt_desktop.services.clients import create_client, get_client_record
from ipt_desktop.services.episodes import start_episode
from ipt_desktop.services.measures import record_measure

CLIENT_NOTE = "Fictional intake: sleeps badly since the move to Tillbury Lane"
SESSION_NOTE = "Fictional session: grief about grandmother Edwina resurfaced"
RISK_NOTE = "Fictional risk: denies plan, safety card reviewed"
SURNAME = "Quenby-Fictional"
SECRETS = (CLIENT_NOTE, SESSION_NOTE, RISK_NOTE, "Tillbury", "Edwina", "safety card")
TEMP_PREFIXES = ("ipt-desktop-", ".ipt-", "ipt-screenshots-")


@pytest.fixture
def logging_on(data_dir, restore_logging):
    """The app's own log file, at DEBUG, removed again afterwards (root logger is global)."""
    path = configure_logging(data_dir, level=logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    return path


@pytest.fixture
def temp_dir(tmp_path, monkeypatch) -> Path:
    """A private temp folder for this test so the scan sees only what this session made."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def _session_editor(qtbot, ctx, episode_id: str, client_id: str, number: int = 1):
    from ipt_desktop.ui.session_editor.dialog import SessionEditorDialog

    record = get_client_record(ctx.practice, client_id=client_id)
    episode = next(e for e in record.episodes if e.id == episode_id)
    session = next(s for s in episode.sessions if s.number == number)
    dialog = SessionEditorDialog(ctx, episode, session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _disk_full(engine) -> None:
    """Every new pooled connection may not grow the file: SQLite then reports SQLITE_FULL."""

    @event.listens_for(engine, "connect")
    def _cap(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    return _cap


def test_a_session_of_use_leaves_no_clinical_text_in_logs_and_no_temp_files(
        qtbot, qapp, practice, passphrase, data_dir, tmp_path, logging_on, temp_dir, monkeypatch):
    from PySide6.QtCore import QSettings

    from ipt_desktop.ui.context import AppContext
    from ipt_desktop.ui.interaction import ScriptedInteraction
    from ipt_desktop.ui.settings import UiSettings

    ctx = AppContext(practice=practice, interaction=ScriptedInteraction(),
                     settings=UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    client, _ = create_client(practice, first_name="Wren", last_name=SURNAME, notes=CLIENT_NOTE,
                              emergency_contact="Fictional sister, 0700 000 000")
    episode, _ = start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-03-02")
    record_measure(practice, episode_id=episode.id, instrument="phq9", administered_on="2026-03-02",
                   items=[2, 2, 1, 1, 1, 2, 1, 1, 1], session_number=1)

    # A session note typed in the real editor and saved.
    editor = _session_editor(qtbot, ctx, episode.id, client.id)
    editor.form.notes.setPlainText(SESSION_NOTE)
    editor.form.risk_notes.setPlainText(RISK_NOTE)
    assert editor.flush()
    stored = get_client_record(practice, client_id=client.id).episodes[0].sessions[0]
    assert stored.notes == SESSION_NOTE

    # Export, a PDF and a backup from the command line (same log file), in a folder of their own.
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    assert cli_main(["--data-dir", str(data_dir), "export", client.id, "-o", str(out / "client.json")]) == 0
    assert CLIENT_NOTE in (out / "client.json").read_text(encoding="utf-8")
    assert cli_main(["--data-dir", str(data_dir), "report", "session", client.id, "--session", "1",
                     "-o", str(out / "note.pdf")]) == 0
    assert (out / "note.pdf").read_bytes().startswith(b"%PDF")
    create_backup(practice, dest=out / "backup.ipt")

    # A save that fails because the disk is full: the text stays, the reason is shown.
    cap = _disk_full(practice.db.engine)
    editor.form.notes.setPlainText(SESSION_NOTE + " (continued) " + "x" * 60_000)
    assert not editor.flush()
    assert editor.form.notes.toPlainText().startswith(SESSION_NOTE)
    assert ctx.interaction.messages and ctx.interaction.messages[-1][0] == "warn"
    event.remove(practice.db.engine, "connect", cap)
    practice.db.engine.dispose()

    # A save that fails unexpectedly inside SQLite (a trigger aborts the UPDATE): SQLAlchemy's
    # error text would include the statement's parameters, i.e. the note.
    conn = practice.db.raw_connection()
    try:
        conn.execute("CREATE TRIGGER test_abort BEFORE UPDATE ON session "
                     "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END")
    finally:
        conn.close()
    editor.form.notes.setPlainText(SESSION_NOTE + " (second try)")
    assert not editor.flush()
    conn = practice.db.raw_connection()
    try:
        conn.execute("DROP TRIGGER test_abort")
    finally:
        conn.close()
    editor.discard_and_close()

    for handler in logging.getLogger().handlers:
        handler.flush()
    logs = sorted((data_dir / "logs").glob("*"))
    assert logs and log_file(data_dir) in logs
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    assert text.strip(), "the log file is empty: the session above did not exercise logging"
    leaked = [s for s in SECRETS if s in text]
    assert leaked == [], f"clinical text in the log: {leaked}"

    left = [p for folder in (temp_dir, data_dir, out) for p in folder.rglob("*")
            if p.is_file() and (p.name.startswith(TEMP_PREFIXES) or p.suffix in (".tmp", ".encrypting"))]
    assert left == [], f"temporary files left behind: {left}"
