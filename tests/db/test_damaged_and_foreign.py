"""Damaged, foreign and odd files given as the archive: refused with one line, before anything is changed."""

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from nianbao.db import ArchiveError, open_db
from nianbao.db.backup import backup
from nianbao.db.migrations import apply_migrations


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def archive_with_seeds(tmp_path, seeds, parse_as):
    from nianbao.db.archive import archive_file

    path = tmp_path / "archive.db"
    db = open_db(path)
    for seed in seeds:
        archive_file(db, seed.read_bytes(), url=seed.as_uri(), parse=parse_as(seed.name))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def damage(path):
    """Flip a page in the middle of the file, the way a failing disk or a bad copy does."""
    data = bytearray(path.read_bytes())
    middle = (len(data) // 2) // 4096 * 4096
    data[middle : middle + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))


def test_a_damaged_archive_is_refused_for_writing_and_left_as_it_was(archive_with_seeds):
    damage(archive_with_seeds)
    before = digest(archive_with_seeds)
    with pytest.raises(ArchiveError) as raised:
        open_db(archive_with_seeds)
    assert "is damaged" in str(raised.value) and ".recover" in str(raised.value)
    assert digest(archive_with_seeds) == before


def test_backup_runs_the_full_integrity_check(archive_with_seeds, tmp_path):
    db = open_db(archive_with_seeds, read_only=True)
    db.conn.execute("PRAGMA query_only=0")
    assert backup(db, tmp_path / "copy.db").is_file()  # a sound archive is copied
    db.close()
    damage(archive_with_seeds)
    reader = sqlite3.connect(archive_with_seeds)  # opened behind open_db's back, as a long-lived reader would be
    from nianbao.db import connect

    db = connect(archive_with_seeds)
    with pytest.raises((ArchiveError, sqlite3.DatabaseError)):
        backup(db, tmp_path / "second.db")
    assert not (tmp_path / "second.db").exists()
    reader.close()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(foreign)
    for read_only in (False, True):
        with pytest.raises(ArchiveError, match="not a nianbao archive|another program"):
            open_db(foreign, read_only=read_only)
    assert digest(foreign) == before
    check = sqlite3.connect(foreign)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.parametrize("content", [b"not sqlite at all, a CSV maybe\n1,2,3\n", b"\x00" * 5000])
def test_a_file_that_is_no_sqlite_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "panel.db"
    path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(ArchiveError, match="not an SQLite file"):
            open_db(path, read_only=read_only)
    assert path.read_bytes() == content


def test_an_empty_file_becomes_an_archive_for_a_writer_but_is_not_served(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(ArchiveError, match="is empty"):
        open_db(empty, read_only=True)
    assert empty.stat().st_size == 0
    open_db(empty).close()
    assert open_db(empty, read_only=True)["reports"].count == 0


def test_a_fifo_or_a_device_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/null"):
        for read_only in (False, True):
            with pytest.raises(ArchiveError, match="is not a file"):
                open_db(path, read_only=read_only)


def test_a_backup_copy_is_read_without_being_switched_to_wal(archive_with_seeds, tmp_path):
    copy = backup(open_db(archive_with_seeds, read_only=True), tmp_path / "copy.db")
    before = digest(copy)
    assert open_db(copy, read_only=True)["reports"].count == 5
    assert digest(copy) == before
    assert sqlite3.connect(copy).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


OPEN = "import sys; from nianbao.db import open_db; open_db(sys.argv[1]).close()"


def open_together(path, processes=4):
    started = [
        subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    return [(p.wait(), p.stderr.read()) for p in started]


def test_processes_that_create_an_archive_together_all_succeed(tmp_path):
    for trial in range(5):
        path = tmp_path / f"new{trial}.db"
        outcomes = open_together(path)
        assert all(code == 0 for code, _ in outcomes), outcomes
        assert open_db(path, read_only=True)["runs"].count == 0


def test_processes_that_migrate_an_old_archive_together_all_succeed(tmp_path):
    for trial in range(5):
        path = tmp_path / f"old{trial}.db"
        db = open_db(path, migrate=False)
        apply_migrations(db, stop_before="add_overview_views")
        db.close()
        outcomes = open_together(path)
        assert all(code == 0 for code, _ in outcomes), outcomes
        assert "report_list" in open_db(path, read_only=True).view_names()
