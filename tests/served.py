"""`nianbao serve` as a real process on a free localhost port, for the tests that talk to it over HTTP."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(archive: Path, *options: str):
    """`nianbao serve` running on the archive (with ``options`` such as ``--base-url``); yields its root URL,
    stops it with Ctrl-C afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nianbao", "serve", "--port", str(port), "--db", str(archive), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read())
            time.sleep(0.05)
    try:
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
