"""Writing files the user asked for: atomically, never over an existing file without --force.

Only regular files are ever written or replaced (`-o /dev/null --force` must not replace a device), a
new file is created exclusively (two runs racing for one name: one wins, the other is told), and the
temporary file of a run that was killed is removed by the next run that writes beside it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from aloe_cli.errors import OutputError

_TEMPORARY_MARK = ".aloe-"  # temporary files are ".NAME.aloe-PID-TOKEN.tmp" (or ".aloe-PID-TOKEN.tmp")
MAX_NAME_BYTES = 255


def write_new_file(path: str | Path, content: str | bytes, *, force: bool) -> None:
    """Write through a temporary file in the same folder, then rename: a reader never sees half a file."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        _write(target, data, force)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(f"{target}: cannot write there: {error.strerror or error}") from None


def check_writable_target(target: Path, *, force: bool) -> None:
    """Refuse a target that is not a regular file, or that exists when --force was not given."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"{target}: is not a regular file (a device, FIFO or socket): aloe writes only files"
        )
    if not force:
        raise OutputError(f"{target}: already exists; add --force to replace it")


def _write(target: Path, data: bytes, force: bool) -> None:
    check_writable_target(target, force=force)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    remove_stale_temporaries(folder)
    temporary = folder / _temporary_name(target.name)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # The temporary file is private (0600); give the file the mode a plain `open` would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if force:
            check_writable_target(target, force=True)  # still a regular file, or nothing
            os.replace(temporary, target)
        else:
            _link_exclusively(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _link_exclusively(temporary: Path, target: Path) -> None:
    """Give the finished file its name only if nobody has taken the name meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(f"{target}: already exists; add --force to replace it") from None
    except OSError:
        # A file system without hard links: claim the name exclusively, then move the file onto it.
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputError(f"{target}: already exists; add --force to replace it") from None
        os.replace(temporary, target)


def _temporary_name(name: str) -> str:
    """A temporary name that says whose it is, short enough for any file system."""
    tail = f"{_TEMPORARY_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp"
    full = f".{name}{tail}"
    return full if len(full.encode("utf-8")) <= MAX_NAME_BYTES else tail


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files that aloe runs killed before they finished (their process is gone)."""
    try:
        names = [n for n in os.listdir(folder) if _TEMPORARY_MARK in n and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid_text = name.rsplit(_TEMPORARY_MARK, 1)[1].split("-", 1)[0]
        if pid_text.isdigit() and not _process_alive(int(pid_text)):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process can have: leave the file alone
    return True
