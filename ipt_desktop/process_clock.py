"""How long ago this process started, for start-up figures ("main window up in 0.8 s").

On Linux the kernel records the start in /proc/self/stat, which includes the interpreter's (and
a PyInstaller bootloader's) own start-up; elsewhere the first import of ``ipt_desktop`` stands in.
"""

from __future__ import annotations

import os
import time

import ipt_desktop


def seconds_since_process_start() -> float:
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # Field 22 (starttime, clock ticks since boot) follows the ")" that ends the command name.
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now_since_boot = float(uptime.read().split()[0])
        return max(0.0, now_since_boot - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - ipt_desktop.IMPORTED_AT
