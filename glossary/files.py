"""Reading the user's files: regular files only, with a size bound, every failure an InputError.

A FIFO named ``x.toml`` would block a plain ``read()`` forever and a link to
``/dev/zero`` would read without end; a path under an unreadable folder or a name
over 255 bytes raises from ``Path.is_dir()`` itself. Everything here opens without
blocking, checks what it opened and turns each ``OSError`` into
:class:`~glossary.errors.InputError`, whose message names the path (printable).
"""

from __future__ import annotations

import errno
import os
import stat

from glossary.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import BinaryIO

__all__ = ["MAX_BYTES", "TERM_FILE_BYTES", "is_folder", "open_file", "read_file", "reason"]

#: The largest input file read whole (a glossary, a text to scan).
MAX_BYTES = 1 << 30
#: The largest term file: one concept is a few kB.
TERM_FILE_BYTES = 4 << 20

_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "too many levels of symbolic links",
    errno.EISDIR: "it is a folder, not a file",
}


def reason(error: OSError, *, writing: bool = False) -> str:
    """What went wrong, in words a user reads (the OS's own words for the rarer errors).

    ``writing``: a missing path is a missing folder (the file is about to be made).
    """
    if writing and error.errno == errno.ENOENT:
        return "its folder does not exist"
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)


def _stat(path: str | Path) -> os.stat_result:
    name = os.fspath(path)
    if not name:
        raise InputError(name, "an empty path names no file or folder")
    try:
        return os.stat(name)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        raise InputError(name, reason(error) if isinstance(error, OSError) else "the name holds a NUL character") from None


def is_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder (False for a file); InputError when it is neither or cannot be reached."""
    return stat.S_ISDIR(_stat(path).st_mode)


def open_file(path: str | Path, limit: int = MAX_BYTES) -> BinaryIO:
    """A regular file of at most ``limit`` bytes, open for reading; InputError for anything else."""
    name = os.fspath(path)
    if not name:
        raise InputError(name, "an empty path names no file or folder")
    try:
        # O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused below)
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as error:
        raise InputError(name, reason(error) if isinstance(error, OSError) else "the name holds a NUL character") from None
    try:
        status = os.fstat(handle)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(name, "it is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(name, "not a regular file (a pipe, device or socket): give a file")
        if status.st_size > limit:
            raise InputError(name, f"larger than {limit:,} bytes: too large to read")
    except BaseException:
        os.close(handle)
        raise
    return os.fdopen(handle, "rb")  # O_NONBLOCK does nothing to a regular file


def read_file(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError for anything else."""
    with open_file(path, limit) as stream:
        try:
            data = stream.read(limit + 1)  # a file may grow after the check
        except OSError as error:
            raise InputError(os.fspath(path), reason(error)) from None
    if len(data) > limit:
        raise InputError(os.fspath(path), f"larger than {limit:,} bytes: too large to read")
    return data
