"""``ipt-desktop clients``: list the clients (a table, or JSON with --json)."""

from __future__ import annotations

import argparse
import dataclasses
import json

from ipt_desktop.cli.common import opened_practice
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, Command
from ipt_desktop.domain.measures import INSTRUMENTS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--status", choices=("all", "active", "discharged"), default="all",
                        help="which clients to list (default: all)")


def run(args: argparse.Namespace) -> int:
    from ipt_desktop.services.clients import list_clients

    with opened_practice(args.data_dir) as practice:
        rows = list_clients(practice, status=args.status)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No clients yet.")
        return EXIT_OK
    table = [("ID", "NAME", "STATUS", "PROTOCOL", "ATTENDED", "LATEST")]
    for r in rows:
        latest = "" if r.latest_total is None else f"{_short_name(r.latest_instrument)} {r.latest_total}"
        if r.latest_risk:
            latest += " RISK"
        table.append((r.id, r.full_name, r.status, r.protocol or "", str(r.sessions_attended), latest))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return EXIT_OK


def _short_name(key: str | None) -> str:
    instrument = INSTRUMENTS.get(key or "")
    return instrument.short_name if instrument else (key or "")


COMMANDS.append(Command("clients", "list the clients", configure, run))
