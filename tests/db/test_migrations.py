from nianbao.db import open_db
from nianbao.db.migrations import apply_migrations, migrations, schema_version, spaced_characters


def make_version_1_file(path):
    """A file as the first release of the archive left it, holding one report."""
    db = open_db(path, migrate=False)
    apply_migrations(db, stop_before="add_full_text_search")
    assert schema_version(db) == 1
    db.execute("INSERT INTO blobs VALUES ('abc', 3, 'zlib', x'00')")
    db.execute(
        "INSERT INTO reports (agency_id, year, title, url, first_seen, last_seen, sha256, content_hash,"
        " version, record, text, parsed_at) VALUES (NULL, 2024, '西夏区信访局2024年政府信息公开工作年度报告',"
        " 'file:///r.txt', '2025-01-20', '2025-01-20', 'abc', 'h', 1, '{}', '本年新收政府信息公开申请', '2025-01-20')"
    )
    db.conn.commit()
    db.close()


def test_a_version_1_file_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    make_version_1_file(path)
    db = open_db(path)
    assert schema_version(db) == len(migrations._migrations)
    assert db["reports"].count == 1, "the upgrade kept the data"
    trigram = db.execute("SELECT rowid FROM reports_fts WHERE reports_fts MATCH '信访局'").fetchall()
    chars = db.execute("SELECT rowid FROM reports_chars_fts WHERE reports_chars_fts MATCH '\"申 请\"'").fetchall()
    assert trigram == chars == [(1,)], "reports archived before the upgrade are searchable"


def test_opening_an_up_to_date_file_changes_nothing(tmp_path):
    open_db(tmp_path / "a.db").close()
    db = open_db(tmp_path / "a.db")
    assert len(migrations.applied(db)) == schema_version(db)


def test_spaced_characters_folds_full_width_and_drops_spaces():
    assert spaced_characters("决算　２０２４ 年") == "决 算 2 0 2 4 年"
    assert spaced_characters(None) == ""
