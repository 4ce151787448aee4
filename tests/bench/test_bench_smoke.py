"""The benchmark must keep running as the app changes: a tiny run end to end, no timing asserts.

If the probes lose their hold on the app (a renamed dialog, a start-up that no longer reaches
the unlock dialog or the main window), ``bench.run`` fails and so does this test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.generate import FAMILY, GIVEN, documents
from bench.report import END, START

ROOT = Path(__file__).resolve().parents[2]


def test_generator_is_deterministic_fictional_and_valid_exchange_format() -> None:
    from ipt_desktop.services.exchange_schema import parse_client_document

    first, again = list(documents(3, seed=7)), list(documents(3, seed=7))
    assert first == again
    assert first != list(documents(3, seed=8))
    for doc in first:
        record = parse_client_document(doc)  # the real validation: every field is legal
        assert record.client.first_name in GIVEN and record.client.last_name in FAMILY
        episode = record.episodes[0]
        assert len(episode.sessions) == 16
        assert 5 <= len(episode.inventory) <= 12 and 5 <= len(episode.measures) <= 8
        attended = [s for s in episode.sessions if s.status == "attended"]
        assert all(300 <= len(s.notes.split()) <= 1500 for s in attended)


def test_tiny_benchmark_runs_and_writes_every_figure(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nHand-written notes stay.\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IPT_BENCH_CHART_OPENS": "3"}
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--size", "5", "--repeat", "1", "--out", str(tmp_path / "out"),
         "--doc", str(doc)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nHand-written notes stay.")
    assert START in text and END in text
    results = text.split(START, 1)[1]
    for key in ("1", "2", "2b", "3", "3d", "3h", "3i", "4", "5", "5a", "5b", "5c", "5d", "5e", "5f",
                "5g", "5h", "5i", "6", "6b", "7", "7a"):
        assert f"\n| {key} |" in results, f"figure {key} missing"
    assert "clients listed | 5" in results  # the probe reached a main window listing the practice
    # The automatic backup, Back up now, Verify and Check database in the window's workers ended well.
    assert "backup/verify/check errors in the window (5b-5f) | none |" in results
    # The unlock dialog paints before any database or PDF module is imported (start-up speed).
    assert "database/PDF modules imported before the first paint | none |" in results
    # ... nor PySide6's Qt namespace, whose ~100 enum types cost ~20 ms (ui.theme QT_NAMESPACE_NOTE).
    assert "Qt namespace built before the first paint (~20 ms) | no |" in results
    assert "| - |" not in results.split("Breakdown")[0]  # every figure has a value
    # The cache is keyed by size and seed and reused.
    assert len(list((tmp_path / "out").glob("practice-5-*/meta.json"))) == 1
