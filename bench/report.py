"""The result table: printed to the terminal and written into docs/performance.md.

Only the part of the document between the two RESULTS markers is rewritten, so the hand-written
sections (what was changed and what it bought) stay as they are.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

START = "<!-- bench:results:start (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:results:end -->"
_SCALE = {"s": 1.0, "ms": 1000.0, "MB": 1.0, "KiB": 1.0}

# Figure 1 (start-up) spreads widely from run to run and is cheap, so it gets more runs.
FIRST_WINDOW_RUNS_PER_REPEAT = 3


@dataclass
class Figure:
    key: str
    what: str
    value: float | None  # seconds for time figures (shown in ``unit``); MB / KiB as given
    floor: float | None
    unit: str
    target: str
    ratio_target: float | None = None
    abs_target: float | None = None  # in the same base unit as value (seconds, MB)
    floor_label: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        if self.ratio_target is not None and self.ratio is not None:
            over = self.ratio / self.ratio_target
            return "met" if over <= 1 else f"MISSED ({over:.1f}x over)"
        if self.abs_target is not None:
            over = self.value / self.abs_target
            return "met" if over < 1 else f"MISSED ({over:.1f}x over)"
        return ""

    def shown(self, value: float | None) -> str:
        if value is None:
            return "-"
        scaled = value * _SCALE.get(self.unit, 1.0)
        return f"{scaled:,.0f} {self.unit}" if scaled >= 100 else f"{scaled:.3g} {self.unit}"


def _rows(figures: list[Figure]) -> list[list[str]]:
    rows = []
    for f in figures:
        floor = f.shown(f.floor) + (f" ({f.floor_label})" if f.floor is not None and f.floor_label else "")
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        rows.append([f.key, f.what, f.shown(f.value), floor if f.floor is not None else "", ratio, f.target,
                     f.verdict])
    return rows


HEADER = ["#", "figure", "measured (median)", "floor", "ratio", "target", "result"]


def _fmt(key: str, value) -> str:
    if isinstance(value, float) and key.endswith(("(MB)", "(s)", "(bytes)")):  # unit named in the key
        return f"{value:,.1f}"
    if isinstance(value, float):
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f}"
    return str(value)


def render_table(figures: list[Figure], machine: dict[str, str], detail: dict) -> str:
    rows = [HEADER, *_rows(figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += ["", *(f"{k}: {v}" for k, v in machine.items()), ""]
    lines += [f"{k}: {_fmt(k, v)}" for k, v in detail.items()]
    return "\n".join(lines)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return out


def results_markdown(figures: list[Figure], machine: dict[str, str], detail: dict, *, size: int,
                     repeat: int) -> str:
    lines = [START, "", f"Last run: {_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
                        f"{size} clients, median of {repeat} run(s) per figure "
                        f"({FIRST_WINDOW_RUNS_PER_REPEAT * repeat} for figure 1).", ""]
    lines += _md_table(["machine", ""], [[k, v] for k, v in machine.items()])
    lines += ["", *_md_table(HEADER, _rows(figures)), ""]
    lines += ["Breakdown and sizes:", ""]
    lines += _md_table(["step", "median"], [[k, _fmt(k, v)] for k, v in detail.items()])
    lines += ["", END]
    return "\n".join(lines)


def render_markdown(path: Path, figures: list[Figure], machine: dict[str, str], detail: dict, *, size: int,
                    repeat: int) -> None:
    block = results_markdown(figures, machine, detail, size=size, repeat=repeat)
    empty = "# Performance\n\n" + START + "\n" + END + "\n"
    text = path.read_text(encoding="utf-8") if path.is_file() else empty
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
