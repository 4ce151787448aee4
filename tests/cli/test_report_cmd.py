"""``ipt-desktop report``: writes the PDF only where asked, atomically; clear exit 2 errors."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ipt_desktop.cli.main import main
from ipt_desktop.domain.records import (
    Client, ClientRecord, Discharge, Episode, MeasureAdministration, Session,
)
from ipt_desktop.services.exchange import store_client_record

CLIENT = Client(id="c-dmitri", first_name="Дмитрий", last_name="Żółć-Núñez", date_of_birth="1979-12-01",
                status="discharged")
SESSIONS = tuple(Session(id=f"s{n}", number=n, scheduled_at=f"2026-0{1 + n // 5}-{10 + n % 5:02d}T10:00",
                         status="attended" if n <= 6 else "scheduled", notes=f"Note {n} <b>&")
                 for n in range(1, 9))
EPISODE = Episode(
    id="e-b", protocol="ipt-b-8", start_date="2026-01-01", end_date="2026-03-10",
    discharge=Discharge(date="2026-03-10", reason="completed", summary="Finished well."),
    sessions=SESSIONS,
    measures=(MeasureAdministration("m1", "phq9", "2026-01-11", (2,) * 9, 1),
              MeasureAdministration("m2", "phq9", "2026-02-10", (1, 1, 0, 0, 0, 0, 0, 0, 0), 5)))


@pytest.fixture
def data(practice, passphrase, monkeypatch):
    store_client_record(practice, record=ClientRecord(CLIENT, (EPISODE,)))
    practice.close()  # the command opens the practice itself, under its lock
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    return practice.data_dir


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "report", *args])


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_session_note_is_written(data, tmp_path, capsys):
    out = tmp_path / "out" / "note.pdf"
    out.parent.mkdir()
    assert run(data, "session", CLIENT.id, "--session", "3", "-o", str(out)) == 0
    text = pdf_text(out)
    assert "Session 3 of 8" in text and "Дмитрий Żółć-Núñez" in text and "Note 3 <b>&" in text
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind
    assert f"Wrote {out}" in capsys.readouterr().out


@pytest.mark.parametrize("kind, expected", [("progress", "Progress report"),
                                            ("discharge", "Finished well."),
                                            ("inventory", "No people recorded in the inventory yet.")])
def test_other_reports_are_written(data, tmp_path, kind, expected):
    out = tmp_path / f"{kind}.pdf"
    assert run(data, kind, CLIENT.id, "--episode", EPISODE.id, "-o", str(out)) == 0
    assert expected in pdf_text(out)


def test_session_note_without_session_number(data, tmp_path, capsys):
    out = tmp_path / "note.pdf"
    assert run(data, "session", CLIENT.id, "-o", str(out)) == 2
    assert "--session N" in capsys.readouterr().err
    assert not out.exists()


def test_session_that_does_not_exist_keeps_the_old_file(data, tmp_path, capsys):
    out = tmp_path / "note.pdf"
    out.write_bytes(b"earlier file")
    assert run(data, "session", CLIENT.id, "--session", "12", "-o", str(out)) == 2
    assert "Session 12 does not exist in this episode (sessions 1-8)." in capsys.readouterr().err
    assert out.read_bytes() == b"earlier file"


def test_discharge_summary_of_a_client_not_discharged(practice, passphrase, monkeypatch, tmp_path, capsys):
    active = dataclasses.replace(EPISODE, discharge=None, end_date=None)
    store_client_record(practice, record=ClientRecord(dataclasses.replace(CLIENT, status="active"), (active,)))
    practice.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    out = tmp_path / "discharge.pdf"
    assert run(practice.data_dir, "discharge", CLIENT.id, "-o", str(out)) == 2
    assert "has not been discharged" in capsys.readouterr().err
    assert not out.exists()


def test_unknown_client_and_unwritable_target(data, tmp_path, capsys):
    assert run(data, "progress", "nobody", "-o", str(tmp_path / "x.pdf")) == 2
    assert "no client with id nobody" in capsys.readouterr().err
    assert run(data, "progress", CLIENT.id, "-o", str(tmp_path / "missing" / "x.pdf")) == 1
    assert "Cannot write" in capsys.readouterr().err
    assert run(data, "progress", CLIENT.id, "-o", str(tmp_path)) == 2
    assert "is a folder" in capsys.readouterr().err


def test_output_is_required(data, capsys):
    assert run(data, "progress", CLIENT.id) == 2
    assert "-o/--output" in capsys.readouterr().err
