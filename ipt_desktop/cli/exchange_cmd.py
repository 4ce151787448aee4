"""``ipt-desktop import`` / ``export``: one client as a JSON file in the exchange format."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ipt_desktop.cli.common import opened_practice, write_atomically
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, EXIT_USAGE, Command, _say, report_validation
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.errors import ClientExistsError


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="JSON file in the exchange format ('-' for stdin)")
    parser.add_argument("--replace", action="store_true",
                        help="replace a client that already exists with the same id")


def run_import(args: argparse.Namespace) -> int:
    from ipt_desktop.services.exchange import import_client

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _say(f"Cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}.")
        return EXIT_USAGE
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        _say(f"{args.file} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
             f"nothing was imported.")
        return EXIT_USAGE
    with opened_practice(args.data_dir) as practice:
        try:
            client_id, _changes = import_client(practice, data=data, replace=args.replace)
        except ValidationFailed as exc:
            return report_validation(exc, "Nothing was imported")
        except ClientExistsError as exc:
            _say(f"{exc.message.split('; ')[0]}; nothing was imported. Use --replace to overwrite them.")
            return exc.exit_code
    print(client_id)
    return EXIT_OK


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("client_id", metavar="CLIENT_ID", help="the client's id (see `ipt-desktop clients`)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run_export(args: argparse.Namespace) -> int:
    from ipt_desktop.services.exchange import export_client

    with opened_practice(args.data_dir) as practice:
        document = export_client(practice, client_id=args.client_id)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    write_atomically(Path(args.output), text, prefix=".ipt-export-")
    return EXIT_OK


COMMANDS.append(Command("import", "import one client from a JSON file; prints the client id",
                        configure_import, run_import))
COMMANDS.append(Command("export", "export one client as JSON", configure_export, run_export))
