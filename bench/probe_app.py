"""Run the REAL application (``python -m ipt_desktop``) with timing probes attached from outside.

    python bench/probe_app.py first-paint --data-dir DIR
    python bench/probe_app.py unlock --data-dir DIR          (passphrase in $IPT_BENCH_PASSPHRASE)

Nothing in the app is changed: an import hook waits for the app's own modules to load and
then wraps a few of their functions/constructors, so the import order and the work done are
exactly what a user's start-up does. Timestamps are ``time.monotonic()`` (CLOCK_MONOTONIC, the
same clock in every process on Linux), so the parent can subtract its own launch time.

Prints one JSON object on stdout and exits.

first-paint: the time the unlock dialog first painted, then quits.
unlock:      types the passphrase when the unlock dialog first paints, clicks Unlock, and
             records the key-derivation worker, opening the practice, building the main window and
             its first paint; then, in the same process, times opening client charts and search
             keystrokes, and reports peak RSS (resource.getrusage).
"""

from __future__ import annotations

# Only what the probe needs before the first paint: its own imports count against the app's
# time to first window (importlib.abc alone pulled in importlib.resources, ~14 ms; statistics
# pulled in fractions and decimal). json, resource and statistics are imported when used.
import importlib.machinery
import os
import sys
import threading
import time

EVENTS: dict[str, float] = {}
RESULT: dict = {"events": EVENTS}
MODE = sys.argv[1] if len(sys.argv) > 1 else "first-paint"
EVENTS["process_start"] = time.monotonic()


def mark(name: str) -> None:
    EVENTS.setdefault(name, time.monotonic())


def finish(code: int = 0) -> None:
    import json
    import resource

    RESULT["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write("BENCH-JSON " + json.dumps(RESULT) + "\n")
    sys.stdout.flush()
    os._exit(code)  # skip teardown: the figures are taken; a slow interpreter exit is not measured


# -- the import hook ----------------------------------------------------------------------------

PATCHERS = {}


def patches(module_name: str):
    def register(fn):
        PATCHERS[module_name] = fn
        return fn
    return register


class _Finder:  # a meta path finder needs only find_spec (no importlib.abc base class)
    def find_spec(self, name, path, target=None):
        if name not in PATCHERS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module, _original=original, _name=name):
            t0 = time.monotonic()
            _original(module)
            EVENTS[f"import:{_name}"] = time.monotonic() - t0
            PATCHERS[_name](module)

        loader.exec_module = exec_module
        return spec


