"""Reading an input file safely: regular files only, and not more than a map can be.

`read_input` refuses, in one line naming the file, what would hang or exhaust
the program instead of failing: a named pipe (opening it would wait for a
writer), a device such as ``/dev/zero`` (endless), a socket, a folder, and a
file larger than `MAX_INPUT_BYTES`.  Maps and CSV files are read through it.

Plain Python; never imports Qt.
"""

from __future__ import annotations

import os
import stat

from app.model.errors import JourneyError

#: The largest map or CSV file read (a 20,000-card map is about 10 MB).
MAX_INPUT_BYTES = 128 * 1024 * 1024
_MB = 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_input(source: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``source``, at most ``limit`` of them.

    Raises:
        JourneyError: no such file, a folder, not a regular file, too large,
            or unreadable.
    """
    try:
        # Non-blocking, so that opening a named pipe does not wait for a writer.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise JourneyError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise JourneyError(f"{source}: is a folder, not a file") from None
    except OSError as exc:
        raise JourneyError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        check_kind(source, info.st_mode)
        if info.st_size > limit:
            raise _too_large(source, limit)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)  # the file may grow while it is read
        except OSError as exc:
            raise JourneyError(f"{source}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _too_large(source, limit)
    return data


def check_kind(source: str, mode: int) -> None:
    """Raise `JourneyError` unless ``mode`` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise JourneyError(f"{source}: is a folder, not a file")
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise JourneyError(f"{source}: is {kind}, not a file; Journeymap reads only regular files")


def _too_large(source: str, limit: int) -> JourneyError:
    return JourneyError(
        f"{source}: the file is larger than {limit // _MB} MB, the most Journeymap reads"
    )
