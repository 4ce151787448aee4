"""Keyed digests of whole backup files: proof that a file is byte for byte the one that passed
its full check, at the cost of one read (no page is decrypted, no b-tree walked).

A full check of a 200 MB backup (integrity_check and every page's HMAC) takes ~1 s, about 7x a
read of the file; re-running it every time a backup is verified repeats work whose result cannot
have changed unless the bytes did. So once a backup passes, its bytes and the facts the check
found are tagged with HMAC-SHA256 under a key derived from the practice key (the services keep
the tag in a sidecar). Re-computing the tag later proves nothing changed since: a flipped bit, a
truncation or another file under the same name gives another tag. Without the practice key a tag
cannot be forged, so a sidecar someone edited is simply not trusted (the full check runs).
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from .keys import KEY_BYTES, KeyMaterial

_CHUNK = 1 << 20
# Domain separation: the tag key is derived from the database key but is never the key itself,
# so a tag says nothing about the key that encrypts the pages.
_LABEL = b"IPT Desktop backup seal v1"
# A file without a passphrase has no secret to key the tag with; the tag still detects every
# accidental change (bit rot, truncation, a sync program's mix-up), which is what it is for.
_PLAIN_KEY = hashlib.sha256(_LABEL + b" (no passphrase)").digest()


def tag_key(key: KeyMaterial | None) -> bytes:
    """The key for tags of backups made with ``key`` (None: an unencrypted practice)."""
    if key is None:
        return _PLAIN_KEY
    raw = key._require()  # noqa: SLF001 - same layer, the buffer is ours
    return hmac.digest(bytes(raw[:KEY_BYTES]), _LABEL, "sha256")


class FileTag:
    """HMAC-SHA256 over a file's bytes, then over ``facts`` (what its check found).

    ``read()`` hashes the file, once, on whatever thread the caller chooses: the checks run it
    on a thread that would otherwise wait for integrity_check (hashlib releases the GIL on
    large buffers). ``finish(facts)`` reads the file first if nobody did, and returns (bytes
    read, hex tag).
    """

    def __init__(self, path: Path, key: bytes):
        self.path = Path(path)
        self._mac = hmac.new(key, digestmod=hashlib.sha256)
        self._size = 0
        self._error: OSError | None = None
        self._read_done = False

    def read(self) -> None:
        if self._read_done:
            return
        self._read_done = True
        try:
            with open(self.path, "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    self._mac.update(chunk)
                    self._size += len(chunk)
        except OSError as exc:  # handed to finish(), on the thread that uses the tag
            self._error = exc

    def finish(self, facts: bytes) -> tuple[int, str]:
        self.read()
        if self._error is not None:
            raise self._error
        mac = self._mac.copy()
        mac.update(b"\0" + facts)  # the separator: no file content can end where the facts start
        return self._size, mac.hexdigest()


def tags_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


__all__ = ["FileTag", "tag_key", "tags_equal"]
