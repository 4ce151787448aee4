"""``ipt-desktop demo``: add fictional demo clients (creating the practice if needed)."""

from __future__ import annotations

import argparse

from ipt_desktop.cli.common import opened_practice, read_passphrase
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, Command


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-passphrase", action="store_true",
                        help="when a new practice is created, store it UNENCRYPTED")


def run(args: argparse.Namespace) -> int:
    from ipt_desktop.paths import PracticeLock
    from ipt_desktop.services.demo import DEMO_PROFILE, add_demo_clients
    from ipt_desktop.services.practice import create_practice, practice_exists

    if practice_exists(args.data_dir):
        with opened_practice(args.data_dir) as practice:
            changes = add_demo_clients(practice)
    else:
        passphrase = None if args.no_passphrase else read_passphrase(confirm=True)
        with PracticeLock(args.data_dir):
            practice = create_practice(args.data_dir, passphrase=passphrase, profile=DEMO_PROFILE)
            try:
                changes = add_demo_clients(practice)
            finally:
                practice.close()
        print(f"Created {'an encrypted' if passphrase else 'an UNENCRYPTED'} practice in {args.data_dir}.")
    added = len(changes.client_ids)
    print(f"Added {added} demo client{'s' if added != 1 else ''}." if added
          else "The demo clients are already there; nothing was added.")
    return EXIT_OK


COMMANDS.append(Command("demo", "add fictional demo clients (creates the practice if needed)",
                        configure, run))
