"""Screenshots of the main window, every chart tab and every dialog, offscreen, on demo data.

    python -m ipt_desktop.tools.screenshots OUTDIR [--no-dark]

Opens a fresh demo practice (fictional clients only) in a temporary folder, never the user's
data, and saves PNGs at 1280x800 for the window: the mid-treatment role-dispute client on
every chart tab (the Overview as main-window.png), each dialog, and the main window in the dark
scheme (main-window-dark.png, from a second process). Dialogs from other modules are imported
when needed; one that is missing or fails to build is skipped with a printed note.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

WINDOW_SIZE = (1280, 800)


def _settle(app) -> None:
    # Layouts, deferred single-shot timers and first paints; no sleeping.
    for _ in range(3):
        app.processEvents()


def _wait_for(signal, timeout_ms: int = 20_000) -> bool:
    """Run the event loop until ``signal`` fires (a report rendered off-thread); False on timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired: list[bool] = []
    signal.connect(lambda *_: (fired.append(True), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return bool(fired)


class Shooter:
    def __init__(self, app, outdir: Path) -> None:
        self.app = app
        self.outdir = outdir
        self.saved: list[Path] = []
        self.skipped: list[str] = []

    def save(self, widget, name: str) -> None:
        _settle(self.app)
        path = self.outdir / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)
        print(f"saved {path}")

    def dialog(self, name: str, build: Callable[[], object],
               prepare: Callable[[object], None] | None = None) -> None:
        try:
            dialog = build()
        except ImportError as exc:
            self.skipped.append(name)
            print(f"skipped {name}: not available yet ({exc})")
            return
        except Exception:  # one broken dialog must not stop the others' screenshots
            self.skipped.append(name)
            print(f"skipped {name}: could not be built\n{traceback.format_exc()}")
            return
        dialog.show()
        _settle(self.app)
        if prepare is not None:
            prepare(dialog)
        # The dialog's own size as shown (no adjustSize: that would shrink scroll areas to
        # their size hint and hide what a user sees).
        self.save(dialog, name)
        # Close without saving anything the dialog may hold.
        if hasattr(dialog, "done"):
            dialog.done(0)
        dialog.deleteLater()


def _tidy_paths(dialog, tmp_path: Path) -> None:
    """Show the temporary demo folder as a home folder would read ("~/IPT Desktop/..."):
    a random /tmp name in a README picture only distracts. Labels only; nothing is stored."""
    from PySide6.QtWidgets import QLabel

    for label in dialog.findChildren(QLabel):
        text = label.text()
        if str(tmp_path) in text:
            label.setText(text.replace(str(tmp_path / "demo"), "~/IPT Desktop").replace(str(tmp_path), "~"))


def run(outdir: Path, *, dark: bool = False) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from ipt_desktop import APP_NAME
    from ipt_desktop.services.clients import get_client_record
    from ipt_desktop.services.demo import DEMO_PROFILE, add_demo_clients
    from ipt_desktop.services.demo_data import role_dispute
    from ipt_desktop.services.practice import create_practice
    from ipt_desktop.ui.context import AppContext
    from ipt_desktop.ui.interaction import ScriptedInteraction
    from ipt_desktop.ui.settings import UiSettings
    from ipt_desktop.ui.startup.unlock_dialog import DEMO_PASSPHRASE

    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from ipt_desktop.ui.icons import app_icon
    from ipt_desktop.ui import theme
    from ipt_desktop.ui.theme import apply_theme

    app.setWindowIcon(app_icon())
    apply_theme(app)
    if dark:
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        if app.styleHints().colorScheme() != Qt.ColorScheme.Dark or theme.is_dark() is False:
            # The offscreen platform reports no scheme: hand Qt the palette a dark desktop would.
            app.setPalette(theme.dark_palette())
    outdir.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if dark else ""

    with tempfile.TemporaryDirectory(prefix="ipt-screenshots-") as tmp:
        tmp_path = Path(tmp)
        practice = create_practice(tmp_path / "demo", passphrase=DEMO_PASSPHRASE, profile=DEMO_PROFILE)
        add_demo_clients(practice)
        settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        ctx = AppContext(practice=practice, settings=settings, interaction=ScriptedInteraction())
        shooter = Shooter(app, outdir)

        from ipt_desktop.ui.main_window import MainWindow

        window = MainWindow(ctx, demo=True)
        window.resize(*WINDOW_SIZE)
        window.show()
        _settle(app)
        # The mid-treatment role-dispute client: a full chart, fictional.
        window.select_client(role_dispute.CLIENT_ID)
        window.chart.set_current_tab("overview")
        shooter.save(window, f"main-window{suffix}")
        if dark:
            window.close()
            practice.close()
            return 0

        for spec in window.chart.specs:
            if spec.key == "overview":
                continue  # that is main-window.png
            window.chart.set_current_tab(spec.key)
            if spec.key == "reports":
                tab = window.chart.tab("reports")
                if tab.current_report() is None and not _wait_for(tab.preview_ready):
                    print("the report preview did not finish rendering")
            shooter.save(window, f"chart-{spec.key}")
        window.chart.set_current_tab("overview")

        record = get_client_record(practice, client_id=role_dispute.CLIENT_ID)
        episode = record.latest_episode
        attended = [s for s in episode.sessions if s.status == "attended"]
        session = attended[-1] if attended else episode.sessions[0]

        from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog

        shooter.dialog("dialog-unlock", lambda: UnlockDialog(tmp_path / "demo"),
                       lambda dialog: _tidy_paths(dialog, tmp_path))

        def damage_found(dialog) -> None:
            # What the window's background file check leaves on screen when it finds damage.
            _tidy_paths(dialog, tmp_path)
            dialog.report_damage()

        shooter.dialog("dialog-unlock-damage-found", lambda: UnlockDialog(tmp_path / "demo"), damage_found)

        def load(module: str, name: str):
            import importlib

            return getattr(importlib.import_module(module), name)

        shooter.dialog("dialog-new-episode",
                       lambda: load("ipt_desktop.ui.dialogs.episode_dialog", "NewEpisodeDialog")(
                           ctx, record.client.id, window, record=record))
        shooter.dialog("dialog-session-editor",
                       lambda: load("ipt_desktop.ui.session_editor.dialog", "SessionEditorDialog")(
                           ctx, episode, session, window))

        def answer_some(dialog) -> None:
            # A form half keyed in from paper: the live total and the answered count show.
            for number, value in ((1, 2), (2, 1), (3, 2), (4, 1), (5, 1)):
                dialog.set_item(number, value)

        shooter.dialog("dialog-measure-entry",
                       lambda: load("ipt_desktop.ui.measures.dialog", "MeasureDialog")(
                           ctx, episode.id, "phq9", session.number, session.scheduled_at[:10], window),
                       answer_some)
        shooter.dialog("dialog-discharge",
                       lambda: load("ipt_desktop.ui.dialogs.discharge_dialog", "DischargeDialog")(
                           ctx, record, episode.id, window))
        shooter.dialog("dialog-preferences",
                       lambda: load("ipt_desktop.ui.dialogs.preferences_dialog", "PreferencesDialog")(
                           ctx, window))
        shooter.dialog("dialog-change-passphrase",
                       lambda: load("ipt_desktop.ui.passphrase.change_dialog", "ChangePassphraseDialog")(
                           ctx, window))

        def with_backups():
            from datetime import datetime, timedelta

            from ipt_desktop.services.backups import create_backup

            # Last night's backup on quitting, its check still owed (Pending), then today's.
            create_backup(practice, reason="quit", check=False, now=datetime.now() - timedelta(hours=14))
            for reason in ("auto", "manual"):
                create_backup(practice, reason=reason)
            return load("ipt_desktop.ui.backups.dialog", "BackupsDialog")(ctx, window)

        def verified(dialog) -> None:
            dialog.table.selectRow(0)
            dialog.verify_selected()  # the newest backup, checked: the Check column filled in
            _tidy_paths(dialog, tmp_path)

        shooter.dialog("dialog-backups", with_backups, verified)
        shooter.dialog("dialog-audit-log",
                       lambda: load("ipt_desktop.ui.audit.dialog", "AuditLogDialog")(ctx, window))
        shooter.dialog("dialog-about", lambda: load("ipt_desktop.ui.about", "AboutDialog")(ctx, window),
                       lambda dialog: _tidy_paths(dialog, tmp_path))

        window.close()
        if not practice.closed:
            practice.close()
    print(f"{len(shooter.saved)} screenshot(s) in {outdir}"
          + (f"; skipped: {', '.join(shooter.skipped)}" if shooter.skipped else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipt_desktop.tools.screenshots",
                                     description="Save screenshots of IPT Desktop on demo data (offscreen).")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--no-dark", action="store_true", help="skip the main window in the dark scheme")
    parser.add_argument("--dark", action="store_true", help=argparse.SUPPRESS)  # the default now
    args = parser.parse_args(argv)
    code = run(args.outdir)
    if code == 0 and not args.no_dark:
        # A second process: the colour scheme is best set before any widget exists.
        import subprocess

        code = subprocess.call([sys.executable, "-c",
                                "import sys; from pathlib import Path; "
                                "from ipt_desktop.tools.screenshots import run; "
                                f"sys.exit(run(Path({str(args.outdir)!r}), dark=True))"])
    return code


if __name__ == "__main__":
    raise SystemExit(main())
