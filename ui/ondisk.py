"""A case file's state on disk when it was opened, to notice another program's changes before Save.

:class:`OnDisk` records the file's size, modification time and a digest of its bytes. Before
saving over the file the window asks :meth:`OnDisk.changed`: a file whose size and time are
unchanged is taken as unchanged; otherwise its bytes are compared, so a file merely touched is
not a conflict. A file deleted since is not one either (saving puts the case back). Reading is
bounded (a case is at most 20 MB), and nothing here needs a display.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from appraisal.atomic import is_read_only
from appraisal.casefile import MAX_BYTES


def _digest(path: Path) -> str | None:
    """SHA-256 of the file's first MAX_BYTES + 1 bytes; None if it cannot be read as a file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read(MAX_BYTES + 1)).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class OnDisk:
    path: Path
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: str | os.PathLike) -> OnDisk | None:
        """The file's state now; None if it is not there (or not a plain file)."""
        path = Path(path)
        try:
            st = os.stat(path)
        except OSError:
            return None
        if st.st_size > MAX_BYTES:
            return None             # too large to be a case: it will be refused, unread
        digest = _digest(path)
        return None if digest is None else cls(path, st.st_size, st.st_mtime_ns, digest)

    def changed(self) -> bool:
        """True if the file now holds other bytes than when this was taken."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns) == (self.size, self.mtime_ns):
            return False
        return _digest(self.path) != self.digest

    def to_json(self) -> dict:
        return {"path": str(self.path), "size": self.size, "mtime_ns": self.mtime_ns,
                "sha256": self.digest}

    @classmethod
    def from_json(cls, value) -> OnDisk | None:
        try:
            return cls(Path(value["path"]), int(value["size"]), int(value["mtime_ns"]),
                       str(value["sha256"]))
        except (TypeError, KeyError, ValueError):
            return None


def read_only(path: str | os.PathLike) -> bool:
    """True if the file should be opened read-only: no write permission bit (so even the
    administrator, whom access() always lets write, keeps off it) or no permission to write."""
    path = Path(path)
    if is_read_only(path):
        return True
    try:
        return path.exists() and not os.access(path, os.W_OK)
    except OSError:
        return False
