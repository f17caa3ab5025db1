"""Every command on a damaged archive: one line on stderr, exit 2, no traceback, and the file left as it was."""

import hashlib
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from nianbao.cli import cli


@pytest.fixture
def damaged(tmp_path, shared):
    path = tmp_path / "archive.db"
    seeds = sorted((shared / "seeds").glob("*.txt"))
    result = CliRunner().invoke(cli, ["ingest", *map(str, seeds), "--db", str(path)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:  # everything into the main file, as after the last writer closes
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    middle = max(4096, (len(data) // 2) // 4096 * 4096)
    data[middle : middle + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    return path


def run(damaged, shared, tmp_path, args):
    seed = shared / "seeds" / "000_5065faee3bf7259b.txt"
    args = [str(tmp_path / "copy.db") if a == "COPY" else str(seed) if a == "SEED" else a for a in args]
    return CliRunner().invoke(cli, [*args, "--db", str(damaged)])


@pytest.mark.parametrize("args", [["backup", "COPY"], ["reparse"], ["ingest", "SEED"]])
def test_a_damaged_archive_is_refused_by_writers_with_one_line_and_status_2(damaged, shared, tmp_path, args):
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    result = run(damaged, shared, tmp_path, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0] and ".recover" in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before
    assert not (tmp_path / "copy.db").exists()


@pytest.mark.parametrize("args", [["search", "信访"], ["search", "决"], ["export", "--format", "csv"]])
def test_readers_read_what_is_intact_or_say_in_one_line_that_it_is_damaged(damaged, shared, tmp_path, args):
    result = run(damaged, shared, tmp_path, args)
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code:
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "damaged" in lines[0] and ".recover" in lines[0], result.stderr


@pytest.fixture
def read_only_mount(tmp_path):
    """A real read-only file system (a tmpfs remounted ro): where a mounted copy of an archive lives."""
    point = tmp_path / "ro"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(point)], capture_output=True).returncode:
        pytest.skip("mounting a file system needs root here")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=True)


def test_a_wal_archive_on_read_only_storage_is_searched_and_exported(read_only_mount, shared):
    path = read_only_mount / "archive.db"
    seed = shared / "seeds" / "000_5065faee3bf7259b.txt"
    ingest = [sys.executable, "-m", "nianbao", "ingest", str(seed), "--db", str(path)]  # closes its files on exit
    subprocess.run(ingest, check=True, capture_output=True)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    found = CliRunner().invoke(cli, ["search", "信访", "--db", str(path)])
    assert found.exit_code == 0 and "西夏区信访局" in found.output, found.output
    exported = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(path)])
    assert exported.exit_code == 0 and "西夏区信访局" in exported.output
