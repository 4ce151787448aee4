"""Guard against PySide6 6.12.0's none_dealloc crash on Python 3.11.

6.12.0 drops a reference to None on every Qt call that returns nothing; after a few thousand
calls the interpreter aborts ("Fatal Python error: none_dealloc"). pyproject pins <6.12 on 3.11;
this test makes 20,000 such calls in a child process so a bad upgrade fails here, not in a
therapist's session.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel()
for i in range(20_000):
    label.setText(str(i))   # returns None: the call that leaked a None reference
print("survived", label.text())
"""


def test_twenty_thousand_void_qt_calls_survive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived 19999" in result.stdout