def _paint_filter(name: str, on_paint):
    """An event filter (for one widget instance) calling on_paint() at its first Paint event."""
    from PySide6.QtCore import QEvent, QObject

    class First(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and name not in EVENTS:
                mark(name)
                on_paint(obj)
            return False

    return First()


@patches("ipt_desktop.ui.startup.unlock_dialog")
def _patch_unlock(module) -> None:
    original_init = module.UnlockDialog.__init__
    original_derive = module._derive_key

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._bench_filter = _paint_filter("unlock_painted", _on_unlock_painted)
        self.installEventFilter(self._bench_filter)

    def derive(data_dir, passphrase):  # runs in the worker thread
        mark("derive_start")
        try:
            return original_derive(data_dir, passphrase)
        finally:
            mark("derive_end")

    module.UnlockDialog.__init__ = init
    module._derive_key = derive


@patches("ipt_desktop.services.practice")
def _patch_practice(module) -> None:
    original_open = module.open_practice_with_key
    original_key = module.unlock_key

    def open_with_key(*args, **kwargs):
        mark("open_start")
        try:
            return original_open(*args, **kwargs)
        finally:
            mark("open_end")

    def unlock_key(*args, **kwargs):
        mark("kdf_start")  # the database stack is imported by now: this is the KDF alone
        try:
            return original_key(*args, **kwargs)
        finally:
            mark("kdf_end")

    module.open_practice_with_key = open_with_key
    module.unlock_key = unlock_key


@patches("ipt_desktop.store.background_check")
def _patch_file_check(module) -> None:
    original_run = module.BackgroundQuickCheck.run

    def run(self):  # the worker thread, after the window is usable
        mark("file_check_start")
        try:
            return original_run(self)
        finally:
            mark("file_check_end")

    module.BackgroundQuickCheck.run = run


@patches("ipt_desktop.ui.main_window")
def _patch_main_window(module) -> None:
    original_init = module.MainWindow.__init__

    def init(self, *args, **kwargs):
        mark("window_init_start")
        original_init(self, *args, **kwargs)
        mark("window_init_end")
        self._bench_filter = _paint_filter("window_painted", _on_window_painted)
        self.installEventFilter(self._bench_filter)

    module.MainWindow.__init__ = init


# -- what happens at each milestone ------------------------------------------------------------

HEAVY = ("sqlmodel", "sqlalchemy", "alembic", "sqlcipher3", "reportlab", "pydantic")
TYPING_MAX_S = 3.0  # a passphrase takes longer than this to type; the app may use it to preload


def _preloading() -> bool:
    """True while the app's own background preload (if any) is still importing."""
    return any(t.name.startswith("preload") and t.is_alive() for t in threading.enumerate())


def _on_unlock_painted(dialog) -> None:
    from PySide6.QtCore import QTimer

    RESULT["heavy_modules_at_first_paint"] = sorted(m for m in HEAVY if m in sys.modules)
    # PySide6 builds the Qt namespace's ~100 enum types on its first use, ~20 ms; a bare QLabel
    # never uses it. Read from the module's dict, which (unlike getattr) does not build it.
    RESULT["qt_namespace_at_first_paint"] = "Qt" in vars(sys.modules["PySide6.QtCore"])
    if MODE == "first-paint":
        # Quit the way a user would (Quit button), after this paint returns.
        QTimer.singleShot(0, dialog.reject)
        QTimer.singleShot(0, lambda: finish(0))
        return

    def click() -> None:
        # "Typing": the therapist takes at least as long as the app's preload (started after
        # this paint), capped at TYPING_MAX_S; an app that preloads nothing is clicked at once.
        waited = time.monotonic() - EVENTS["unlock_painted"]
        if waited < TYPING_MAX_S and (_preloading() or waited < 0.05):
            QTimer.singleShot(10, click)
            return
        RESULT["typing_wait_s"] = waited
        dialog.passphrase_edit.setText(os.environ.get("IPT_BENCH_PASSPHRASE", ""))
        mark("unlock_clicked")
        dialog.unlock()

    QTimer.singleShot(0, click)


def _on_window_painted(window) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: _measure_window(window))


def _median_ms(values: list[float]) -> float:
    import statistics

    return statistics.median(values) * 1000 if values else float("nan")


