"""Which tabs the chart shows, and loading them by module path.

The tabs are written by other modules (and land at different times); a tab that cannot be
imported or built becomes a plain placeholder instead of stopping the whole window, and the
reason goes to the log.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.ui import theme

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TabSpec:
    key: str
    title: str
    module: str
    class_name: str
    # Optional tabs are left out (no placeholder) when their module is not installed yet.
    optional: bool = False
    # Shown for a client without an episode (the Overview holds the "start an episode" path).
    needs_episode: bool = True


TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec("overview", "Overview", "ipt_desktop.ui.overview.tab", "OverviewTab", needs_episode=False),
    TabSpec("inventory", "Inventory", "ipt_desktop.ui.inventory.tab", "InventoryTab"),
    TabSpec("timeline", "Timeline", "ipt_desktop.ui.timeline.tab", "TimelineTab"),
    TabSpec("progress", "Progress", "ipt_desktop.ui.progress.tab", "ProgressTab"),
    TabSpec("reports", "Reports", "ipt_desktop.ui.reports.tab", "ReportsTab", optional=True),
)


class PlaceholderTab(QWidget):
    """Stands in for a tab that is not available; honours the tab contract (show_record/flush)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"placeholder_{title.lower()}")
        label = QLabel(self.tr("The %1 view is not available in this version.").replace("%1", title), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setStyleSheet(theme.hint_css(self))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.label = label

    def show_record(self, record: ClientRecord | None) -> None:
        pass

    def flush(self) -> bool:
        return True


def load_tab_class(spec: TabSpec) -> type[QWidget] | None:
    """The tab's class, or None when its module is not there (or is broken — logged)."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if exc.name and spec.module.startswith(exc.name):
            log.info("chart tab %s not installed (%s)", spec.key, spec.module)
        else:
            log.exception("chart tab %s could not be imported", spec.key)
        return None
    except Exception:
        log.exception("chart tab %s could not be imported", spec.key)
        return None
    cls = getattr(module, spec.class_name, None)
    if cls is None:
        log.error("chart tab module %s has no %s", spec.module, spec.class_name)
    return cls


def build_tab(spec: TabSpec, ctx, parent: QWidget | None = None) -> QWidget | None:
    """An instance of the tab, a placeholder when it cannot be built, None for a missing optional tab."""
    cls = load_tab_class(spec)
    if cls is None:
        return None if spec.optional else PlaceholderTab(spec.title, parent)
    try:
        return cls(ctx, parent)
    except Exception:
        log.exception("chart tab %s could not be created", spec.key)
        return PlaceholderTab(spec.title, parent)
