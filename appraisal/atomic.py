"""Writing files all or none: a failure never leaves a half-written file or a partial set.

Every payload bound for a file is first written and fsynced to a temporary file beside its
target. Then the devices and pipes are written (a pipe that nothing reads is refused at once,
never waited on), then whatever ``before_replace`` writes (the command line's standard output),
and only when all of that has worked are the temporary files renamed into place. A full disk,
a read-only folder, a full device or a closed pipe therefore leaves every file as it was.

A link is written through to the file it names (the link itself stays a link); a link that leads
round in a circle, a folder, and a file that is read-only (by its permission bits, so even for an
administrator) are refused with an OSError naming the target.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:     # Windows: no named pipes to wait on, and no O_NONBLOCK
    fcntl = None        # type: ignore[assignment]

Target = str | os.PathLike


class ReadOnlyFile(PermissionError):
    """The target exists and its permission bits forbid writing (honoured even for root)."""


def reason(exc: OSError) -> str:
    """An OSError in plain words, without the file name (the caller names the file)."""
    if isinstance(exc, ReadOnlyFile):
        return "the file is read-only"
    words = {errno.ELOOP: "it is a link that leads round in a circle (a symbolic link loop)",
             errno.ENOENT: "there is no such file or folder",
             errno.EACCES: "permission denied", errno.EPERM: "permission denied",
             errno.ENAMETOOLONG: "the name is too long", errno.EISDIR: "it is a folder",
             errno.ENOSPC: "the disk or device is full", errno.EROFS: "the disk is read-only",
             errno.ENXIO: "nothing is reading from the pipe", errno.EPIPE: "the reader went away"}
    return words.get(exc.errno or 0, exc.strerror or str(exc))


def is_read_only(path: Target) -> bool:
    """True for an existing file with no write permission bit set (root would write it anyway)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222


def write_atomic(path: Target, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file in the same folder."""
    write_all_atomic([(path, payload)])


def write_all_atomic(files: Sequence[tuple[Target, bytes]],
                     before_replace: Callable[[], None] | None = None) -> None:
    """Write several files all or none (see the module's docstring); raises OSError naming the
    file the caller asked for."""
    targets = [(Path(path), Path(os.path.realpath(path)), payload) for path, payload in files]
    staged: list[tuple[Path, str, Path]] = []
    streams: list[tuple[Path, int, bytes]] = []
    try:
        for asked, real, payload in targets:
            with _naming(asked):
                kind = _kind(asked)
                if kind == "file":
                    if is_read_only(real):
                        raise ReadOnlyFile(errno.EACCES, "the file is read-only", str(asked))
                    staged.append((asked, _stage(real, payload), real))
                else:
                    streams.append((asked, _open_stream(real, kind), payload))
        for asked, fd, payload in streams:
            with _naming(asked):
                _write_fd(fd, payload)
        if before_replace is not None:
            before_replace()
        for asked, tmp, real in staged:
            with _naming(asked):
                os.replace(tmp, real)
    except BaseException:
        for _, tmp, _ in staged:
            _discard(tmp)
        raise
    finally:
        for _, fd, _ in streams:
            try:
                os.close(fd)
            except OSError:
                pass


def _kind(path: Path) -> str:
    """'file' (a regular file, or none yet), 'pipe' or 'device'; OSError for what cannot be one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path) or path.parent.exists() or not str(path.parent):
            return "file"
        raise
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        return "device"
    return "file"


def _open_stream(path: Path, kind: str) -> int:
    """Open a pipe or device for writing without waiting for a reader (ENXIO if none)."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_WRONLY | nonblock)
    if nonblock and fcntl is not None:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~nonblock)   # now write as usual
    return fd


def _write_fd(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


@contextmanager
def _naming(target: Path) -> Iterator[None]:
    """Let an OSError name the file the user asked for, not the temporary file beside it."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None or exc.filename == str(target):
            raise
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc


def _file_mode(target: Path) -> int:
    """The mode the written file should have: the old file's, else the usual one for new files."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage(target: Path, payload: bytes) -> str:
    """``payload`` in a new temporary file beside ``target``, flushed to disk: its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp",
                               dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, _file_mode(target))
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    """Remove a temporary file if it is still there."""
    try:
        os.unlink(tmp)
    except OSError:
        pass
