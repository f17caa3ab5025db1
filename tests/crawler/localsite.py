"""A small site on 127.0.0.1 for crawler tests that need a page the replica does not serve: routes are
paths to (status, headers, body) or a function of the request handler returning that."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class Site:
    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[tuple[str, str]] = []  # (method, path) as served
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.command, self.path))
                route = site.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/html"}, b"<html>not here</html>"
                else:
                    status, headers, body = route(self) if callable(route) else route
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def html(text: str, status: int = 200, **headers) -> tuple:
    return status, {"Content-Type": "text/html; charset=utf-8", **headers}, text.encode()


FAST = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "RETRY_BACKOFF_BASE=0.05",
    "DOWNLOAD_TIMEOUT=5",
    "NIANBAO_PROGRESS_INTERVAL=0",
)


def crawl_command(registry, db, *args: str, settings=FAST) -> list[str]:
    command = [
        str(Path(sys.executable).parent / "nianbao"),
        "crawl",
        "--registry",
        str(registry),
        "--db",
        str(db),
        *args,
    ]
    for setting in settings:
        command += ["--set", setting]
    return command


def run_crawl(registry, db, *args: str, settings=FAST, timeout: float = 120) -> subprocess.CompletedProcess:
    """``nianbao crawl`` in its own process (the Twisted reactor cannot restart), delays turned down."""
    command = crawl_command(registry, db, *args, settings=settings)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)
