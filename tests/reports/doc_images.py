"""Page 1 of each report as a PNG, from the fictional fixture records.

Regenerate the README images with:  .venv/bin/python -m tests.reports.doc_images docs
(run from the repository root; tests/ must be importable as a package root).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium

from ipt_desktop.reports import KINDS, render

from .fixtures import EPISODE, with_session
from .helpers import make_inputs

# The session shown in docs: session 4, which has notes, homework, a PHQ-9 and a risk item.
DOC_OVERRIDES = {"session": dict(session_number=4, episode=with_session(
    EPISODE, 4, risk_notes="Passive thoughts last month, none this week. Safety plan reviewed."))}


def write_page_images(folder: Path, *, scale: float = 1.0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        pdf = render(kind, make_inputs(kind, **DOC_OVERRIDES.get(kind, {})), invariant=True)
        document = pdfium.PdfDocument(pdf)
        try:
            path = folder / f"report-{kind}.png"
            document[0].render(scale=scale).to_pil().save(path, optimize=True)
            written.append(path)
        finally:
            document.close()
    return written


if __name__ == "__main__":
    for written in write_page_images(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(written)
