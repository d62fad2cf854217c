"""Output files as shell users expect them: what ``-o`` does for every kind of target.

- ``-``: standard output.
- a symbolic link: written through to its target; the link stays.
- a device or a FIFO (``/dev/null``, a named pipe): written to directly, never replaced.
- a read-only file: refused, the file unchanged.
- a regular file, or a new one: written to a temporary file beside it, then renamed into
  place (keeping an existing file's mode), so a failed write leaves the old file whole.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import ExportError

STDOUT = "-"
#: write errors that mean standard output is gone or full, not that a command failed
STDOUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG})


def write_output(output: str | Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write(binary_file)`` on the file that ``-o output`` names, as the shell would.

    Raises:
        ExportError: the folder is missing, the file is read-only or a folder, or the write failed.
    """
    if str(output) == STDOUT:
        write_stdout(write)
        return
    path = Path(output)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise ExportError(f"{path.as_posix()}: cannot write ({e.strerror or e})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"{path.as_posix()}: is a folder; name a file")
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(path, target, write)
    elif mode is not None and not (mode & 0o222 and os.access(target, os.W_OK)):
        raise ExportError(f"{path.as_posix()}: file is read-only; remove it or make it writable (chmod u+w) first")
    else:
        write_atomic(target, write, mode, shown=path)


def write_stdout(write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` on standard output's bytes; a closed or full stdout raises one clear line.

    Raises:
        ExportError: standard output is closed, or the write failed (broken pipe, disk full).
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if sys.stdout is None or buffer is None:  # started with stdout closed (>&-)
        raise ExportError("<stdout>: standard output is closed; write to a file with -o FILE")
    try:
        sys.stdout.flush()
        write(buffer)
        buffer.flush()
    except OSError as e:
        silence_stdout()
        raise ExportError(f"<stdout>: cannot write ({e.strerror or e})") from None


def silence_stdout() -> None:
    """Point standard output at the null device: after a failed write, exit flushes nothing more."""
    if sys.stdout is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (a test runner's capture)
        pass


def _write_in_place(shown: Path, target: Path, write: Callable[[BinaryIO], object]) -> None:
    """A device or FIFO: open it and write, as ``>`` does; there is nothing to rename."""
    try:
        with open(target, "wb") as f:
            write(f)
    except OSError as e:
        raise ExportError(f"{shown.as_posix()}: cannot write ({e.strerror or e})") from None


def write_atomic(
    path: Path, write: Callable[[BinaryIO], object], mode: int | None = None, shown: Path | None = None
) -> None:
    """Call ``write(binary_file)`` on a temporary file beside ``path``, then rename it into place.

    The file keeps ``mode`` (an existing file's); a new one gets the umask's usual mode.
    """
    path, shown = Path(path), Path(shown or path)
    if not path.parent.exists():
        raise ExportError(f"{shown.as_posix()}: folder {path.parent.as_posix()} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise ExportError(
            f"{shown.as_posix()}: cannot write ({e.strerror or e}); any existing file is unchanged"
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(
            f"{shown.as_posix()}: cannot write ({e.strerror or e}); any existing file is unchanged"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
