"""Argument parsing and dispatch for ``ipt-desktop``.

Each command lives in its own module and registers itself by appending a ``Command`` to
``COMMANDS`` when imported; ``load_commands`` imports the built-in modules plus the optional
``report_cmd`` / ``backup_cmd`` modules when they exist, so later commands plug in without
editing this file's dispatch. With no command the GUI starts (imported lazily, so command-line
use never loads QtWidgets).

Exit codes: 0 ok; 2 bad usage or invalid input; 3 passphrase missing or wrong; 4 database
damaged, unreadable or from a newer version; 5 practice in use. Errors are one or two plain
sentences on stderr; tracebacks go to the log file only.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ipt_desktop import __version__

if TYPE_CHECKING:
    from ipt_desktop.domain.validation import ValidationFailed

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PASSPHRASE = 3
EXIT_UNREADABLE = 4
EXIT_IN_USE = 5
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell reports for a program whose reader left
MAX_LISTED_ERRORS = 40


class Command(NamedTuple):  # immutable; not a dataclass, whose import the GUI start need not pay
    """One sub-command: ``configure`` adds its arguments, ``run`` returns the exit code.

    ``run`` receives the parsed arguments; ``args.data_dir`` is already resolved to a Path.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: list[Command] = []
COMMAND_MODULES = ("init_cmd", "demo_cmd", "clients_cmd", "exchange_cmd", "check_cmd")
# Written by other issues (reports, data safety); picked up when present.
OPTIONAL_COMMAND_MODULES = ("report_cmd", "backup_cmd")


def load_commands() -> list[Command]:
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}")
    for name in OPTIONAL_COMMAND_MODULES:
        try:
            importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise  # the module exists but something it imports is missing: a real bug
    return COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ipt-desktop",
        description="IPT Desktop: offline charting for Interpersonal Psychotherapy. "
                    "Without a command, the application window opens.")
    parser.add_argument("--version", action="version", version=f"ipt-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder holding the practice (default: $IPT_DESKTOP_DATA_DIR, "
                             "else the per-user application data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    seen: set[str] = set()
    for command in load_commands():
        if command.name in seen:
            continue
        seen.add(command.name)
        command_parser = sub.add_parser(command.name, help=command.help, description=command.help)
        command.configure(command_parser)
        command_parser.set_defaults(_run=command.run)
    return parser


def _say(message: str) -> None:
    # A gui-script on Windows has no console: stderr may be None there.
    if sys.stderr is not None:
        print(f"ipt-desktop: {message}", file=sys.stderr)


def report_validation(exc: ValidationFailed, what: str = "Nothing was changed") -> int:
    count = len(exc.errors)
    _say(f"{count} problem{'s' if count != 1 else ''} found; {what[0].lower() + what[1:]}.")
    if sys.stderr is not None:
        for error in exc.errors[:MAX_LISTED_ERRORS]:
            print(f"  {error}", file=sys.stderr)
        if count > MAX_LISTED_ERRORS:
            print(f"  … and {count - MAX_LISTED_ERRORS} more", file=sys.stderr)
    return EXIT_USAGE


def _quick_path(arguments: list[str]) -> tuple[str, argparse.Namespace, list[str]] | None:
    """Recognise the GUI start and --version without importing any command module.

    Command modules import the database stack (about a second); the GUI must paint its unlock
    window before paying for that, so "no command word" is decided on the raw arguments.
    """
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("--version", action="store_true")
    pre.add_argument("-h", "--help", action="store_true")
    try:
        known, rest = pre.parse_known_args(arguments)
    except SystemExit:
        return None  # malformed (e.g. --data-dir without a value): let the full parser explain
    if known.help:
        return None
    if known.version:
        return "version", known, rest
    if not any(not token.startswith("-") for token in rest):
        return "gui", known, rest
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the GUI when none is given) and return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    quick = _quick_path(arguments)
    if quick is not None and quick[0] == "version":
        print(f"ipt-desktop {__version__}")
        return EXIT_OK
    from ipt_desktop.paths import configure_logging, log_file, resolve_data_dir  # QtCore: after --version

    if quick is not None:
        _, known, rest = quick
        program = sys.argv[0] if sys.argv and sys.argv[0] else "ipt-desktop"
        return _run_gui(resolve_data_dir(known.data_dir), [program, *rest])
    parser = build_parser()
    try:
        # Known-args parsing so GUI-only options (e.g. --smoke-test) reach the GUI untouched.
        args, extra = parser.parse_known_args(arguments)
        if extra and args.command is not None:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # --help, --version, or a usage error argparse already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    args.data_dir = resolve_data_dir(args.data_dir)
    if args.command is None:
        program = sys.argv[0] if sys.argv and sys.argv[0] else "ipt-desktop"
        return _run_gui(args.data_dir, [program, *extra])
    configure_logging(args.data_dir)
    # Imported only on the command path: the GUI start above needs neither (~10 ms before the
    # first paint, docs/performance.md).
    from ipt_desktop.domain.validation import ValidationFailed
    from ipt_desktop.services.errors import ServiceError

    try:
        return int(args._run(args))
    except ValidationFailed as exc:
        return report_validation(exc)
    except ServiceError as exc:
        log.info("command %s failed: %s", args.command, type(exc).__name__)
        _say(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        _say("Interrupted; nothing more was done.")
        return 130
    except BrokenPipeError:
        # The reader stopped reading (``ipt-desktop backup create | head -3``): what the command
        # did stands, and there is nothing wrong to report. Output now goes nowhere, so Python's
        # own flush of stdout at exit cannot fail a second time.
        _discard_stdout()
        return EXIT_PIPE_CLOSED
    except Exception as exc:
        log_unexpected(args.command, exc)
        _say(f"An unexpected error stopped the command. Details are in {log_file(args.data_dir)}.")
        return EXIT_FAILED


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real descriptor behind stdout (embedded, tests)
        pass


def log_unexpected(command: str, exc: BaseException) -> None:
    """Traceback to the log file without clinical text: SQLAlchemy appends the SQL and its
    parameters (names, notes) to its messages, so everything from "[SQL:" on is cut."""
    message = str(exc).split("[SQL:")[0].strip()[:300]
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("command %s failed unexpectedly\nTraceback (most recent call last):\n%s%s: %s",
              command, frames, type(exc).__name__, message)


def _run_gui(data_dir: Path, argv: list[str]) -> int:
    from ipt_desktop.paths import configure_logging

    # The file itself is opened after the first window paints (ui.startup.flow); records are
    # held until then.
    configure_logging(data_dir, after_first_paint=True)
    try:
        from ipt_desktop.ui.app import run_gui
    except ImportError:
        log.exception("the GUI could not be loaded")
        _say("The application window could not be started; see the log file for details.")
        return EXIT_FAILED
    return int(run_gui(data_dir, argv) or 0)
