"""What commands are given on the command line: a FIFO never hangs them, a folder that is skipped is
named, a file that cannot be read gets its line while the others go on, and unreadable is told apart
from not found. The tests run as root, whom permissions do not stop, so the unreadable things are made
otherwise: a FIFO, a folder where a file is expected, a symlink to /proc/self/mem (a regular file whose
read fails with EIO), a dangling symlink, and a folder nested past PATH_MAX (a walk cannot list it)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.inputs import NOT_FOUND, SKIPPED, UNREADABLE, UnreadableInput, list_inputs, read_input

SEEDS = sorted((Path(__file__).resolve().parents[1].parent / "shared" / "seeds").glob("*.txt"))
NIANBAO = [sys.executable, "-m", "nianbao"]


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "report.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["parse", "check", "ingest"])
def test_a_fifo_on_the_command_line_is_refused_without_hanging(fifo, tmp_path, command):
    """A real process: a hang would be the process's, and the timeout ends it."""
    result = subprocess.run(
        [*NIANBAO, command, str(fifo), str(SEEDS[0]), "--db", str(tmp_path / "a.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "report.txt" in lines[0] and "FIFO" in lines[0], result.stderr
    assert "西夏区信访局" in result.stdout or "1 new reports" in result.stdout


def test_a_fifo_inside_a_folder_is_refused_and_the_rest_archived(tmp_path, nianbao):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a_pipe.txt")
    (folder / "b.txt").write_bytes(SEEDS[0].read_bytes())
    result = nianbao("ingest", folder, db=tmp_path / "a.db")
    assert result.exit_code == 2 and "1 new reports" in result.stdout and "on disk: 1 unreadable" in result.stdout
    assert "a_pipe.txt: not a regular file (a FIFO)" in result.stderr


def deep_folder(top: Path) -> None:
    """A folder nested past PATH_MAX under ``top`` (made relative to each parent by descriptor): a walk
    from ``top`` cannot list it, as it could not list a folder it has no permission for."""
    fd = os.open(top, os.O_RDONLY)
    for _ in range(18):
        os.mkdir("d" * 250, dir_fd=fd)
        inner = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)


def test_skipped_folders_are_named_and_the_other_files_archived(tmp_path, nianbao):
    folder, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_bytes(SEEDS[1].read_bytes())
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    (folder / "deep").mkdir()
    deep_folder(folder / "deep")
    (folder / "z.txt").write_bytes(SEEDS[0].read_bytes())

    result = nianbao("ingest", folder, db=tmp_path / "a.db")
    assert result.exit_code == 2, result.stderr  # a folder that could not be read is bad input
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert "linked: a symlinked folder, not followed" in lines[0]
    assert "folder not read: File name too long" in lines[1]
    assert "1 files: 1 new reports" in result.stdout and "on disk: 1 unreadable" in result.stdout


def test_one_unreadable_file_among_several_gets_its_line_and_the_others_are_parsed(tmp_path, nianbao):
    mem = tmp_path / "mem.txt"
    mem.symlink_to("/proc/self/mem")  # a regular file whose every read fails (EIO), even for root
    result = nianbao("check", SEEDS[0], mem, tmp_path, SEEDS[1], "--json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert "mem.txt: cannot read: Input/output error" in lines[0]
    assert "not a regular file (a folder)" in lines[1]
    assert [record["file"] for record in json.loads(result.stdout)] == [str(SEEDS[0]), str(SEEDS[1])]


def test_unreadable_is_counted_apart_from_not_found(tmp_path, nianbao):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mem.txt").symlink_to("/proc/self/mem")
    (folder / "gone.txt").symlink_to(tmp_path / "nothing")
    (folder / "ok.txt").write_bytes(SEEDS[0].read_bytes())
    db = tmp_path / "a.db"
    result = nianbao("ingest", folder, tmp_path / "nope.pdf", db=db)
    assert result.exit_code == 2
    assert result.stdout.strip().endswith("on disk: 1 not found, 2 unreadable"), result.stdout
    assert "nope.pdf: no such file or folder" in result.stderr
    assert "gone.txt: a symlink to nothing" in result.stderr
    assert "mem.txt: cannot read: Input/output error" in result.stderr
    (counters,) = sqlite3.connect(db).execute("SELECT counters FROM runs").fetchone()
    assert json.loads(counters)["missing"] == 1 and json.loads(counters)["unreadable_on_disk"] == 2


def test_a_file_removed_between_listing_and_reading_is_unreadable_and_the_run_goes_on(tmp_path):
    from nianbao.db import open_db

    from nianbao.ingest import ingest_files

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_bytes(SEEDS[n].read_bytes())

    def remove_the_next(path):
        if path.name == "0.txt":
            (folder / "1.txt").unlink()

    summary = ingest_files(open_db(tmp_path / "a.db"), [folder], progress=remove_the_next)
    assert summary.counts["new"] == 2
    assert summary.problems == [(folder / "1.txt", UNREADABLE, "no such file")]


def test_list_inputs_says_what_it_could_not_list(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / ".hidden")
    listing = list_inputs([tmp_path, tmp_path / "none"])
    assert listing.files == [tmp_path / "a.txt"]
    assert listing.problems == [
        (tmp_path / "link", SKIPPED, "a symlinked folder, not followed"),
        (tmp_path / "none", NOT_FOUND, "no such file or folder"),
    ]


def test_read_input_refuses_what_is_no_regular_file(tmp_path, fifo):
    with pytest.raises(UnreadableInput, match="a FIFO"):
        read_input(fifo)
    with pytest.raises(UnreadableInput, match="a folder"):
        read_input(tmp_path)
    with pytest.raises(UnreadableInput, match="a device"):
        read_input(Path("/dev/zero"))
