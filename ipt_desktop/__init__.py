"""IPT Desktop: offline charting for Interpersonal Psychotherapy."""

import time as _time

# The earliest moment our code runs; start-up figures (the GUI smoke test, the benchmark)
# fall back to it where the operating system does not say when the process started.
IMPORTED_AT = _time.perf_counter()

__version__ = "0.1.0"
APP_NAME = "IPT Desktop"
