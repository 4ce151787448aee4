"""``ipt-desktop check``: full integrity check of the practice file and its audit chain."""

from __future__ import annotations

import argparse

from ipt_desktop.cli.common import opened_practice
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, EXIT_UNREADABLE, Command


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from ipt_desktop.services.integrity import check_practice

    with opened_practice(args.data_dir) as practice:
        report = check_practice(practice)
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_UNREADABLE


COMMANDS.append(Command("check", "check the practice file's integrity (pages, keys, encryption, audit chain)",
                        configure, run))
