"""The layer rules of docs/architecture.md, checked by scanning every module's imports.

Qt stays in the GUI shell, SQL in the store, ReportLab in the reports, and the domain imports only
the standard library — so business rules stay testable without a window or a database.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ipt_desktop"
# QtCore only, for QStandardPaths/QLockFile/QThread-free helpers and the entry points.
QT_ALLOWED = ("ui/", "tools/", "paths.py", "app.py", "__main__.py")
SQL_PACKAGES = ("sqlmodel", "sqlalchemy", "sqlcipher3", "alembic", "sqlite3")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
                if node.module.startswith("ipt_desktop."):
                    names.add(node.module)
        yield rel, names


MODULES = list(_modules())


@pytest.mark.parametrize(("rel", "names"), MODULES, ids=[m[0] for m in MODULES])
def test_module_respects_layers(rel: str, names: set[str]) -> None:
    if "PySide6" in names or "shiboken6" in names:
        assert rel.startswith(QT_ALLOWED), f"{rel} imports Qt outside the GUI shell"
    if names & set(SQL_PACKAGES):
        assert rel.startswith("store/"), f"{rel} imports a database package outside store/"
    if "reportlab" in names:
        assert rel.startswith("reports/"), f"{rel} imports ReportLab outside reports/"
    if rel.startswith("domain/"):
        project = {n for n in names if n.startswith("ipt_desktop.")}
        assert all(n.startswith("ipt_desktop.domain") for n in project), f"{rel} reaches above the domain"
        third_party = names - set(__import__("sys").stdlib_module_names) - {"ipt_desktop", "__future__"}
        third_party = {n for n in third_party if not n.startswith("ipt_desktop")}
        assert not third_party, f"{rel} imports third-party packages: {sorted(third_party)}"
    if rel.startswith(("store/", "services/", "reports/")):
        assert not any(n.startswith("ipt_desktop.ui") for n in names), f"{rel} imports the GUI"
    if rel.startswith("store/"):
        assert not any(n.startswith("ipt_desktop.services") for n in names), f"{rel} imports services"


def test_modules_stay_small() -> None:
    big = {rel: n for rel in (m[0] for m in MODULES)
           if (n := len((PACKAGE / rel).read_text(encoding="utf-8").splitlines())) > 450}
    assert not big, f"split these modules by responsibility: {big}"
