"""A writer process for the kill -9 tests: a small fork server driving the REAL services.

Started once per test as ``python writer.py``; stdin line 1 is JSON {"data_dir", "passphrase"}.
It imports the app and stretches the passphrase once, prints ``ready``, then for each command
line it forks a worker (a real process with its own SQLite connections) and reports
``pid <n>``; the worker opens the practice and writes, printing one ``ack`` line after each
commit returns; the parent test SIGKILLs the worker whenever it likes. When the worker is gone
the server prints ``done <wait status>``. Forking from a ready process keeps 50+ kills inside the
time budget (a fresh interpreter per run costs ~1 s); the server never opens the database itself,
so no connection or lock is shared with a worker.

Commands (JSON): {"run": r, "mode": "notes"} writes clients with notes until killed;
{"run": r, "mode": "backups"} takes automatic backups until killed; {"run": r, "mode": "restore",
"backup": path} alternates one write and a restore of that backup; "quit" ends the server.
"""

from __future__ import annotations

import json
import os
import sys


def note_text(run: int, index: int) -> str:
    # Distinctive fictional text: the plaintext scan looks for it in every file on disk.
    text = f"Kill note {run}-{index}: Quentin Fictional rehearsed the allotment conversation. "
    return text * (1 + index % 7)


def _worker(data_dir, key, command) -> None:
    from ipt_desktop.services import backups
    from ipt_desktop.services.clients import create_client, update_client
    from ipt_desktop.services.practice import open_practice_with_key

    practice = open_practice_with_key(data_dir, key=key)
    print("open", flush=True)
    run = command["run"]
    for index in range(100_000):
        if command["mode"] == "restore":
            # Alternate a write and a restore of the same backup: a kill lands in either.
            create_client(practice, first_name=f"Run{run}", last_name=f"Write{index}", notes="fictional")
            print(f"ack {run} {index} write", flush=True)
            backups.restore_backup(practice, path=command["backup"])
            print(f"ack {run} {index} restore", flush=True)
            continue
        if command["mode"] == "backups":
            info = backups.create_backup(practice, reason="auto")
            print(f"ack {run} {index} {info.path.name}", flush=True)
            continue
        client, _ = create_client(practice, first_name=f"Run{run}", last_name=f"Write{index}",
                                  notes=note_text(run, index))
        if index % 4 == 3:  # updates as well as inserts, so both paths are killed mid-way
            import dataclasses

            edited = dataclasses.replace(client, notes=note_text(run, index) + " (edited)")
            update_client(practice, client=edited)
        print(f"ack {run} {index}", flush=True)


def main() -> None:
    # Imported here, before any fork, so a worker starts writing within milliseconds.
    from ipt_desktop.services import backups, clients  # noqa: F401
    from ipt_desktop.services.practice import unlock_key
    from ipt_desktop.store.restore import clone_key

    config = json.loads(sys.stdin.readline())
    key = unlock_key(config["data_dir"], config["passphrase"])
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command == "quit":
            break
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                _worker(config["data_dir"], clone_key(key) if key is not None else None, command)
            except BaseException as exc:  # noqa: BLE001 - report, never fall back into the server loop
                print(f"error {type(exc).__name__}: {exc}", flush=True)
                status = 1
            finally:
                os._exit(status)
        print(f"pid {pid}", flush=True)
        _, wait_status = os.waitpid(pid, 0)
        print(f"done {wait_status}", flush=True)


if __name__ == "__main__":
    main()
