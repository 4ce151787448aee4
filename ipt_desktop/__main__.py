"""``python -m ipt_desktop`` and the ``ipt-desktop`` launcher: a command, or the GUI without one."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # Imported here so `python -m ipt_desktop --version` stays quick and never loads QtWidgets.
    from ipt_desktop.cli.main import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
