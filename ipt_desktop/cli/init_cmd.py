"""``ipt-desktop init``: create a new (encrypted by default) practice."""

from __future__ import annotations

import argparse

from ipt_desktop.cli.common import read_passphrase
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, EXIT_USAGE, Command, _say
from ipt_desktop.domain.records import PracticeProfile


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-passphrase", action="store_true",
                        help="store the practice file UNENCRYPTED (not recommended)")
    parser.add_argument("--therapist", metavar="NAME", default="", help="therapist's name for reports")
    parser.add_argument("--practice", metavar="NAME", default="", help="practice name for reports")


def run(args: argparse.Namespace) -> int:
    from ipt_desktop.paths import PracticeLock
    from ipt_desktop.services.practice import create_practice, practice_exists

    if practice_exists(args.data_dir):
        _say(f"There is already a practice in {args.data_dir}; nothing was changed.")
        return EXIT_USAGE
    passphrase = None if args.no_passphrase else read_passphrase(confirm=True)
    profile = PracticeProfile(therapist_name=args.therapist, practice_name=args.practice)
    with PracticeLock(args.data_dir):
        create_practice(args.data_dir, passphrase=passphrase, profile=profile).close()
    if passphrase is None:
        print(f"Created a practice in {args.data_dir}. The file is stored UNENCRYPTED: anyone who can "
              f"read this folder can read the records.")
    else:
        print(f"Created an encrypted practice in {args.data_dir}. Keep the passphrase safe: "
              f"without it the records cannot be read.")
    return EXIT_OK


COMMANDS.append(Command("init", "create a new practice (encrypted unless --no-passphrase)", configure, run))
