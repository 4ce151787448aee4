"""What a report needs, as plain frozen dataclasses (no ReportLab here).

Services build these from the records in ``domain/records.py``; the report builders only read
them. Keeping the inputs plain means a report can be rendered from fixtures in tests, from the
GUI on a worker thread, or from the command line, all the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_desktop.domain.records import Client, Episode, PracticeProfile, Session

PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportInputs:
    practice: PracticeProfile
    client: Client
    episode: Episode
    generated_on: str  # ISO date printed on every page ("Generated 25 Nov 2026")
    page_size: str = "A4"  # "A4" | "Letter"

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"page size: expected one of {', '.join(PAGE_SIZES)}, got {self.page_size!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionNoteInputs(ReportInputs):
    session_number: int

    def __post_init__(self) -> None:
        ReportInputs.__post_init__(self)
        if not any(s.number == self.session_number for s in self.episode.sessions):
            raise ValueError(f"session {self.session_number} is not part of episode {self.episode.id}")

    @property
    def session(self) -> Session:
        return next(s for s in self.episode.sessions if s.number == self.session_number)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressReportInputs(ReportInputs):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeSummaryInputs(ReportInputs):
    def __post_init__(self) -> None:
        ReportInputs.__post_init__(self)
        if self.episode.discharge is None:
            raise ValueError(f"episode {self.episode.id} has no discharge recorded")


@dataclass(frozen=True, slots=True, kw_only=True)
class InventorySheetInputs(ReportInputs):
    pass


# kind -> inputs class: the one table the services, the CLI and render() agree on.
INPUT_TYPES: dict[str, type[ReportInputs]] = {
    "session": SessionNoteInputs,
    "progress": ProgressReportInputs,
    "discharge": DischargeSummaryInputs,
    "inventory": InventorySheetInputs,
}
KINDS = tuple(INPUT_TYPES)

TITLES: dict[str, str] = {
    "session": "Session note",
    "progress": "Progress report",
    "discharge": "Discharge summary",
    "inventory": "Interpersonal inventory",
}
