"""``make bench``: the performance figures of docs/performance.md, each against its floor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.run [--size 2000] [--repeat 5]
        [--seed N] [--out bench/out] [--doc docs/performance.md | --no-doc]

Every figure is the median of ``--repeat`` runs; the floor is measured in the same run. The
synthetic practice is cached in ``--out`` by size and seed (see bench/generate.py); the first
run builds it (about 1.5 minutes for 2,000 clients on 2 cores), later runs reuse it. Nothing
here asserts a time: tests/bench/test_bench_smoke.py only checks that the benchmark runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import floors
from bench.generate import PASSPHRASE, build_practice, import_files
from bench.machine import machine_details
from bench.report import FIRST_WINDOW_RUNS_PER_REPEAT, Figure, render_markdown, render_table

ROOT = Path(__file__).resolve().parents[1]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


PROBE = Path(__file__).resolve().parent / "probe.py"  # starts probe_app.py from its bytecode


def byte_compile(app_root: Path) -> None:
    """Compile the app's modules and the probe to __pycache__ before any run is timed.

    Installed, the app starts from bytecode (pip and PyInstaller compile it; ``make run`` writes
    __pycache__ on the first start). This machine sets PYTHONDONTWRITEBYTECODE, so without this
    every measured start would compile ~20 of our modules from source, ~10 ms, which neither a
    therapist's start nor the bare-QLabel floor pays. compileall writes the cache regardless.
    """
    import compileall

    compileall.compile_dir(str(app_root / "ipt_desktop"), quiet=1)
    compileall.compile_file(str(Path(__file__).resolve().parent / "probe_app.py"), quiet=1)


def _child_env(config_home: Path, app_root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The app's QSettings (window layout, last client) go to a throwaway folder, never the user's.
    env["XDG_CONFIG_HOME"] = str(config_home)
    env["HOME"] = str(config_home)
    env["IPT_BENCH_PASSPHRASE"] = PASSPHRASE
    # The app's code comes from app_root (bench.ab compares two checkouts); the probe is run as a
    # script from this bench/ folder, so it needs nothing from either checkout but the app.
    env["PYTHONPATH"] = str(app_root) + os.pathsep + env.get("PYTHONPATH", "")
    env["IPT_BENCH_APP_ROOT"] = str(app_root)
    return env


def _run_child(args: list[str], env: dict[str, str], timeout: float = 120) -> tuple[float, dict]:
    """(launch monotonic time, the child's BENCH-JSON object)."""
    start = time.monotonic()
    cwd = env.get("IPT_BENCH_APP_ROOT", str(ROOT))
    proc = subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            return start, json.loads(line[len("BENCH-JSON "):])
    raise RuntimeError(f"{args[:3]} gave no result (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


# -- figures ---------------------------------------------------------------------------------------

FIRST_WINDOW_DETAIL: dict = {}


def first_window(data_dir: Path, repeat: int, env) -> list[Figure]:
    """1. Process start -> unlock dialog painted, vs a bare PySide6 QLabel; both subprocesses."""
    app_times, bare_times, heavy, qt_namespace = [], [], set(), []
    script = Path(tempfile.mkdtemp()) / "bare_qt.py"
    script.write_text(floors.BARE_QT_SCRIPT)
    for _ in range(repeat):
        start, result = _run_child([str(script)], env)
        bare_times.append(result["events"]["painted"] - start)
        start, result = _run_child([str(PROBE), "first-paint", "--data-dir", str(data_dir)], env)
        app_times.append(result["events"]["unlock_painted"] - start)
        heavy.update(result.get("heavy_modules_at_first_paint", []))
        qt_namespace.append(bool(result.get("qt_namespace_at_first_paint")))
    FIRST_WINDOW_DETAIL["database/PDF modules imported before the first paint"] = (
        ", ".join(sorted(heavy)) or "none")
    FIRST_WINDOW_DETAIL["Qt namespace built before the first paint (~20 ms)"] = (
        "yes" if any(qt_namespace) else "no")
    return [Figure("1", "Time to first window (start -> unlock dialog painted)", median(app_times),
                   median(bare_times), "s", "<= 1.3x floor", ratio_target=1.3,
                   floor_label="bare PySide6 QLabel")]


def unlock_and_chart(data_dir: Path, repeat: int, env, clients: int) -> tuple[list[Figure], dict]:
    """2, 3, 7: the unlock probe (real app, real unlock dialog) in a fresh process each time."""
    runs = []
    for _ in range(repeat):
        _start, result = _run_child([str(PROBE), "unlock", "--data-dir", str(data_dir)], env,
                                    timeout=300)
        runs.append(result)
    ev = [r["events"] for r in runs]

    def span(a, b):
        return median([e[b] - e[a] for e in ev if a in e and b in e])

    kdf = span("kdf_start", "kdf_end")
    total = span("unlock_clicked", "window_painted")
    beyond = median([(e["window_painted"] - e["unlock_clicked"]) - (e["kdf_end"] - e["kdf_start"])
                     for e in ev])
    detail = {
        "unlock clicked -> worker started": span("unlock_clicked", "derive_start"),
        "worker: import of the database stack": span("derive_start", "kdf_start"),
        "worker: key derivation (KDF)": kdf,
        "worker done -> open_practice_with_key starts": span("derive_end", "open_start"),
        "open_practice_with_key (verify key, migration check; quick_check deferred)": span(
            "open_start", "open_end"),
        "open -> MainWindow() starts (imports of the window modules)": span("open_end", "window_init_start"),
        "MainWindow() (client list query + model, first chart)": span("window_init_start", "window_init_end"),
        "MainWindow() -> first paint": span("window_init_end", "window_painted"),
        "after the window: background quick_check (worker, not waited for)": span(
            "file_check_start", "file_check_end"),
        "simulated typing before Unlock (the app's preload finishing)": median(
            [r.get("typing_wait_s") for r in runs]),
        "clients listed": median([r.get("clients_listed") for r in runs]),
        "audit log entries shown (3h)": median([r.get("audit_rows", 0) for r in runs]),
        "chart open at first paint": all(r.get("chart_open_at_paint") for r in runs),
        "automatic backup: start_backup() on the GUI thread": median(
            [r.get("auto_backup_start_ms") for r in runs]) / 1000,
        "automatic backup: GUI timer ticks seen (1 ms timer)": int(median(
            [r.get("auto_backup_ticks") for r in runs])),
        "backup/verify/check errors in the window (5b-5f)": "; ".join(sorted({
            str(r[key]) for r in runs
            for key in ("auto_backup_error", "manual_backup_error", "dialog_verify_error", "database_check_error")
            if r.get(key)})) or "none",
        "peak RSS before the automatic backup (MB)": median(
            [r.get("peak_rss_before_backup_mb") for r in runs]),
    }
    figures = [
        Figure("2", f"Unlock -> usable main window ({clients} clients), beyond key derivation", beyond, None,
               "s",
               "< 0.5 s", abs_target=0.5),
        Figure("2a", "Unlock -> usable main window, total (incl. key derivation)", total, kdf, "s", "",
               floor_label="key derivation alone"),
        Figure("2b", "Key derivation (store.keys.derive_key, PBKDF2-SHA512 256k)", kdf, None, "s",
               "(by design)"),
        Figure("3", "Open a client chart: get_client_record + every tab's show_record",
               median([r["chart_data_and_tabs_ms"] for r in runs]) / 1000, None, "ms", "< 50 ms",
               abs_target=0.050),
        Figure("3a", "... of which get_client_record", median([r["chart_record_ms"] for r in runs]) / 1000,
               None, "ms", ""),
        Figure("3b", "... of which the tabs' show_record", median([r["chart_show_ms"] for r in runs]) / 1000,
               None, "ms", ""),
        Figure("3c", "Click a client in the list -> chart painted", median(
            [r["chart_select_painted_ms"] for r in runs]) / 1000, None, "ms", ""),
        Figure("3d", f"Search keystroke over {clients} clients (proxy filter on setText)",
               median([r["search_keystroke_ms"] for r in runs]) / 1000, None, "ms", "< 16 ms",
               abs_target=0.016),
        Figure("3e", "... worst keystroke (median over runs)",
               median([r["search_keystroke_max_ms"] for r in runs]) / 1000, None, "ms", ""),
        Figure("3f", "... keystroke including the repaint",
               median([r["search_keystroke_painted_ms"] for r in runs]) / 1000, None, "ms", "< 16 ms",
               abs_target=0.016),
        Figure("3g", "After each autosave: hub broadcast -> list and chart re-read and redrawn",
               median([r["change_refresh_ms"] for r in runs]) / 1000, None, "ms", ""),
        Figure("3h", "File > Audit log opened and painted (newest 2,000 entries)",
               median([r.get("audit_open_ms", float("nan")) for r in runs]) / 1000, None, "ms", ""),
        Figure("3i", "... worst filter keystroke in it (painted)",
               median([r.get("audit_filter_keystroke_max_ms", float("nan")) for r in runs]) / 1000, None,
               "ms", ""),
        Figure("5b", "Automatic backup in the background: longest GUI-thread stall",
               median([r["auto_backup_longest_stall_ms"] for r in runs]) / 1000, None, "ms", ""),
        Figure("5c", "... the whole automatic backup (worker thread, window usable)",
               median([r["auto_backup_s"] for r in runs]), None, "s", ""),
        Figure("5d", "Back up now in the Backups dialog: longest GUI-thread stall",
               median([r["manual_backup_longest_stall_ms"] for r in runs]) / 1000, None, "ms", ""),
        Figure("5e", "Verify in the Backups dialog: longest GUI-thread stall",
               median([r["dialog_verify_longest_stall_ms"] for r in runs]) / 1000, None, "ms", ""),
        Figure("5f", "File > Check database (the full checks): longest GUI-thread stall",
               median([r.get("database_check_longest_stall_ms", float("nan")) for r in runs]) / 1000,
               None, "ms", ""),
        Figure("5i", "Quit after a change: window.close() until the practice is closed (backup on quit)",
               median([r.get("quit_s", float("nan")) for r in runs]), None, "s", ""),
        Figure("7", "Peak RSS with the practice open in the main window",
               median([r["peak_rss_mb"] for r in runs]), None, "MB", "< 300 MB", abs_target=300),
    ]
    return figures, detail


def _remove_backup(path: Path) -> None:
    """A benchmark backup and the seal or owed mark beside it (200 MB each in the work folder)."""
    from ipt_desktop.services import backup_seals

    path.unlink(missing_ok=True)
    backup_seals.remove_sidecars(path)


def in_process(data_dir: Path, repeat: int, work: Path, built, clients: int) -> tuple[list[Figure], dict]:
    """3 (floor), 4, 5, 6: services called directly in this process on the work copy."""
    from ipt_desktop.services import backups
    from ipt_desktop.services.clients import list_clients
    from ipt_desktop.services.exchange import export_client
    from ipt_desktop.services.practice import open_practice
    from ipt_desktop.services.reports import render_report, report_inputs
    from ipt_desktop.reports import render

    figures: list[Figure] = []
    detail: dict = {}
    db_file = data_dir / "practice.ipt"
    # 5. floor first: a plain copy and one read of the CLOSED practice file.
    copy_times = [floors.copy_file(db_file, work / "plain-copy.ipt") for _ in range(repeat)]
    (work / "plain-copy.ipt").unlink(missing_ok=True)

    practice = open_practice(data_dir, passphrase=PASSPHRASE)
    try:
        summaries = list_clients(practice)
        # 3 floor: raw SQL for the same rows the chart reads.
        step = max(1, len(summaries) // 20)
        targets = [s.id for s in summaries[::step][:20]]
        raw = [floors.raw_client_rows(practice.db, cid) for cid in targets]
        figures.append(Figure("3z", "Floor under 3a: the same rows by plain SQL on a keyed connection",
                              median(raw), None, "ms", ""))

        # 4. Discharge summary with chart, warm (the first render loads ReportLab and fonts).
        discharged = next((s for s in summaries if s.status == "discharged"), None)
        if discharged is None and summaries and summaries[0].episode_id:
            # A tiny practice may hold no discharged client: discharge one in the work copy.
            discharged = _discharge_one(practice, summaries[0])
        if discharged is not None:
            t0 = time.perf_counter()
            render_report(practice, kind="discharge", client_id=discharged.id)
            detail["discharge PDF, cold (first in the process)"] = time.perf_counter() - t0
            warm, render_only, pdf_sizes = [], [], []
            for _ in range(repeat):
                t0 = time.perf_counter()
                pdf = render_report(practice, kind="discharge", client_id=discharged.id)
                warm.append(time.perf_counter() - t0)
                pdf_sizes.append(len(pdf))
                inputs = report_inputs(practice, kind="discharge", client_id=discharged.id)
                t0 = time.perf_counter()
                render("discharge", inputs)
                render_only.append(time.perf_counter() - t0)
            ep = inputs.episode
            texts = [ep.chief_complaint, ep.formulation, *(g.description for g in ep.goals),
                     ep.discharge.summary, ep.discharge.warning_signs, ep.discharge.recommendations]
            from ipt_desktop.domain.measures import score

            totals = [score(m.instrument, m.items).total for m in ep.measures if m.instrument == "phq9"]
            floors.bare_pdf(texts, totals)  # warm ReportLab for the floor too
            floor = median([floors.bare_pdf(texts, totals)[0] for _ in range(repeat)])
            label = "bare platypus doc + 1 chart"
            figures.append(Figure("4", "Discharge summary PDF with chart, warm (render_report)", median(warm),
                                  floor, "ms", "< 150 ms", abs_target=0.150, floor_label=label))
            figures.append(Figure("4a", "... of which rendering (reports.render)", median(render_only), floor,
                                  "ms", "", floor_label=label))
            detail["discharge PDF size (bytes)"] = median(pdf_sizes)

        # 5. Backups vs the plain copy; verifying vs one read. What the therapist waits for (the
        # backup on quit, written with its check owed; Verify of a backup the app made, which
        # is sealed) against the floors, and the full checks themselves (in a worker in the
        # window; a restore) reported beside them with their own ratios, no target.
        quick_times, backup_times, verify_times, full_verify_times, read_times = [], [], [], [], []
        key = practice.db.key
        for i in range(repeat):
            quick = work / f"bench-quit-{i}.ipt-backup"
            _remove_backup(quick)
            t0 = time.perf_counter()
            backups.create_backup(practice, dest=quick, reason="quit", check=False)
            quick_times.append(time.perf_counter() - t0)
            _remove_backup(quick)
            dest = work / f"bench-{i}.ipt-backup"
            _remove_backup(dest)
            t0 = time.perf_counter()
            backups.create_backup(practice, dest=dest)
            backup_times.append(time.perf_counter() - t0)
            read_times.append(floors.read_file(dest))
            t0 = time.perf_counter()
            backups.verify_with_key(dest, key)
            verify_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            backups.verify_with_key(dest, key, trust_seal=False)
            full_verify_times.append(time.perf_counter() - t0)
            _remove_backup(dest)
        copy_floor, read_floor = median(copy_times), median(read_times)
        figures.append(Figure("5", "Backup of the practice on quit (create_backup, check owed: copy, "
                              "fsync, in place)", median(quick_times), copy_floor, "s", "<= 2x floor",
                              ratio_target=2.0, floor_label="shutil.copyfile + fsync"))
        figures.append(Figure("5a", "Verify a backup the app made (verify_with_key: its seal, one keyed "
                              "read)", median(verify_times), read_floor, "s", "<= 2x floor",
                              ratio_target=2.0, floor_label="read the file once"))
        figures.append(Figure("5g", "Backup checked in full before it is kept (create_backup; in a worker "
                              "in the window)", median(backup_times), copy_floor, "s", "",
                              floor_label="shutil.copyfile + fsync"))
        figures.append(Figure("5h", "Full check of a backup (verify_with_key(trust_seal=False), as a "
                              "restore; KDF excluded)", median(full_verify_times), read_floor, "s", "",
                              floor_label="read the file once"))

        # 6. Export every client (exchange documents, serialised as the CLI writes them).
        t0 = time.perf_counter()
        for s in summaries:
            json.dumps(export_client(practice, client_id=s.id), ensure_ascii=False, indent=2)
        exported = time.perf_counter() - t0
        figures.append(Figure("6b", f"Export all {len(summaries)} clients", exported, None, "s", ""))
        figures.append(Figure("6c", "... per client", exported / max(1, len(summaries)), None, "ms", ""))
    finally:
        practice.close()

    # 6. Import: every exchange file into a fresh practice, this run (~20 s for 2,000).
    import_dir = work / "import-all"
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    fresh = create_practice(import_dir / "data", passphrase=PASSPHRASE, profile=PracticeProfile())
    try:
        per = import_files(fresh, sorted(built.exchange_dir.glob("client-*.json")))
    finally:
        fresh.close()
        shutil.rmtree(import_dir, ignore_errors=True)  # as large as the practice
    figures.append(Figure("6", f"Import one exchange file (median of {len(per)}, into a fresh practice)",
                          median(per), None, "ms", ""))
    figures.append(Figure("6a", f"Import all {len(per)} files (read, check, store; one transaction each)",
                          sum(per), None, "s", ""))
    size = db_file.stat().st_size
    figures.append(Figure("7a", "Database file size per client", size / max(1, clients) / 1024, None, "KiB",
                          ""))
    detail["database file size (MB)"] = size / 1e6
    detail["exchange files total (MB)"] = built.meta["exchange_bytes"] / 1e6
    return figures, detail


def _discharge_one(practice, summary):
    import random

    from bench.generate import prose
    from ipt_desktop.domain.records import Discharge
    from ipt_desktop.services.clients import get_client_record
    from ipt_desktop.services.episodes import discharge_episode

    episode = get_client_record(practice, client_id=summary.id).latest_episode
    rng = random.Random(1)
    discharge_episode(practice, episode_id=episode.id, discharge=Discharge(
        date=max(s.scheduled_at[:10] for s in episode.sessions), reason="completed", summary=prose(rng, 200),
        warning_signs=prose(rng, 60), recommendations=prose(rng, 80)))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="clients in the synthetic practice")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="cache and work folder")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "performance.md",
                        help="Markdown file whose results section is rewritten")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    out: Path = args.out.resolve()
    built = build_practice(out, args.size, args.seed)
    work = out / "work"
    if work.exists():
        shutil.rmtree(work)
    (work / "data").mkdir(parents=True)
    # Work on a copy: opening, printing and exporting append audit events.
    shutil.copyfile(built.db_path, work / "data" / "practice.ipt")
    data_dir = work / "data"
    env = _child_env(work / "config")
    byte_compile(ROOT)
    print(f"benchmarking a practice of {args.size} clients, {args.repeat} run(s) per figure ...", flush=True)
    # Start-up spreads widely from run to run (186-293 ms in 25 runs on a quiet machine) and costs
    # ~0.5 s per pair, so it gets three times the runs for a steadier median.
    figures = first_window(data_dir, FIRST_WINDOW_RUNS_PER_REPEAT * args.repeat, env)
    gui_figures, gui_detail = unlock_and_chart(data_dir, args.repeat, env, args.size)
    figures += gui_figures
    more, detail = in_process(data_dir, args.repeat, work, built, args.size)
    figures += more
    by_key = {f.key: f for f in figures}
    if "3a" in by_key and "3z" in by_key:  # the plain-SQL read is 3a's floor (this process)
        by_key["3a"].floor, by_key["3a"].floor_label = by_key["3z"].value, "plain SQL, same rows"
        figures.remove(by_key["3z"])
    order = {f.key: i for i, f in enumerate(figures)}
    figures.sort(key=lambda f: (f.key.rstrip("abcdefghz"), f.key, order[f.key]))
    machine = machine_details()
    detail = {**FIRST_WINDOW_DETAIL, **gui_detail, **detail,
              "benchmark wall time (s)": time.perf_counter() - started}
    print(render_table(figures, machine, detail))
    if not args.no_doc:
        render_markdown(args.doc, figures, machine, detail, size=args.size, repeat=args.repeat)
        print(f"written to {args.doc}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
