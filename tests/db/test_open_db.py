import sqlite3

from nianbao.db import default_path, open_db, transaction


def test_creates_parent_folder_wal_and_foreign_keys(tmp_path):
    db = open_db(tmp_path / "deep" / "down" / "archive.db")
    assert (tmp_path / "deep" / "down" / "archive.db").exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_default_path_is_nianbao_db_env_or_db_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("NIANBAO_DB", raising=False)
    assert str(default_path()) == "db/nianbao.db"
    monkeypatch.setenv("NIANBAO_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"


def test_tables_of_the_spec_with_their_columns(db):
    required = {
        "agencies": {"id", "name", "kind", "region", "portal", "since", "in_registry"},
        "fetches": {"id", "url", "fetched_at", "status", "outcome", "content_type", "sha256", "size"},
        "blobs": {"sha256"},
        "reports": {
            "id",
            "agency_id",
            "year",
            "title",
            "url",
            "format",
            "published_at",
            "first_seen",
            "last_seen",
            "sha256",
            "version",
            "record",
        },
        "cells": {"report_id", "key", "value"},
        "findings": {"id", "code", "severity", "report_id", "agency_id", "year", "evidence", "run_id"},
        "alerts": {
            "id",
            "code",
            "severity",
            "agency_id",
            "year",
            "report_id",
            "status",
            "first_seen",
            "last_seen",
            "resolved_at",
            "note",
            "evidence",
        },
        "listings": {"run_id", "list_url", "url", "title", "listed_date", "seen_at"},
        "corrections": {"report_id", "key", "value", "note", "made_at"},
        "runs": {"id", "kind", "started_at", "finished_at", "outcome", "counters"},
    }
    for table, columns in required.items():
        assert columns <= set(db[table].columns_dict), table


def test_a_failed_transaction_leaves_nothing(db):
    try:
        with transaction(db):
            db.execute("INSERT INTO runs (kind, started_at) VALUES ('ingest', '2025-01-01T00:00:00Z')")
            raise RuntimeError("killed")
    except RuntimeError:
        pass
    assert db["runs"].count == 0


def test_foreign_keys_are_enforced(db):
    try:
        db.execute("INSERT INTO cells (report_id, key, value) VALUES (999, 'a.b.c', 1)")
    except sqlite3.IntegrityError:
        return
    raise AssertionError("a cell of no report was accepted")


def test_read_only_sees_commits_and_cannot_write(tmp_path):
    writer = open_db(tmp_path / "a.db")
    reader = open_db(tmp_path / "a.db", read_only=True)
    with transaction(writer):
        writer.execute("INSERT INTO runs (kind, started_at) VALUES ('crawl', '2025-03-01T00:00:00Z')")
    assert reader["runs"].count == 1
    try:
        reader.execute("DELETE FROM runs")
    except sqlite3.OperationalError as err:
        assert "readonly" in str(err)
    else:
        raise AssertionError("a read-only archive was written")


def test_read_only_upgrades_an_old_file_once_then_reads(tmp_path):
    from nianbao.db.migrations import apply_migrations, migrations, schema_version

    old = open_db(tmp_path / "old.db", migrate=False)
    apply_migrations(old, stop_before="add_full_text_search")
    old.close()
    reader = open_db(tmp_path / "old.db", read_only=True)
    assert not migrations.pending(reader) and schema_version(reader) == len(migrations.applied(reader))


def test_read_only_needs_an_archive(tmp_path):
    import pytest
    from nianbao.db import ArchiveError

    with pytest.raises(ArchiveError):
        open_db(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()
