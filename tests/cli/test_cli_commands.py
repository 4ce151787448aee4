"""Every command in-process: output, exit codes, and the messages a user sees on stderr."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import pytest

from ipt_desktop.cli import main as cli_main
from ipt_desktop.paths import PracticeLock, log_file
from ipt_desktop.services.practice import DB_FILENAME, practice_is_encrypted

# A copy of the shared sample (a fictional IPT-A adolescent), kept in the repo so CI always runs
# the round trip rather than skipping it.
SAMPLE = Path(__file__).resolve().parents[1] / "services" / "samples" / "client-example.json"
SAMPLE_ID = "c3a1e0b2-7d4f-4e55-9f10-2b6c8d9e0f11"


@pytest.fixture
def sample_file() -> Path:
    return SAMPLE


@pytest.fixture
def initialised(cli, capsys):
    assert cli("init", "--therapist", "Dr Zoë Example") == 0
    capsys.readouterr()
    return cli


def test_init_creates_an_encrypted_practice(cli, data_dir, capsys):
    assert cli("init", "--practice", "Fjord IPT") == 0
    out = capsys.readouterr().out
    assert "encrypted" in out and practice_is_encrypted(data_dir)
    assert cli("init") == 2
    assert "already a practice" in capsys.readouterr().err


def test_init_without_passphrase_only_when_asked_and_says_so(cli, data_dir, capsys, monkeypatch):
    monkeypatch.delenv("IPT_DESKTOP_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: cannot prompt
    assert cli("init") == 3
    assert "IPT_DESKTOP_PASSPHRASE" in capsys.readouterr().err
    assert not (data_dir / DB_FILENAME).exists()
    assert cli("init", "--no-passphrase") == 0
    assert "UNENCRYPTED" in capsys.readouterr().out
    assert not practice_is_encrypted(data_dir)
    assert cli("clients") == 0  # no passphrase needed for a plain file


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_init_prompts_twice_on_a_terminal(cli, data_dir, capsys, monkeypatch):
    monkeypatch.delenv("IPT_DESKTOP_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", FakeTty())
    answers = iter(["first one", "second one"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli("init") == 3
    assert "do not match" in capsys.readouterr().err
    assert not (data_dir / DB_FILENAME).exists()
    answers = iter(["same phrase", "same phrase", "same phrase"])
    assert cli("init") == 0
    assert cli("clients") == 0  # prompted once more to open


def test_commands_without_a_practice_suggest_init(cli, capsys):
    for command in (["clients"], ["export", "x"], ["check"], ["import", "missing.json"]):
        assert cli(*command) == 2
        err = capsys.readouterr().err
        assert "ipt-desktop init" in err or "Cannot read" in err


def test_import_export_round_trip(initialised, sample_file, tmp_path, capsys):
    assert initialised("import", str(sample_file)) == 0
    assert capsys.readouterr().out.strip() == SAMPLE_ID
    assert initialised("export", SAMPLE_ID) == 0
    exported = json.loads(capsys.readouterr().out)
    original = json.loads(sample_file.read_text(encoding="utf-8"))
    assert exported["client"] == original["client"]
    assert len(exported["episodes"][0]["sessions"]) == 12
    out_file = tmp_path / "out.json"
    assert initialised("export", SAMPLE_ID, "-o", str(out_file)) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out_file.read_text(encoding="utf-8")) == exported


def test_import_refuses_existing_client_unless_replace(initialised, sample_file, capsys):
    assert initialised("import", str(sample_file)) == 0
    capsys.readouterr()
    assert initialised("import", str(sample_file)) == 2
    assert "--replace" in capsys.readouterr().err
    assert initialised("import", str(sample_file), "--replace") == 0


def test_invalid_file_lists_every_problem_and_imports_nothing(initialised, sample_file, tmp_path, capsys):
    data = json.loads(sample_file.read_text(encoding="utf-8"))
    data["episodes"][0]["measures"][1]["items"][3] = 7
    data["episodes"][0]["inventory"][0]["closeness"] = 9
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert initialised("import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "2 problems found; nothing was imported." in err
    assert "episodes[0].measures[1].items[3]" in err and "episodes[0].inventory[0].closeness" in err
    assert "Traceback" not in err
    assert initialised("clients", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_not_json_and_unreadable_files(initialised, tmp_path, capsys):
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    assert initialised("import", str(junk)) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert initialised("import", str(tmp_path / "nope.json")) == 2
    assert "Cannot read" in capsys.readouterr().err


def test_clients_table_and_json(initialised, capsys):
    assert initialised("demo") == 0
    assert "Added 6 demo clients" in capsys.readouterr().out
    assert initialised("demo") == 0
    assert "already there" in capsys.readouterr().out
    assert initialised("clients") == 0
    table = capsys.readouterr().out
    assert "Søren Lindqvist" in table and "PHQ-9 19 RISK" in table
    assert initialised("clients", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6 and {"id", "first_name", "latest_total", "latest_risk"} <= set(rows[0])


def test_demo_creates_the_practice_when_needed(cli, data_dir, capsys):
    assert cli("demo") == 0
    out = capsys.readouterr().out
    assert "Created an encrypted practice" in out and "Added 6 demo clients" in out


def test_export_unknown_client(initialised, capsys):
    assert initialised("export", "no-such-client") == 2
    assert "no client" in capsys.readouterr().err.lower()


def test_check_reports_intact(initialised, capsys):
    assert initialised("check") == 0
    out = capsys.readouterr().out
    assert "Audit trail chain: ok" in out and "intact" in out


def test_wrong_passphrase_exit_3(initialised, monkeypatch, capsys):
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", "not it")
    assert initialised("clients") == 3
    assert "passphrase is not correct" in capsys.readouterr().err


def test_practice_in_use_exit_5(initialised, data_dir, capsys):
    lock = PracticeLock(data_dir)
    assert lock.try_acquire()
    try:
        assert initialised("clients") == 5
        assert capsys.readouterr().err.strip() == (
            "ipt-desktop: This practice is already open in another IPT Desktop window.")
    finally:
        lock.release()
    assert initialised("clients") == 0


def test_damaged_database_exit_4(initialised, data_dir, capsys):
    assert initialised("demo") == 0
    path = data_dir / DB_FILENAME
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 8192] = bytes(8192)  # two pages wiped: their HMACs no longer match
    path.write_bytes(bytes(data))
    capsys.readouterr()
    assert initialised("clients") == 4
    err = capsys.readouterr().err
    assert "backup" in err.lower() and "Traceback" not in err


def test_unexpected_error_goes_to_the_log_not_the_screen(initialised, data_dir, capsys, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr("ipt_desktop.services.clients.list_clients", explode)
    assert initialised("clients") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal detail" not in err and str(log_file(data_dir)) in err
    assert "RuntimeError: internal detail" in log_file(data_dir).read_text(encoding="utf-8")


def test_usage_errors_and_version(cli, capsys):
    assert cli("frobnicate") == 2
    assert cli("clients", "--bogus") == 2
    assert cli_main.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("ipt-desktop ")


def test_data_dir_from_environment(tmp_path, passphrase, monkeypatch, capsys):
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", passphrase)
    monkeypatch.setenv("IPT_DESKTOP_DATA_DIR", str(tmp_path / "from-env"))
    assert cli_main.main(["init"]) == 0
    assert (tmp_path / "from-env" / DB_FILENAME).is_file()


def test_no_command_starts_the_gui_with_the_data_dir(data_dir, monkeypatch):
    calls = []
    fake = types.ModuleType("ipt_desktop.ui.app")
    fake.run_gui = lambda data_dir, argv: calls.append((data_dir, argv)) or 0
    monkeypatch.setitem(sys.modules, "ipt_desktop.ui.app", fake)
    assert cli_main.main(["--data-dir", str(data_dir), "--smoke-test"]) == 0
    assert calls and calls[0][0] == data_dir and calls[0][1][1:] == ["--smoke-test"]


def test_registry_has_the_commands_and_accepts_more():
    names = [c.name for c in cli_main.load_commands()]
    assert {"init", "demo", "clients", "import", "export", "check"} <= set(names)
    parser = cli_main.build_parser()
    assert parser.prog == "ipt-desktop"


def test_sql_parameters_never_reach_the_log(initialised, data_dir, monkeypatch):
    class IntegrityError(Exception):
        pass

    def explode(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: client.id\n[SQL: INSERT INTO client ...]\n"
                             "[parameters: ('Secret Clinical Note',)]")

    monkeypatch.setattr("ipt_desktop.services.clients.list_clients", explode)
    assert initialised("clients") == 1
    text = log_file(data_dir).read_text(encoding="utf-8")
    assert "UNIQUE constraint failed" in text and "Secret Clinical Note" not in text
