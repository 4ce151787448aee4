"""The full integrity check reports an intact file, and a tampered audit trail."""

from __future__ import annotations

from ipt_desktop.services.clients import create_client
from ipt_desktop.services.integrity import check_practice


def test_fresh_practice_is_intact(practice):
    create_client(practice, first_name="Ana", last_name="Check")
    report = check_practice(practice)
    assert report.ok
    names = [item.name for item in report.items]
    assert names == ["Database pages and indexes", "Links between records", "Encryption page checksums",
                     "Audit trail chain"]
    assert report.lines()[-1] == "The practice file is intact."


def test_tampered_audit_event_is_found(practice):
    create_client(practice, first_name="Ana", last_name="Check")
    create_client(practice, first_name="Ben", last_name="Check")
    with practice.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_event SET action = 'delete' WHERE id = 2")
    report = check_practice(practice)
    assert not report.ok
    chain = report.items[-1]
    assert chain.problems and "altered" in chain.problems[0]
    assert "backup" in report.lines()[-1]
