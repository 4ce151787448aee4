"""The open-time quick_check, split so it can run in a worker thread after the window is up.

PRAGMA quick_check reads every page of the file (decrypting each one): on a ten-year practice it
is most of a second, which used to sit between Unlock and a usable window. The connection is
opened here, on the caller's thread, while the key material is still valid (locking the window
zeroes it); ``run()`` may then be called from any thread, once, and works on its own connection,
so it never blocks the GUI's connections (WAL: readers do not wait for the writer).
"""

from __future__ import annotations

import threading

import sqlcipher3

from .engine import Database
from .errors import StoreError


class CheckNotFinishedError(StoreError):
    """The check stopped before it reached a verdict (cancelled, or the file was busy)."""


class BackgroundQuickCheck:
    def __init__(self, db: Database) -> None:
        self._conn = db.raw_connection(read_only=True)
        # interrupt() from the GUI thread must never race close() in the worker.
        self._guard = threading.Lock()
        self._cancelled = False

    def run(self) -> list[str]:
        """Problems found ([] means fine). Raises CheckNotFinishedError when there is no verdict."""
        with self._guard:
            conn = None if self._cancelled else self._conn
        if conn is None:  # cancelled before it began (quit at once), or run a second time
            self._close()
            raise CheckNotFinishedError("The file check did not run.")
        try:
            rows = [" ".join(str(v) for v in row) for row in conn.execute("PRAGMA quick_check")]
        except sqlcipher3.OperationalError as exc:
            text = str(exc).lower()
            if self._cancelled or "interrupted" in text or "locked" in text or "busy" in text:
                raise CheckNotFinishedError("The file check did not finish.") from None
            return [str(exc)]
        except sqlcipher3.DatabaseError as exc:  # malformed pages, failed page HMACs
            return [str(exc)]
        finally:
            self._close()
        return [] if rows == ["ok"] else rows

    def cancel(self) -> None:
        """Make a running ``run()`` stop soon (quitting should not wait for a full check)."""
        with self._guard:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()

    def _close(self) -> None:
        with self._guard:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
