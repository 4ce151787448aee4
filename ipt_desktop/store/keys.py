"""SQLCipher key material.

The passphrase is stretched ONCE in Python with SQLCipher 4's own default KDF
(PBKDF2-HMAC-SHA512, 256 000 iterations, 32-byte key, salt = the file's first 16 bytes) and then
handed to every pooled connection as a raw key ``x'<key><salt>'``. That way a new connection
skips the KDF (fast), the passphrase never appears in SQL text (no quoting/escaping issue), and
the file stays byte-compatible with a plain ``PRAGMA key='passphrase'`` (tests prove both ways).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

KDF_ITERATIONS = 256_000  # SQLCipher 4 default kdf_iter
KEY_BYTES = 32
SALT_BYTES = 16
SQLITE_HEADER = b"SQLite format 3\x00"


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """Stretch a passphrase exactly as SQLCipher 4 does. Slow on purpose (run it off the GUI thread)."""
    if len(salt) != SALT_BYTES:
        raise ValueError("salt must be 16 bytes")
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def read_salt(path: Path) -> bytes | None:
    """The first 16 bytes of an existing encrypted file (SQLCipher stores the salt there)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SALT_BYTES)
    except FileNotFoundError:
        return None
    return head if len(head) == SALT_BYTES else None


class KeyMaterial:
    """Derived key + salt in a mutable buffer we can zero when the practice is locked/closed.

    Python may still hold transient copies (hex strings built per connection); zeroing the
    long-lived buffer is the part we control.
    """

    __slots__ = ("_buf",)

    def __init__(self, key: bytes, salt: bytes):
        if len(key) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("key must be 32 bytes and salt 16 bytes")
        self._buf: bytearray | None = bytearray(key + salt)

    @classmethod
    def from_passphrase(cls, passphrase: str, salt: bytes) -> KeyMaterial:
        return cls(derive_key(passphrase, salt), salt)

    @property
    def salt(self) -> bytes:
        return bytes(self._require()[KEY_BYTES:])

    @property
    def wiped(self) -> bool:
        return self._buf is None

    def pragma_sql(self) -> str:
        """``PRAGMA key = "x'...'"`` — only hex digits are interpolated, so nothing to escape."""
        return f"PRAGMA key = \"x'{self._require().hex()}'\""

    def wipe(self) -> None:
        if self._buf is not None:
            for i in range(len(self._buf)):
                self._buf[i] = 0
            self._buf = None

    def _require(self) -> bytearray:
        if self._buf is None:
            raise RuntimeError("key material was wiped (practice locked or closed)")
        return self._buf

    def __repr__(self) -> str:  # never show key bytes in logs or tracebacks
        return "KeyMaterial(<wiped>)" if self._buf is None else "KeyMaterial(<hidden>)"
