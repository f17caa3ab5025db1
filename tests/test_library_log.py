"""Library chatter (pdfminer's "Data-loss while decompressing corrupted data" …) goes to the log, and
stderr keeps our one line per bad file. Real processes: in-process, pytest's own log capture would hide
what a user sees."""

import subprocess
import sys

from hostile.bombs import pdf_with_bad_checksum

NIANBAO = [sys.executable, "-m", "nianbao"]


def run(*args, env=None):
    return subprocess.run([*NIANBAO, *map(str, args)], capture_output=True, text=True, timeout=120, env=env)


def test_a_damaged_pdf_gives_one_line_on_stderr_for_parse_and_ingest(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(pdf_with_bad_checksum())
    for result in (run("parse", damaged), run("ingest", damaged, "--db", tmp_path / "a.db")):
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("nianbao: "), result.stderr
        assert "Data-loss" not in result.stderr


def test_the_chatter_is_kept_in_nianbao_log_when_set(tmp_path):
    import os

    damaged, log = tmp_path / "damaged.pdf", tmp_path / "nianbao.log"
    damaged.write_bytes(pdf_with_bad_checksum())
    result = run("ingest", damaged, "--db", tmp_path / "a.db", env={**os.environ, "NIANBAO_LOG": str(log)})
    assert result.returncode == 0 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "pdfminer.pdftypes WARNING Data-loss while decompressing corrupted data" in log.read_text()
