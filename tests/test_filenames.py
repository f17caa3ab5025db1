"""File names that are not UTF-8 (a folder unzipped from a Chinese Windows archive), and names that would
break a one-line message: decoded, kept with their bytes, archived, and the run goes on."""

import json
import os
import sqlite3
from pathlib import Path

import pytest

from nianbao.filenames import decode_file_name, shown_name

SEEDS = sorted((Path(__file__).resolve().parents[1].parent / "shared" / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    "raw,name",
    [
        ("1_信访局年报.txt".encode("gbk"), "1_信访局年报.txt"),
        ("年报.pdf".encode("gb18030"), "年报.pdf"),
        ("年报.pdf".encode(), "年报.pdf"),
        (b"report.txt", "report.txt"),
        (b"\xff\xfe.txt", "\\xff\\xfe.txt"),  # neither UTF-8 nor GB18030: the bytes shown, nothing lost
    ],
)
def test_a_name_is_decoded_as_what_it_is(raw, name):
    assert decode_file_name(raw) == name


def test_a_name_with_a_newline_is_shown_on_one_line():
    assert shown_name(Path("/tmp/bad\nname.txt")) == "'/tmp/bad\\nname.txt'"
    assert shown_name("信访局年报.txt") == "信访局年报.txt"


def create_with_bytes_name(folder: Path, raw_name: bytes, data: bytes) -> None:
    """A file whose name is raw bytes, as unzip leaves a GBK archive's names on a UTF-8 system."""
    fd = os.open(os.fsencode(folder) + b"/" + raw_name, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, data)
    os.close(fd)


def test_a_gbk_named_file_is_archived_decoded_with_its_bytes_and_the_later_files_too(tmp_path, nianbao):
    folder, db = tmp_path / "unzipped", tmp_path / "a.db"
    folder.mkdir()
    gbk_name = "1_信访局年报.txt".encode("gbk")
    create_with_bytes_name(folder, gbk_name, SEEDS[0].read_bytes())
    (folder / "2_later.txt").write_bytes(SEEDS[1].read_bytes())

    result = nianbao("ingest", folder, db=db)
    assert result.exit_code == 0, result.stderr
    assert "2 files: 2 new reports" in result.stdout

    archive = sqlite3.connect(db)
    rows = archive.execute("SELECT file_name, file_name_bytes, outcome FROM fetches ORDER BY id").fetchall()
    assert rows == [("1_信访局年报.txt", gbk_name, "ok"), ("2_later.txt", None, "ok")]

    again = nianbao("ingest", folder, db=db)
    assert again.exit_code == 0 and "2 already archived" in again.stdout, again.stderr
    assert archive.execute("SELECT count(*) FROM reports").fetchone() == (2,)


def test_reparse_reads_a_gbk_named_file_under_its_decoded_name(tmp_path, nianbao):
    folder, db = tmp_path / "unzipped", tmp_path / "a.db"
    folder.mkdir()
    create_with_bytes_name(folder, "年报.txt".encode("gbk"), SEEDS[2].read_bytes())
    nianbao("ingest", folder, db=db, check=True)
    result = nianbao("reparse", db=db, check=True)
    assert "1 reports, 0 changed" in result.stdout


def test_a_name_with_a_newline_gets_one_line(tmp_path, nianbao):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\nname.txt").write_bytes(b"")
    result = nianbao("ingest", folder, db=tmp_path / "a.db", check=True)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad\\nname.txt'" in lines[0] and "empty file" in lines[0], result.stderr


def test_parse_and_check_name_a_gbk_named_file_decoded(tmp_path, nianbao):
    create_with_bytes_name(tmp_path, "年报.txt".encode("gbk"), SEEDS[0].read_bytes())
    (path,) = tmp_path.iterdir()  # as the shell hands it over: undecodable bytes as surrogates
    result = nianbao("check", path, "--json", check=True)
    assert json.loads(result.stdout)["file"] == str(tmp_path / "年报.txt")
