"""`nianbao replica`: writes its registry for a base URL, serves until stopped, refuses bad usage in one line."""

import os
import signal
import subprocess
import sys
import urllib.request

from nianbao.registry import load_registry


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "nianbao", "replica", *args], capture_output=True, text=True, timeout=60
    )


def test_write_registry_makes_a_registry_the_loader_accepts(tmp_path):
    path = tmp_path / "registry.toml"
    done = run("--port", "8761", "--write-registry", str(path))
    assert done.returncode == 0, done.stderr
    registry = load_registry(path)
    assert all(url.startswith("http://127.0.0.1:8761/") for p in registry.portals for url in p.start_urls)


def test_bad_state_is_one_line_and_status_2():
    done = run("--state", "7")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_serves_in_the_foreground_and_stops_on_sigterm():
    process = subprocess.Popen(
        [sys.executable, "-m", "nianbao", "replica", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        first = process.stdout.readline()
        base = first.split()[2]
        assert first.startswith("replica serving http://127.0.0.1:")
        with urllib.request.urlopen(base + "/-/state", timeout=10) as answer:
            assert answer.read() == b'{\n "state": 1\n}'
    finally:
        os.kill(process.pid, signal.SIGTERM)
        out, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "replica stopped" in out
