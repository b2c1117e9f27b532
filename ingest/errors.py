"""Failures a user can fix, and the one line each ends in.

An expected failure (missing input, a locked or read-only warehouse, a full disk, a bad reference CSV, a
failing dbt model or expectation) is raised as a ``UserError``: the command line prints its message and
how to fix it on one line and exits non-zero. Anything else is a bug, and gets one line too unless
``--debug`` asks for the traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator

EXIT_FAILED = 1
EXIT_TEMPFAIL = 75  # sysexits.h EX_TEMPFAIL: try again later (the warehouse is being built by someone else)


def in_one_line(error: Exception) -> str:
    """An exception as one line of at most 500 characters, its type first: how a failed record or article
    is recorded (raw.rejected_inputs) and logged."""
    return f"{type(error).__name__}: {' '.join(str(error).split())}"[:500]


class UserError(Exception):
    """An expected failure: what went wrong and how to fix it."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def one_line(self) -> str:
        text = " ".join(self.message.split())
        return f"{text}: {self.fix}" if self.fix else text


class WarehouseBusy(UserError):
    exit_code = EXIT_TEMPFAIL


FIX_DISK_FULL = "free some space on that file system and build again; the published warehouse is unchanged"
FIX_NOT_WRITABLE = "build into a folder you can write (--warehouse / WAREHOUSE=)"


def from_os_error(error: OSError, doing: str) -> UserError:
    """The user-facing form of an OSError met while ``doing`` something ("copying the warehouse")."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(f"disk full while {doing}{where}", FIX_DISK_FULL)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"cannot write while {doing}: {os.strerror(error.errno)}{where}", FIX_NOT_WRITABLE)
    return UserError(f"{doing} failed: {error.strerror or error}{where}")


def from_duckdb_error(error: Exception, doing: str) -> UserError | None:
    """The user-facing form of a DuckDB I/O error, or None when it is not one a user can fix."""
    text = str(error)
    if "Could not set lock" in text or "Conflicting lock" in text:
        holder = text.split("Conflicting lock is held in", 1)[-1].strip() if "Conflicting lock" in text else ""
        return UserError(f"the warehouse is open for writing in another program while {doing}"
                         + (f" ({holder.splitlines()[0][:200]})" if holder else ""),
                         "close it there (a DuckDB shell, DBeaver, a notebook) or open it read-only")
    if "No space left on device" in text or "Disk full" in text:
        return UserError(f"disk full while {doing}", FIX_DISK_FULL)
    if "Permission denied" in text or "Read-only file system" in text:
        return UserError(f"cannot write while {doing}: {text.splitlines()[0][:200]}", FIX_NOT_WRITABLE)
    return None


@contextlib.contextmanager
def writing(doing: str) -> Iterator[None]:
    """Turn the file-system and DuckDB I/O errors of the block into a ``UserError`` saying what was being done."""
    import duckdb

    try:
        yield
    except OSError as error:
        raise from_os_error(error, doing) from error
    except (duckdb.IOException, duckdb.PermissionException) as error:
        explained = from_duckdb_error(error, doing)
        if explained is None:
            raise
        raise explained from error
