"""Files a command writes at a person's request (``export --output``, ``alerts --output``): never the
archive or any SQLite file, never an existing file without ``--force``, in the format the name says, and
written whole or not at all (a temporary file in the same folder, renamed over the target at the end).

Example::

    fmt = output_format(path, fmt, ("csv", "json", "xlsx"))
    refuse_unsafe_output(path, archive_path, force)
    with atomic_output(path) as temporary:
        write(temporary)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
ARCHIVE_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")  # files SQLite and nianbao keep beside it


class OutputRefused(Exception):
    """The output path or format is refused; the message is the one-line reason."""


def output_format(path: Path, fmt: str | None, formats: Sequence[str], default: str | None = None) -> str:
    """The format asked for, else the one the file name's extension says, else ``default``; a format that
    contradicts the extension (``x.xlsx`` as csv) is refused."""
    extension = path.suffix.lstrip(".").lower()
    if fmt and extension in formats and extension != fmt:
        raise OutputRefused(f"--format {fmt} contradicts the name {path.name}; name it .{fmt} or drop --format")
    chosen = fmt or (extension if extension in formats else default)
    if chosen not in formats:
        raise OutputRefused(f"cannot tell the format from {path.name}: give --format ({', '.join(formats)})")
    return chosen


def refuse_unsafe_output(path: Path, archive_path: Path | None, force: bool) -> None:
    """Refuse to write over the archive (or its companion files), over any SQLite file, or over an
    existing file without ``force``; a missing folder or a target that is no file is refused too."""
    if archive_path is not None and is_archive_file(path, archive_path):
        raise OutputRefused(f"{path} is the archive; never written over")
    if not path.parent.is_dir():
        raise OutputRefused(f"no folder {path.parent} for {path.name}")
    if not path.exists():
        return
    if not path.is_file():
        raise OutputRefused(f"{path} exists and is not a file")
    if is_sqlite_file(path):
        raise OutputRefused(f"{path} is an SQLite file (an archive?); never written over")
    if not force:
        raise OutputRefused(f"{path} exists; add --force to replace it")


def is_archive_file(path: Path, archive_path: Path) -> bool:
    archive = os.path.realpath(archive_path)
    return os.path.realpath(path) in {archive + companion for companion in ARCHIVE_COMPANIONS}


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; renamed onto ``path`` when the block ends without an
    error, removed when it fails, so a reader never sees half a file and a failure leaves the old one."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~current_umask())  # mkstemp makes it private; the target is a normal file
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
