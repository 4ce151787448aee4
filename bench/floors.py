"""The physical floors each figure is compared with, measured in the same run on the same machine.

A floor is the least work the platform needs for the same visible result: a bare PySide6 window,
a plain ReportLab document with the same text and one chart, a file copy, one read of a file,
raw SQL reads of the same rows. The app cannot beat these; the ratio says what it adds on top.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

# A bare PySide6 program: one QLabel, exits on its first paint (same probe as bench.probe_app).
BARE_QT_SCRIPT = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

class Label(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        if not hasattr(self, "painted"):
            self.painted = time.monotonic()
            line = "BENCH-JSON " + json.dumps({"events": {"painted": self.painted}})
            QTimer.singleShot(0, lambda: (print(line, flush=True), app.quit()))

app = QApplication(sys.argv)
label = Label("Unlock your practice")
label.show()
app.exec()
"""


def copy_file(src: Path, dest: Path) -> float:
    """Seconds for shutil.copyfile of a closed file, fsynced like a backup is."""
    dest.unlink(missing_ok=True)
    t0 = time.perf_counter()
    shutil.copyfile(src, dest)
    with open(dest, "rb+") as fh:
        import os

        os.fsync(fh.fileno())
    return time.perf_counter() - t0


def read_file(path: Path) -> float:
    """Seconds to read a file once (hashing it, so the bytes are really touched)."""
    t0 = time.perf_counter()
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return time.perf_counter() - t0


def raw_client_rows(db, client_id: str) -> float:
    """Seconds to fetch one client's rows with plain SQL on an already keyed connection: the floor
    under services.clients.get_client_record (no ORM, no records)."""
    conn = db.raw_connection(read_only=True)
    try:
        t0 = time.perf_counter()
        conn.execute("SELECT * FROM client WHERE id = ?", (client_id,)).fetchall()
        eps = [r[0] for r in conn.execute("SELECT id FROM episode WHERE client_id = ?", (client_id,))]
        marks = ",".join("?" * len(eps))
        for table in ("relationship", "goal", "session", "measure_administration"):
            conn.execute(f"SELECT * FROM {table} WHERE episode_id IN ({marks})", eps).fetchall()
        conn.execute("SELECT * FROM goal_rating WHERE goal_id IN "
                     f"(SELECT id FROM goal WHERE episode_id IN ({marks}))", eps).fetchall()
        return time.perf_counter() - t0
    finally:
        conn.close()


def bare_pdf(texts: list[str], totals: list[int]) -> tuple[float, bytes]:
    """Seconds for a plain platypus document holding ``texts`` as paragraphs and one line chart
    of ``totals`` (a reportlab.graphics Drawing): the floor under the discharge summary."""
    from io import BytesIO

    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from xml.sax.saxutils import escape

    t0 = time.perf_counter()
    styles = getSampleStyleSheet()
    story = []
    for text in texts:
        for para in text.split("\n\n"):
            story.append(Paragraph(escape(para), styles["BodyText"]))
    drawing = Drawing(400, 160)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 40, 20, 340, 120
    plot.data = [[(i, t) for i, t in enumerate(totals)]]
    drawing.add(plot)
    story.insert(1, drawing)
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return time.perf_counter() - t0, buffer.getvalue()
