"""Reading the user's files and writing outputs: every failure an InputError or OutputError naming the path.

Reading takes regular files only, with a size bound.

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
    from collections.abc import Iterator
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import IO, Any, BinaryIO

__all__ = ["MAX_BYTES", "TERM_FILE_BYTES", "is_folder", "open_file", "output_target", "read_file", "reason", "replacing", "write_atomically"]

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


# --- writing -------------------------------------------------------------------

def output_target(path: Path | str) -> tuple[Path, bool]:
    """Where to write an output file, and whether to write it directly instead of replacing it.

    A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a
    FIFO) is written to directly, never replaced by a regular file; a symbolic link to
    a file gives the file it points to, so the link stays. OutputError for a folder or
    a path that cannot be looked at.
    """
    from pathlib import Path

    from glossary.errors import OutputError

    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except (OSError, ValueError) as error:
        raise OutputError(str(path), reason(error, writing=True) if isinstance(error, OSError) else "the name holds a NUL character") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(str(path), "it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        return Path(path), True
    return (Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)), False


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write a file through a temporary file in the same folder, renamed into place (see :func:`output_target`)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with replacing(path, binary=True) as stream:
        stream.write(data)


def replacing(path: Path, *, binary: bool = False) -> AbstractContextManager[IO[Any]]:
    """A stream to write ``path`` through: a temporary file beside it, renamed onto it when the
    block ends without error and removed otherwise, so ``path`` is never half-written. A device or
    a FIFO (see :func:`output_target`) is written to directly. OSError becomes OutputError."""
    import contextlib  # here, not at the top: this module is on the lookup path, contextlib imports functools

    return contextlib.contextmanager(_replacing)(path, binary)


def _replacing(path: Path, binary: bool) -> Iterator[IO[Any]]:
    import tempfile
    from pathlib import Path

    from glossary.errors import GlossaryError, OutputError

    path, direct = output_target(path)
    mode = "wb" if binary else "w"
    text_options: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": "\n"}
    if direct:
        try:
            with open(path, mode, **text_options) as stream:
                yield stream
        except GlossaryError:  # the writer's own (an unreadable input is an OSError too): not a write failure
            raise
        except OSError as error:
            raise OutputError(str(path), reason(error, writing=True)) from None
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(str(path), reason(error, writing=True)) from None
    try:
        with os.fdopen(handle, mode, **text_options) as stream:
            yield stream
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; give the file the usual mode
        os.replace(temporary, path)
    except GlossaryError:
        Path(temporary).unlink(missing_ok=True)
        raise
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(str(path), reason(error, writing=True)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The mode an existing file has, else what a plain open() would give (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
