"""`export --output` (and every command writing a file a person names): never the archive nor any SQLite
file, never an existing file without --force, the format the name says, written whole or not at all."""

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nianbao.output_files import OutputRefused, atomic_output, output_format, refuse_unsafe_output

SEEDS = sorted((Path(__file__).resolve().parents[1].parent / "shared" / "seeds").glob("*.txt"))


@pytest.fixture
def archived(tmp_path, nianbao):
    db = tmp_path / "a.db"
    nianbao("ingest", *SEEDS[:2], db=db, check=True)
    return db


def reports_in(db: Path) -> int:
    archive = sqlite3.connect(db)
    assert archive.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return archive.execute("SELECT count(*) FROM reports").fetchone()[0]


def one_line_refusal(result) -> str:
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_writes_over_the_archive(archived, nianbao, force):
    line = one_line_refusal(nianbao("export", "--output", archived, *force, db=archived))
    assert "is the archive" in line
    assert reports_in(archived) == 2


def test_export_never_writes_over_another_sqlite_file(archived, tmp_path, nianbao):
    other = tmp_path / "other.csv"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    line = one_line_refusal(nianbao("export", "--output", other, "--force", db=archived))
    assert "an SQLite file" in line
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(archived, tmp_path, nianbao):
    target = tmp_path / "panel.csv"
    target.write_text("my notes\n")
    assert "--force" in one_line_refusal(nianbao("export", "--output", target, db=archived))
    assert target.read_text() == "my notes\n"
    nianbao("export", "--output", target, "--force", db=archived, check=True)
    assert target.read_text(encoding="utf-8-sig").startswith("agency,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_the_format_comes_from_the_extension(archived, tmp_path, nianbao):
    nianbao("export", "--output", tmp_path / "p.xlsx", db=archived, check=True)
    assert load_workbook(tmp_path / "p.xlsx")["panel"].max_row == 3
    nianbao("export", "--output", tmp_path / "p.json", db=archived, check=True)
    assert len(json.loads((tmp_path / "p.json").read_text())) == 2


def test_a_format_that_contradicts_the_extension_is_refused(archived, tmp_path, nianbao):
    line = one_line_refusal(nianbao("export", "--output", tmp_path / "x.xlsx", "--format", "csv", db=archived))
    assert "contradicts" in line
    assert not (tmp_path / "x.xlsx").exists()


def test_output_format_rules():
    assert output_format(Path("a.XLSX"), None, ("csv", "xlsx")) == "xlsx"
    assert output_format(Path("a"), None, ("csv", "xlsx"), default="csv") == "csv"
    assert output_format(Path("a.txt"), "csv", ("csv", "xlsx")) == "csv"  # an extension of no format binds nothing
    with pytest.raises(OutputRefused, match="cannot tell"):
        output_format(Path("a.txt"), None, ("csv", "xlsx"))


def test_the_archive_companions_are_never_written(tmp_path):
    archive = tmp_path / "a.db"
    for name in ("a.db", "a.db-wal", "a.db-shm", "a.db.lock"):
        with pytest.raises(OutputRefused, match="is the archive"):
            refuse_unsafe_output(tmp_path / name, archive, force=True)
    link = tmp_path / "link.csv"
    link.symlink_to(archive)
    with pytest.raises(OutputRefused, match="is the archive"):
        refuse_unsafe_output(link, archive, force=True)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("the disk filled up")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
