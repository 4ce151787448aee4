"""Machine and library versions printed with every result table (figures mean little without them)."""

from __future__ import annotations

import os
import platform
import sys


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    except (ValueError, OSError, AttributeError):
        return None


def machine_details() -> dict[str, str]:
    import PySide6
    import reportlab
    import sqlcipher3
    from PySide6.QtCore import qVersion

    conn = sqlcipher3.connect(":memory:")
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()
        sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        conn.close()
    ram = _ram_gb()
    return {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "RAM": f"{ram:.1f} GiB" if ram else "unknown",
        "OS": platform.platform(),
        "Python": sys.version.split()[0],
        "Qt / PySide6": f"{qVersion()} / {PySide6.__version__}",
        "SQLCipher / SQLite": f"{cipher[0] if cipher else 'none'} / {sqlite}",
        "ReportLab": reportlab.Version,
    }
