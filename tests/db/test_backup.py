import sqlite3

import pytest
from nianbao.db import ArchiveError
from nianbao.db.backup import backup


def test_backup_is_a_whole_consistent_copy(seeded, tmp_path):
    copy = backup(seeded, tmp_path / "copy.db")
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT count(*) FROM reports").fetchone() == (5,)
    assert connection.execute("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH '信访局'").fetchone() == (3,)


def test_backup_never_overwrites_nor_invents_folders(seeded, tmp_path):
    (tmp_path / "taken.db").write_bytes(b"precious")
    with pytest.raises(ArchiveError):
        backup(seeded, tmp_path / "taken.db")
    with pytest.raises(ArchiveError):
        backup(seeded, tmp_path / "no" / "folder.db")
    assert (tmp_path / "taken.db").read_bytes() == b"precious"
