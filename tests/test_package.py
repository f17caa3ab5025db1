"""nianbao is one installed package: a working folder holding db/ (the default archive's folder) or
parsing/ shadows none of its stages."""

import subprocess
import sys


def run(args, cwd):
    return subprocess.run([sys.executable, "-m", "nianbao", *args], cwd=cwd, capture_output=True, text=True)


def test_the_cli_works_from_a_folder_that_holds_db_and_parsing_folders(tmp_path, shared):
    seed = shared / "seeds" / "000_5065faee3bf7259b.txt"
    for name in ("db", "parsing", "checks", "crawler", "monitor"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("raise ImportError('the working folder was imported')\n")
    ingested = run(["ingest", str(seed)], tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert (tmp_path / "db" / "nianbao.db").is_file()
    found = run(["search", "信访"], tmp_path)
    assert found.returncode == 0, found.stderr
    assert "西夏区信访局" in found.stdout


def test_every_stage_is_a_subpackage_of_nianbao():
    import nianbao.checks
    import nianbao.crawler
    import nianbao.db
    import nianbao.monitor
    import nianbao.parsing

    for module in (nianbao.checks, nianbao.crawler, nianbao.db, nianbao.monitor, nianbao.parsing):
        assert module.__name__.startswith("nianbao.")
