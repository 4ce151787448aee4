"""Render reports from the fixture records and read them back with pypdf."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from ipt_desktop.reports import render
from ipt_desktop.reports.inputs import INPUT_TYPES

from .fixtures import CLIENT, EPISODE, GENERATED_ON, PRACTICE


def make_inputs(kind: str, **overrides):
    values = dict(practice=PRACTICE, client=CLIENT, episode=EPISODE, generated_on=GENERATED_ON)
    if kind == "session":
        values["session_number"] = 4
    values.update(overrides)
    return INPUT_TYPES[kind](**values)


def pdf_for(kind: str, **overrides) -> bytes:
    return render(kind, make_inputs(kind, **overrides))


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def text_of(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def squash(text: str) -> str:
    """Whitespace removed: for checking tokens that were wrapped across lines."""
    return re.sub(r"\s+", "", text)
