"""``ipt-desktop report KIND CLIENT_ID -o FILE.pdf``: print a session note, progress report,
discharge summary or interpersonal inventory to a PDF file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ipt_desktop.cli.common import opened_practice, write_atomically
from ipt_desktop.cli.main import COMMANDS, EXIT_OK, EXIT_USAGE, Command, _say
from ipt_desktop.reports import KINDS  # light: ReportLab loads only when a report renders


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a session number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a session number of 1 or more, got {value}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS,
                        help="session note, progress report, discharge summary or inventory sheet")
    parser.add_argument("client_id", metavar="CLIENT_ID", help="the client's id (see `ipt-desktop clients`)")
    parser.add_argument("--session", type=positive_int, metavar="N",
                        help="session number (required for a session note)")
    parser.add_argument("--episode", metavar="EPISODE_ID", help="episode id (default: the latest episode)")
    parser.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="the PDF file to write")


def run(args: argparse.Namespace) -> int:
    from ipt_desktop.services.reports import render_report

    if args.kind == "session" and args.session is None:
        _say("A session note needs the session number: add --session N.")
        return EXIT_USAGE
    output = Path(args.output)
    if output.is_dir():
        _say(f"{output} is a folder; give a file name such as {output / 'report.pdf'}.")
        return EXIT_USAGE
    with opened_practice(args.data_dir) as practice:
        pdf = render_report(practice, kind=args.kind, client_id=args.client_id,
                            session_number=args.session if args.kind == "session" else None,
                            episode_id=args.episode)
    write_atomically(output, pdf, prefix=".ipt-report-", suffix=".pdf")
    print(f"Wrote {output}")
    return EXIT_OK


COMMANDS.append(Command("report", "print a session note, progress report, discharge summary or "
                                  "interpersonal inventory to a PDF file", configure, run))
