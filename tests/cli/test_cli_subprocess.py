"""The real program in a subprocess: exit codes as a shell script sees them, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys


def test_version(run_program):
    result = run_program("--version", data=False)
    assert result.returncode == 0 and result.stdout.startswith("ipt-desktop ")


def test_exit_codes_of_a_session(run_program, data_dir, tmp_path):
    assert run_program("clients").returncode == 2  # no practice yet
    created = run_program("init", "--therapist", "Dr Zoë Example")
    assert created.returncode == 0, created.stderr
    demo = run_program("demo")
    assert demo.returncode == 0 and "Added 6" in demo.stdout
    listed = run_program("clients", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 6

    wrong = run_program("clients", env={"IPT_DESKTOP_PASSPHRASE": "wrong"})
    assert wrong.returncode == 3 and wrong.stderr.strip() == "ipt-desktop: The passphrase is not correct."

    missing = run_program("clients", env={"IPT_DESKTOP_PASSPHRASE": ""})  # and stdin is not a terminal
    assert missing.returncode == 3

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ipt-desktop/client", "format_version": 1, "client": {"first_name": "A"}}',
                   encoding="utf-8")
    invalid = run_program("import", str(bad))
    assert invalid.returncode == 2 and "client.last_name: is required" in invalid.stderr

    usage = run_program("export")
    assert usage.returncode == 2 and "CLIENT_ID" in usage.stderr
    for result in (wrong, missing, invalid, usage):
        assert "Traceback" not in result.stderr


def test_in_use_exit_5_while_another_process_holds_the_lock(run_program, data_dir):
    assert run_program("init", "--no-passphrase").returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from ipt_desktop.paths import PracticeLock;"
         "lock = PracticeLock(Path(sys.argv[1])); assert lock.try_acquire(); print('locked', flush=True);"
         "sys.stdin.readline()", str(data_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = run_program("clients")
        assert result.returncode == 5
        assert result.stderr.strip() == "ipt-desktop: This practice is already open in another IPT Desktop window."
    finally:
        holder.communicate("\n", timeout=30)
    assert run_program("clients").returncode == 0  # released when the other process ends
