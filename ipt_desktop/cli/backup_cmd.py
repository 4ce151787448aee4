"""``ipt-desktop backup create|verify|restore|list``: the same backups as the GUI's Backups dialog.

Exit codes follow cli/main.py: a refused backup (damaged, truncated, empty, foreign, newer) is 4,
a passphrase that does not open it is 3, a backup that could not be written is 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ipt_desktop.cli.common import no_practice_error, opened_practice, read_passphrase
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, Command
from ipt_desktop.services import backups
from ipt_desktop.services.cloud_sync import cloud_warning
from ipt_desktop.services.errors import DatabaseUnreadableError, NewerVersionError
from ipt_desktop.services.practice import open_practice, practice_exists, practice_is_encrypted


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="backup_action", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="write a checked, encrypted backup now")
    create.add_argument("-o", "--output", metavar="FILE", help="exact file to write (never overwritten)")
    create.add_argument("--folder", metavar="DIR", help="backup folder (default: DATA_DIR/backups)")
    verify = sub.add_parser("verify", help="check a backup without touching the practice; show what it holds")
    verify.add_argument("file", metavar="FILE")
    restore = sub.add_parser("restore", help="verify a backup, back up the current data, then restore it")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--folder", metavar="DIR", help="where the pre-restore backup goes")
    listing = sub.add_parser("list", help="list the backups in the backup folder, newest first")
    listing.add_argument("--folder", metavar="DIR", help="backup folder (default: DATA_DIR/backups)")


def run(args: argparse.Namespace) -> int:
    action = {"create": _create, "verify": _verify, "restore": _restore, "list": _list}[args.backup_action]
    return action(args)


def _folder(args: argparse.Namespace) -> Path | None:
    return Path(args.folder).expanduser() if getattr(args, "folder", None) else None


def _create(args: argparse.Namespace) -> int:
    dest = Path(args.output).expanduser() if args.output else None
    with opened_practice(args.data_dir) as practice:
        info = backups.create_backup(practice, dest=dest, folder=_folder(args), reason="manual")
    print(f"Backed up to {info.path}")
    for line in info.summary_lines()[1:]:
        print(f"  {line}")
    warning = cloud_warning(args.data_dir, info.path.parent)
    if warning:
        print(f"Note: {warning}")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    passphrase = None
    backups.check_header(path)  # an empty or foreign file is refused before asking for anything
    if not _is_plain(path):
        passphrase = read_passphrase()
    info = backups.verify_backup(path, passphrase=passphrase)
    print("The backup is intact and can be restored.")
    for line in info.summary_lines():
        print(f"  {line}")
    return EXIT_OK


def _is_plain(path: Path) -> bool:
    from ipt_desktop.store.keys import SQLITE_HEADER

    with open(path, "rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _restore(args: argparse.Namespace) -> int:
    from ipt_desktop.paths import PracticeLock
    from ipt_desktop.services.backup_restore import restore_closed

    path = Path(args.file).expanduser()
    backups.check_header(path)
    encrypted = not _is_plain(path) or (practice_exists(args.data_dir)
                                        and practice_is_encrypted(args.data_dir))
    passphrase = read_passphrase() if encrypted else None
    with PracticeLock(args.data_dir):
        # Refuse a bad backup before opening (and so before migrating) the live practice.
        backups.verify_backup(path, passphrase=passphrase if not _is_plain(path) else None)
        result = None
        if practice_exists(args.data_dir):
            try:
                practice = open_practice(args.data_dir, passphrase=passphrase)
            except NewerVersionError:
                raise
            except DatabaseUnreadableError:
                practice = None  # damaged: restore_closed moves it aside, nothing is wiped
            if practice is not None:
                try:
                    result = backups.restore_backup(practice, path=path, passphrase=passphrase,
                                                    folder=_folder(args))
                finally:
                    practice.close()
        if result is None:
            result = restore_closed(args.data_dir, path=path, passphrase=passphrase, folder=_folder(args))
    for line in result.summary_lines():
        print(line)
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    if not practice_exists(args.data_dir) and not args.folder:
        raise no_practice_error(args.data_dir)
    found = backups.list_backups(args.data_dir, folder=_folder(args))
    folder = backups.resolve_folder(args.data_dir, _folder(args))
    if not found:
        print(f"No backups in {folder}.")
        return EXIT_OK
    print(f"{len(found)} backup(s) in {folder}:")
    for info in found:
        when = f"{info.created_at:%Y-%m-%d %H:%M}" if info.created_at else "?"
        check = _CHECK_STATES.get(info.check_state, "")
        print(f"  {when}  {info.reason:<13} {_size(info.size_bytes):>9}  {check:<8} {info.path.name}")
    return EXIT_OK


# What the sidecar files say (services/backup_seals.py); "verify FILE" always gives the verdict.
_CHECK_STATES = {"sealed": "checked", "owed": "pending"}


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


COMMANDS.append(Command("backup", "create, verify, restore or list backups of the practice", configure, run))
