"""Profile one hot path with pyinstrument (``make bench`` measures; this explains).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.profile window [--size 2000]
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.profile backup|search|chart|refresh

Uses the cached practice of bench/generate.py (build it first with ``make bench`` or
``--size``). Prints pyinstrument's text report; ``--html FILE`` writes the interactive one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from bench.generate import PASSPHRASE, build_practice

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.profile")
    parser.add_argument("what", choices=("window", "open", "backup", "search", "chart", "refresh"))
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--html", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    built = build_practice(args.out.resolve(), args.size, args.seed)
    (tmp / "data").mkdir()
    shutil.copyfile(built.db_path, tmp / "data" / "practice.ipt")
    from pyinstrument import Profiler
    from PySide6.QtWidgets import QApplication

    from ipt_desktop.services.practice import open_practice, open_practice_with_key, unlock_key
    from ipt_desktop.ui.app import _make_app

    app = _make_app(["bench"])
    profiler = Profiler(interval=0.0005)
    if args.what == "open":
        key = unlock_key(tmp / "data", PASSPHRASE)
        with profiler:
            practice = open_practice_with_key(tmp / "data", key=key)
        practice.close()
    else:
        practice = open_practice(tmp / "data", passphrase=PASSPHRASE)
        from ipt_desktop.ui.context import AppContext
        from ipt_desktop.ui.interaction import ScriptedInteraction
        from ipt_desktop.ui.main_window import MainWindow
        from ipt_desktop.ui.settings import UiSettings

        ctx = AppContext(practice=practice, settings=UiSettings(), interaction=ScriptedInteraction())
        if args.what == "window":
            with profiler:
                window = MainWindow(ctx)
                window.show()
                app.processEvents()
        else:
            window = MainWindow(ctx)
            window.show()
            app.processEvents()
            if args.what == "search":
                window.client_list.set_status_filter("all")
                with profiler:
                    for text in ("N", "No", "Nov", "Nova", "Novak", "", "Z", "Zi", ""):
                        window.client_list.search.setText(text)
                        app.processEvents()
            elif args.what == "chart":
                ids = window.client_list.model.client_ids()[::100]
                with profiler:
                    for cid in ids:
                        window.select_client(cid)
                        app.processEvents()
            elif args.what == "refresh":  # what an autosave costs: the hub broadcast of a change
                from ipt_desktop.services.changes import Changes

                with profiler:
                    for _ in range(3):
                        ctx.hub.changed.emit(Changes.of(window.current_client_id(), "sessions"))
                        app.processEvents()
            elif args.what == "backup":
                from ipt_desktop.services.backups import create_backup

                with profiler:
                    create_backup(practice, dest=tmp / "b.ipt-backup")
        window.close()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html())
    QApplication.instance().processEvents()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
