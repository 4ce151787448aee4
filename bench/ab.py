"""Before/after: the start-up, unlock, search and quit figures of two checkouts, runs interleaved.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.ab --before /tmp/old-checkout [--after .]

On a shared or noisy machine, two ``make bench`` runs minutes apart disagree by more than most
changes are worth; alternating the two checkouts run by run puts both under the same load. Each
checkout only needs its ``ipt_desktop`` package (e.g. ``git archive <commit> | tar -x -C DIR``);
the probes come from this bench/ folder. Uses the cached practice of bench/generate.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
from pathlib import Path

from bench.generate import build_practice
from bench.run import PROBE, ROOT, _child_env, _run_child, byte_compile


def _figures(data_dir: Path, env: dict[str, str]) -> dict[str, float]:
    start, first = _run_child([str(PROBE), "first-paint", "--data-dir", str(data_dir)], env)
    _start, unlock = _run_child([str(PROBE), "unlock", "--data-dir", str(data_dir)], env, timeout=300)
    e = unlock["events"]
    return {
        "first window (s)": first["events"]["unlock_painted"] - start,
        "unlock -> usable, beyond KDF (s)":
            (e["window_painted"] - e["unlock_clicked"]) - (e["kdf_end"] - e["kdf_start"]),
        "open_practice_with_key (s)": e["open_end"] - e["open_start"],
        "MainWindow() (s)": e["window_init_end"] - e["window_init_start"],
        "chart data + tabs (ms)": unlock["chart_data_and_tabs_ms"],
        "search keystroke (ms)": unlock["search_keystroke_ms"],
        "refresh after a save (ms)": unlock["change_refresh_ms"],
        "worst keystroke (ms)": unlock["search_keystroke_max_ms"],
        "quit after a change (s)": unlock.get("quit_s", float("nan")),
        "peak RSS (MB)": unlock["peak_rss_mb"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.ab")
    parser.add_argument("--before", type=Path, required=True, help="checkout holding the old ipt_desktop/")
    parser.add_argument("--after", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    built = build_practice(args.out.resolve(), args.size, args.seed)
    work = args.out.resolve() / "ab-work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "data").mkdir(parents=True)
    shutil.copyfile(built.db_path, work / "data" / "practice.ipt")
    sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    for root in sides.values():
        byte_compile(root)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for _ in range(args.repeat):
        for name, root in sides.items():
            results[name].append(_figures(work / "data", _child_env(work / "config", root)))
    keys = list(results["before"][0])
    print(f"{'figure':40} {'before':>10} {'after':>10}   (median of {args.repeat}, interleaved)")
    for key in keys:
        before = statistics.median(r[key] for r in results["before"])
        after = statistics.median(r[key] for r in results["after"])
        print(f"{key:40} {before:10.3f} {after:10.3f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