def _measure_window(window) -> None:
    from PySide6.QtWidgets import QApplication

    from ipt_desktop.services.clients import get_client_record

    app = QApplication.instance()
    panel = window.client_list
    # The open-time quick_check runs in a worker once the window is up (ui.file_check). Let it
    # end before the steady-state figures below, so they do not share the CPU with it; its
    # duration is reported on its own.
    window.file_check.wait()
    app.processEvents()
    RESULT["file_check_problems"] = window.file_check.problems
    RESULT["clients_listed"] = panel.model.rowCount()
    RESULT["chart_open_at_paint"] = window.current_client_id() is not None
    RESULT["rss_after_window_mb"] = _current_rss_mb()
    repeat = int(os.environ.get("IPT_BENCH_CHART_OPENS", "20"))
    ids = panel.model.client_ids()
    step = max(1, len(ids) // max(1, repeat))
    targets = ids[::step][:repeat]
    # 3a. The data of a chart (all four tabs read one ClientRecord), then the tabs' show_record.
    record_times, show_times, select_times = [], [], []
    for cid in targets:
        t0 = time.perf_counter()
        record = get_client_record(window.ctx.practice, client_id=cid)
        t1 = time.perf_counter()
        window.chart.show_record(record)
        t2 = time.perf_counter()
        record_times.append(t1 - t0)
        show_times.append(t2 - t1)
    window.chart.show_record(None)
    window._shown_id = None
    app.processEvents()
    # 3b. The whole click path: select in the list -> flush -> read -> every tab -> painted.
    for cid in reversed(targets):
        t0 = time.perf_counter()
        window.select_client(cid)
        app.processEvents()
        select_times.append(time.perf_counter() - t0)
    RESULT["chart_record_ms"] = _median_ms(record_times)
    RESULT["chart_show_ms"] = _median_ms(show_times)
    RESULT["chart_data_and_tabs_ms"] = _median_ms([a + b for a, b in zip(record_times, show_times)])
    RESULT["chart_select_painted_ms"] = _median_ms(select_times)
    # 3c. Search keystrokes: type a family name letter by letter, then clear it, over "All".
    panel.set_status_filter("all")
    app.processEvents()
    word = panel.model.summary(len(ids) // 2).last_name if ids else "Okafor"
    key_times, key_painted = [], []
    for _round in range(3):
        for n in list(range(1, len(word) + 1)) + [0]:
            t0 = time.perf_counter()
            panel.search.setText(word[:n])
            t1 = time.perf_counter()
            app.processEvents()
            key_times.append(t1 - t0)
            key_painted.append(time.perf_counter() - t0)
    # 3d. What every autosave costs the GUI thread: the hub broadcasts the change, the main
    # window re-reads the client list and the shown chart (ctx.hub.changed, as the services'
    # callers do after each save).
    from ipt_desktop.services.changes import Changes

    panel.search.setText("")
    app.processEvents()
    shown = window.current_client_id() or (ids[0] if ids else None)
    refresh_times = []
    for _ in range(5):
        t0 = time.perf_counter()
        window.ctx.hub.changed.emit(Changes.of(shown, "sessions"))
        app.processEvents()
        refresh_times.append(time.perf_counter() - t0)
    RESULT["change_refresh_ms"] = _median_ms(refresh_times)
    RESULT["search_keystroke_ms"] = _median_ms(key_times)
    RESULT["search_keystroke_max_ms"] = max(key_times) * 1000 if key_times else float("nan")
    RESULT["search_keystroke_painted_ms"] = _median_ms(key_painted)
    RESULT["search_word_length"] = len(word)
    _measure_audit_log(window, app, word)
    import resource

    RESULT["peak_rss_before_backup_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        _measure_background_backup(window)
    except Exception as exc:  # an older tree (bench.ab) lacks a newer part: keep the other figures
        RESULT["manual_backup_error"] = f"probe: {type(exc).__name__}: {exc}"
    _measure_quit(window)
    finish(0)


def _measure_quit(window) -> None:
    """5i. Quitting after a change, as a therapist closes the window: close() returns once the
    backup on quit is written and the practice is closed (the process then only exits)."""
    from ipt_desktop.services.backups import list_backups
    from ipt_desktop.services.changes import Changes

    practice = window.ctx.practice
    folder = window.ctx.settings.backup_folder()
    before = {info.path for info in list_backups(practice, folder=folder)}
    window.ctx.hub.changed.emit(Changes.of(None, "all"))  # what every save does: a backup is owed
    t0 = time.perf_counter()
    closed = window.close()
    RESULT["quit_s"] = time.perf_counter() - t0 if closed and practice.closed else float("nan")
    for info in list_backups(practice.data_dir, folder=folder):
        if info.path not in before:  # 200 MB in the work folder, and its sidecars
            info.path.unlink(missing_ok=True)
            for side in info.path.parent.glob(f".{info.path.name}.*"):
                side.unlink(missing_ok=True)


def _measure_audit_log(window, app, word: str) -> None:
    """3h/3i. File > Audit log (the newest 2,000 entries) opened and painted, then the same family
    name typed into its filter letter by letter and cleared; three rounds."""
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "auditLogAction")
    opens, keys = [], []
    for _round in range(3):
        t0 = time.perf_counter()
        action.trigger()
        dialog = window.active_dialog
        app.processEvents()
        opens.append(time.perf_counter() - t0)
        for n in list(range(1, len(word) + 1)) + [0]:
            t0 = time.perf_counter()
            dialog.filter_edit.setText(word[:n])
            app.processEvents()
            keys.append(time.perf_counter() - t0)
        RESULT["audit_rows"] = dialog.model.rowCount()
        dialog.reject()
        app.processEvents()
    RESULT["audit_open_ms"] = _median_ms(opens)
    RESULT["audit_filter_keystroke_max_ms"] = max(keys) * 1000 if keys else float("nan")


def _measure_background_backup(window) -> None:
    """5b-5f. What the window writes or checks in a worker: an automatic backup as the scheduler
    takes it, "Back up now" and "Verify" clicked in the Backups dialog, then File > Check
    database. For each, how long the GUI thread goes without running its event loop, from the
    start to the done handler's audit record or message: the longest freeze a therapist typing
    then would feel."""
    from ipt_desktop.ui.interaction import ScriptedInteraction

    # What the window would say in a message box (the check's result, a failed backup) is
    # recorded instead: a modal box would wait for a click that never comes.
    window.ctx.interaction = ScriptedInteraction()
    scheduler = window.backups.scheduler
    started, stall, total, ticks, outcome = _stall_while(
        lambda: scheduler.start_backup("auto"),
        {"info": scheduler.backed_up, "error": scheduler.failed})
    RESULT["auto_backup_start_ms"] = started
    RESULT["auto_backup_longest_stall_ms"], RESULT["auto_backup_s"] = stall, total
    RESULT["auto_backup_ticks"] = ticks
    RESULT["auto_backup_error"] = outcome.get("error") if started is not None else "not started"
    made = outcome.get("info")

    dialog = window.backups.open_dialog()
    button = dialog.backup_button
    started, stall, total, _ticks, outcome = _stall_while(
        lambda: button.click() or dialog.is_busy(), {"info": dialog.backed_up, "error": scheduler.failed})
    RESULT["manual_backup_longest_stall_ms"], RESULT["manual_backup_s"] = stall, total
    RESULT["manual_backup_error"] = outcome.get("error") if started is not None else "not started"
    manual = outcome.get("info")
    RESULT["dialog_verify_longest_stall_ms"] = RESULT["dialog_verify_s"] = float("nan")
    RESULT["dialog_verify_error"] = "not run: no manual backup"
    if manual is not None:
        dialog.table.selectRow(0)  # the newest first: the one just made
        verify = dialog.verify_button
        started, stall, total, _ticks, outcome = _stall_while(
            lambda: verify.click() or dialog.is_busy(), {"info": dialog.checked})
        RESULT["dialog_verify_longest_stall_ms"], RESULT["dialog_verify_s"] = stall, total
        RESULT["dialog_verify_error"] = None if outcome.get("info") else "not intact"
    dialog.reject()
    check = window.database_check  # File > Check database...: the full checks, in a worker
    started, stall, total, _ticks, outcome = _stall_while(check.start, {"ok": check.finished})
    RESULT["database_check_longest_stall_ms"], RESULT["database_check_s"] = stall, total
    RESULT["database_check_error"] = None if outcome.get("ok") else "not intact or not run"
    for info in (made, manual):
        if info is not None:
            info.path.unlink(missing_ok=True)  # 200 MB per backup in the work folder


def _stall_while(start, ends: dict) -> tuple:
    """Run ``start()`` (False when nothing started) with a 1 ms timer ticking until one of the
    ``ends`` signals fires (their first argument is kept under its key), then 20 ms more so the
    handler's own stall is seen. (start ms or None, longest gap ms, total s, ticks, outcome)."""
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(tick)
    loop = QEventLoop()
    outcome: dict = {}

    def ended(key: str, value) -> None:
        outcome[key] = value
        QTimer.singleShot(20, loop.quit)

    for key, signal in ends.items():
        signal.connect(lambda value=None, key=key: ended(key, value))
    ticker.start()
    last[0] = t0 = time.perf_counter()
    began = start()
    start_ms = (time.perf_counter() - t0) * 1000
    if began:
        loop.exec()
    total = time.perf_counter() - t0
    ticker.stop()
    for signal in ends.values():
        signal.disconnect()
    longest = max(gaps) * 1000 if gaps else float("nan")
    return (start_ms if began else None), longest, total, len(gaps), outcome


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def main() -> None:
    sys.meta_path.insert(0, _Finder())
    argv = sys.argv[2:]
    from ipt_desktop.__main__ import main as app_main

    code = app_main(argv)
    RESULT["exit_code"] = code
    finish(1)  # the app returned without reaching a milestone


if __name__ == "__main__":
    main()
