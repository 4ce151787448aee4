"""``ipt-desktop backup create|verify|restore|list`` with real files and real exit codes."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.practice import open_practice

REPO_ROOT = Path(__file__).resolve().parents[2]


def _names(data_dir, passphrase) -> list[str]:
    practice = open_practice(data_dir, passphrase=passphrase)
    try:
        return sorted(s.first_name for s in list_clients(practice))
    finally:
        practice.close()


def _add(data_dir, passphrase, first: str) -> None:
    practice = open_practice(data_dir, passphrase=passphrase)
    try:
        create_client(practice, first_name=first, last_name="Fictional", notes="fictional note")
    finally:
        practice.close()


def _only_backup(data_dir):
    found = sorted((data_dir / "backups").glob("*.ipt-backup"))
    assert len(found) == 1, found
    return found[0]


def test_create_list_verify_restore_round_trip(cli, data_dir, passphrase, capsys):
    assert cli("init") == 0
    _add(data_dir, passphrase, "Ada")
    assert cli("backup", "create") == 0
    backup = _only_backup(data_dir)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.name.startswith("practice-") and backup.name.endswith("-manual.ipt-backup")
    _add(data_dir, passphrase, "Bea")
    capsys.readouterr()
    assert cli("backup", "list") == 0
    listed = capsys.readouterr().out
    assert backup.name in listed and " checked " in listed  # sealed by its full check
    assert cli("backup", "verify", str(backup)) == 0
    out = capsys.readouterr().out
    assert "Clients: 1" in out and "Schema version: 0002" in out and "Last change:" in out
    assert cli("backup", "restore", str(backup)) == 0
    assert "Restored" in capsys.readouterr().out
    assert _names(data_dir, passphrase) == ["Ada"]
    names = sorted(p.name for p in (data_dir / "backups").glob("*.ipt-backup"))
    assert len(names) == 2 and any(n.endswith("-pre-restore.ipt-backup") for n in names)


def test_create_to_an_explicit_file(cli, data_dir, tmp_path):
    assert cli("init") == 0
    target = tmp_path / "usb" / "copy.ipt-backup"
    target.parent.mkdir()
    assert cli("backup", "create", "-o", str(target)) == 0
    assert target.is_file()
    assert cli("backup", "create", "-o", str(target)) == 1  # never overwritten


def test_bad_files_get_their_own_message_and_exit_code(run_program, data_dir, passphrase, tmp_path):
    assert run_program("init").returncode == 0
    assert run_program("backup", "create").returncode == 0
    good = _only_backup(data_dir)
    live = hashlib.sha256((data_dir / "practice.ipt").read_bytes()).hexdigest()
    data = good.read_bytes()
    files = {"empty": b"", "pdf": b"%PDF-1.4\n" + b"x" * 5000, "truncated": data[: len(data) // 2 + 5]}
    damaged = bytearray(data)
    damaged[2 * 4096 + 77] ^= 0x08
    files["damaged"] = bytes(damaged)
    messages = {}
    for name, content in files.items():
        path = tmp_path / f"{name}.ipt-backup"
        path.write_bytes(content)
        for action in ("verify", "restore") if name in ("damaged", "pdf") else ("verify",):
            done = run_program("backup", action, str(path))
            assert done.returncode == 4, (name, action, done.stderr)
            assert "Traceback" not in done.stderr
            messages.setdefault(name, done.stderr.strip())
    assert len(set(messages.values())) == len(messages)  # each kind says something different
    wrong = run_program("backup", "verify", str(good), env={"IPT_DESKTOP_PASSPHRASE": "not it"})
    assert wrong.returncode == 3 and "passphrase" in wrong.stderr
    assert hashlib.sha256((data_dir / "practice.ipt").read_bytes()).hexdigest() == live


def test_restore_onto_a_new_computer_without_a_practice(cli, data_dir, passphrase, tmp_path):
    assert cli("init") == 0
    _add(data_dir, passphrase, "Ada")
    target = tmp_path / "carried.ipt-backup"
    assert cli("backup", "create", "-o", str(target)) == 0
    fresh = tmp_path / "new-computer"
    from ipt_desktop.cli.main import main

    assert main(["--data-dir", str(fresh), "backup", "restore", str(target)]) == 0
    assert _names(fresh, passphrase) == ["Ada"]


def test_list_without_practice_says_so(cli, capsys):
    assert cli("backup", "list") == 2


def test_a_reader_that_stops_reading_is_not_an_error(cli, data_dir, passphrase):
    """``ipt-desktop backup create | head -1``: the backup is written and nothing alarming is said."""
    assert cli("init") == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPT_DESKTOP_")}
    env.update({"IPT_DESKTOP_PASSPHRASE": passphrase, "PYTHONPATH": str(REPO_ROOT)})
    proc = subprocess.Popen([sys.executable, "-m", "ipt_desktop", "--data-dir", str(data_dir), "backup",
                             "create"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    proc.stdout.close()  # the reader is gone before the first line is written (start-up takes longer)
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, stderr
    assert "unexpected" not in stderr.lower() and "Traceback" not in stderr
    assert len(list((data_dir / "backups").glob("*-manual.ipt-backup"))) == 1
    assert "failed unexpectedly" not in (data_dir / "logs" / "ipt-desktop.log").read_text()
