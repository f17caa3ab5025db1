"""The files a command is given: listed from the paths and folders named, read without ever blocking. A
FIFO, a device or a folder where a file is expected is refused (reading a FIFO would wait for a writer
forever), a file that cannot be read is told apart from one that is not there, and a folder that cannot
be walked, or is a symlink (which could loop), is named as skipped: each gets its line and the others go on.

Example::

    listing = list_inputs([Path("downloads/")])
    for path in listing.files:
        data = read_input(path)          # or UnreadableInput
    listing.problems                     # [(path, 'skipped', 'a symlinked folder, not followed'), ...]
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

NOT_FOUND, UNREADABLE, SKIPPED = "not found", "unreadable", "skipped"


class UnreadableInput(Exception):
    """A path that exists and cannot be read as a file; the message is the one-line reason."""


@dataclass
class Listing:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str, str]] = field(default_factory=list)  # (path, NOT_FOUND/UNREADABLE/SKIPPED, why)


def list_inputs(paths) -> Listing:
    """The files named, and those inside the folders named (recursively, in name order, hidden ones and
    symlinked folders skipped), with what could not be listed."""
    listing = Listing()
    for path in map(Path, paths):
        if path.is_dir():
            walk_folder(path, listing)
        elif path.exists():
            listing.files.append(path)
        elif path.is_symlink():
            listing.problems.append((path, NOT_FOUND, "a symlink to nothing"))
        else:
            listing.problems.append((path, NOT_FOUND, "no such file or folder"))
    return listing


def walk_folder(top: Path, listing: Listing) -> None:
    def unwalkable(err: OSError) -> None:
        listing.problems.append((Path(err.filename), UNREADABLE, f"folder not read: {err.strerror or err}"))

    for folder, folders, names in os.walk(top, onerror=unwalkable):
        for name in sorted(folders):
            if name.startswith("."):
                folders.remove(name)
            elif os.path.islink(os.path.join(folder, name)):
                listing.problems.append((Path(folder, name), SKIPPED, "a symlinked folder, not followed"))
        folders.sort()
        listing.files.extend(Path(folder, name) for name in sorted(names) if not name.startswith("."))


def read_input(path: Path) -> bytes:
    """The bytes of a regular file (or a symlink to one); UnreadableInput for anything else or a read
    that fails. Opened without blocking, then checked, so a FIFO can never make it wait."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UnreadableInput("a symlink to nothing" if path.is_symlink() else "no such file") from None
    except OSError as err:
        raise UnreadableInput(f"cannot read: {err.strerror or err}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInput(f"not a regular file ({kind_of(mode)}), so not read")
        with os.fdopen(os.dup(fd), "rb") as file:
            return file.read()
    except OSError as err:
        raise UnreadableInput(f"cannot read: {err.strerror or err}") from None
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
