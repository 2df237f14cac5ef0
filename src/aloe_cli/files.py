"""Writing files the user asked for: atomically, never over an existing file without --force.

Only regular files are ever written or replaced (`-o /dev/null --force` must not replace a device), a
new file is created exclusively (two runs racing for one name: one wins, the other is told), and the
temporary file of a run that was killed is removed by the next run that writes beside it. A set of
files (a CSV folder) is written all or none. Nothing is ever removed but what aloe itself made.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
from pathlib import Path

from aloe_cli.errors import OutputError
from aloe_cli.i18n import _

_TEMPORARY_MARK = ".aloe-"  # temporary files are ".NAME.aloe-PID-TOKEN.tmp" (or ".aloe-PID-TOKEN.tmp")
# Exactly the names _temporary_name makes: a file of the user's that merely contains ".aloe-" is not one.
_TEMPORARY_NAME = re.compile(r"(?:\..+)?\.aloe-(\d+)-[0-9a-f]+\.tmp")
MAX_NAME_BYTES = 255


def write_new_file(path: str | Path, content: str | bytes, *, force: bool) -> None:
    """Write through a temporary file in the same folder, then rename: a reader never sees half a file."""
    _refuse_folder_name(path)
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        _write(target, data, force)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(
            _("{file}: cannot write there: {reason}").format(file=target, reason=error.strerror or error)
        ) from None


def _refuse_folder_name(path: str | Path) -> None:
    """Refuse `out/` (or `out/.`) as a file name: it names a folder, and Path would drop the slash."""
    text = os.fspath(path)
    if text.endswith(("/", os.sep)) or text.rsplit("/", 1)[-1] in (".", ".."):
        raise OutputError(_("{file}: names a folder; give the name of a file").format(file=text))


def write_file_set(folder: Path, files: dict[str, bytes], *, force: bool) -> None:
    """Write several files into `folder`, all or none: a failure part-way leaves the folder as it was.

    A new folder is made beside under a temporary name, filled, then renamed into place. In a folder that
    exists, every file is first written in full under a temporary name; only then are they renamed onto
    their names, each file replaced kept until all are in place, so that a failure puts them back.
    """
    try:
        if os.path.lexists(folder) and not folder.is_dir():
            raise OutputError(_("{file}: is a file; name a folder, or a .zip").format(file=folder))
        for name in files:
            check_writable_target(folder / name, force=force)
        if folder.is_dir():
            _write_into_folder(folder, files, force)
        else:
            _write_new_folder(folder, files)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(
            _("{file}: cannot write there: {reason}").format(file=folder, reason=error.strerror or error)
        ) from None


def _write_new_folder(folder: Path, files: dict[str, bytes]) -> None:
    parent = folder.parent
    if not parent.is_dir():
        raise OutputError(_("{file}: the folder {folder} does not exist").format(file=folder, folder=parent))
    remove_stale_temporaries(parent)
    staging = parent / _temporary_name(folder.name)
    os.mkdir(staging, 0o700)
    written: list[Path] = []
    try:
        for name, data in files.items():
            written.append(_write_temporary(staging / name, data))
        os.chmod(staging, 0o777 & ~_umask())
        try:
            os.rename(staging, folder)  # onto nothing, or onto an empty folder: nothing is lost
        except OSError as error:
            if error.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
                raise OutputError(
                    _("{file}: already exists; add --force to replace its files").format(file=folder)
                ) from None
            raise
    finally:
        if os.path.lexists(staging):  # not renamed: take back what this run wrote, and only that
            for path in written:
                path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                os.rmdir(staging)


def _write_into_folder(folder: Path, files: dict[str, bytes], force: bool) -> None:
    remove_stale_temporaries(folder)
    staged: dict[Path, Path] = {}  # target -> its finished temporary
    placed: list[tuple[Path, Path | None]] = []  # target -> the copy of the file it replaced (None: new)
    try:
        for name, data in files.items():
            temporary = folder / _temporary_name(name)
            staged[folder / name] = _write_temporary(temporary, data)
        try:
            for target, temporary in staged.items():
                if force and os.path.lexists(target):
                    check_writable_target(target, force=True)  # still a regular file
                    kept = _keep_a_copy(target)
                    placed.append((target, kept))
                    os.replace(temporary, target)
                else:
                    _link_exclusively(temporary, target)
                    placed.append((target, None))
        except BaseException:
            for target, previous in reversed(placed):  # put back what was there before this run
                if previous is None:
                    target.unlink(missing_ok=True)  # made by this run, exclusively
                else:
                    os.replace(previous, target)
            raise
    finally:
        for path in [*staged.values(), *(kept for _, kept in placed if kept is not None)]:
            with contextlib.suppress(OSError):
                os.unlink(path)


def _keep_a_copy(target: Path) -> Path:
    """A second name for the file about to be replaced (a hard link, else a copy), to put it back."""
    kept = target.parent / _temporary_name(target.name)
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)
    return kept


def _write_temporary(temporary: Path, data: bytes) -> Path:
    """Write `data` in full to a new private file, then give it the mode a plain `open` would have."""
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    os.chmod(temporary, 0o666 & ~_umask())
    return temporary


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def check_writable_target(target: Path, *, force: bool) -> None:
    """Refuse a target that is not a regular file, or that exists when --force was not given."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(_("{file}: is a directory").format(file=target))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            _("{file}: is not a regular file (a device, FIFO or socket): aloe writes only files").format(
                file=target
            )
        )
    if not force:
        raise OutputError(_("{file}: already exists; add --force to replace it").format(file=target))


def _write(target: Path, data: bytes, force: bool) -> None:
    check_writable_target(target, force=force)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(_("{file}: the folder {folder} does not exist").format(file=target, folder=folder))
    remove_stale_temporaries(folder)
    temporary = folder / _temporary_name(target.name)
    try:
        _write_temporary(temporary, data)
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
        raise OutputError(
            _("{file}: already exists; add --force to replace it").format(file=target)
        ) from None
    except OSError:
        # A file system without hard links: claim the name exclusively, then move the file onto it.
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputError(
                _("{file}: already exists; add --force to replace it").format(file=target)
            ) from None
        os.replace(temporary, target)


def _temporary_name(name: str) -> str:
    """A temporary name that says whose it is, short enough for any file system."""
    tail = f"{_TEMPORARY_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp"
    full = f".{name}{tail}"
    return full if len(full.encode("utf-8")) <= MAX_NAME_BYTES else tail


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files that aloe runs killed before they finished (their process is gone).

    Only names of exactly aloe's shape, owned by this user: never a file of the user's that looks alike.
    A temporary folder (a CSV export's) goes with its files, if it holds files only.
    """
    try:
        names = [n for n in os.listdir(folder) if _TEMPORARY_MARK in n and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        shape = _TEMPORARY_NAME.fullmatch(name)
        if shape is None or _process_alive(int(shape.group(1))):
            continue
        path = folder / name
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if info.st_uid != os.geteuid():
                continue
            if stat.S_ISREG(info.st_mode):
                os.unlink(path)
            elif stat.S_ISDIR(info.st_mode):
                inside = [path / n for n in os.listdir(path)]
                if all(stat.S_ISREG(os.lstat(p).st_mode) for p in inside):
                    for file in inside:
                        os.unlink(file)
                    os.rmdir(path)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process can have: leave the file alone
    return True
