"""One build at a time per warehouse: an advisory lock file beside the published file.

The lock is ``flock`` on ``<warehouse>.lock``; the kernel drops it when its holder exits, however it exits, so
a lock whose process is gone (kill -9, a reboot) is simply free, and the next build takes it. The file keeps
who holds it (pid, host, start time, command) so that a waiting build can say whom it waits for. The file
itself is never deleted: deleting a lock file races with a process that has just opened it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingest.errors import WarehouseBusy, from_os_error

log = logging.getLogger("ingest.lock")


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    started_at: str
    command: str

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, started {self.started_at} ({self.command})"


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


def read_holder(path: Path) -> LockHolder | None:
    """Who wrote the lock file last (the holder, while the lock is held); None if unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["started_at"]), str(data["command"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def build_lock(published: Path, wait: bool = True, poll_seconds: float = 1.0,
               on_wait: Callable[[LockHolder | None], None] | None = None) -> Iterator[LockHolder]:
    """Hold the warehouse's lock for the duration of the block.

    wait=False raises ``WarehouseBusy`` (exit 75) at once when another process holds it; otherwise this waits,
    telling ``on_wait`` (default: a log line) once whom it waits for.
    """
    path = lock_path(published)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
    except OSError as error:
        raise from_os_error(error, f"creating the build lock {path}") from error
    held = False
    try:
        announced = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
                break
            except BlockingIOError:
                holder = read_holder(path)
                if not wait:
                    raise WarehouseBusy(
                        f"{published} is being built by " + (holder.describe() if holder else "another process"),
                        "wait for that build, or run without --no-wait to queue behind it") from None
                if not announced:
                    (on_wait or _log_wait)(holder)
                    announced = True
                time.sleep(poll_seconds)
        previous = read_holder(path)
        if previous and previous.pid != os.getpid() and not _pid_alive(previous.pid):
            log.info("took over the lock left by a build that is gone (%s)", previous.describe())
        holder = LockHolder(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds"),
                            " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:300])
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(holder.__dict__))
        handle.flush()
        yield holder
    finally:
        if held:
            with contextlib.suppress(OSError):
                # An empty file after a clean exit: a holder left in the file means its build died.
                handle.seek(0)
                handle.truncate()
                handle.flush()
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _log_wait(holder: LockHolder | None) -> None:
    who = holder.describe() if holder else "another process"
    log.warning("waiting for the build that holds the lock: %s", who)

