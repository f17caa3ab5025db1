"""The replica's HTTP server: stdlib ThreadingHTTPServer on localhost, one Site per path prefix."""

from __future__ import annotations

import json
import re
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from .defences import DeadSite, JslSite, RuishuSite, WafSite
from .exchange import Request, Response, not_found
from .gkmlpt import GkmlptSite
from .hanweb import HanwebSite
from .sites import TrsSite
from .vsb import VsbSite

ROBOTS = "User-agent: *\nDisallow: /trs/zfxxgk/zfxxgknb/nbbak/\n"
STATES = (1, 2)


def build_sites(slow_seconds: float = 3.0) -> list:
    return [
        TrsSite(),
        HanwebSite(slow_seconds),
        GkmlptSite(),
        VsbSite(),
        JslSite(),
        WafSite(),
        RuishuSite(),
        DeadSite(),
    ]


class Replica:
    """A running replica: its base URL, its state (1, then 2 between crawls), its sites."""

    def __init__(self, server: ThreadingHTTPServer, sites: list, state: int):
        self.server = server
        self.sites = sites
        self.state = state
        self.thread: threading.Thread | None = None
        self._registry_path: Path | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def set_state(self, state: int) -> None:
        if state not in STATES:
            raise ValueError(f"the replica has states {STATES}, not {state}")
        self.state = state
        for site in self.sites:
            getattr(site, "requests_seen", {}).clear()  # one-shot failures re-arm

    def truth(self) -> dict:
        from .truth import truth

        return truth(self.state, self.base_url, self.sites)

    @property
    def registry_path(self) -> Path:
        """A registry file for this replica's base URL (written once, in a temporary folder)."""
        if self._registry_path is None:
            from .truth import registry_toml

            folder = Path(tempfile.mkdtemp(prefix="nianbao-replica-"))
            self._registry_path = folder / "registry.toml"
            self._registry_path.write_text(registry_toml(self.base_url), encoding="utf-8")
        return self._registry_path

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self.thread:
            self.thread.join(timeout=5)

    def __enter__(self) -> Replica:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def make_replica(port: int = 0, state: int = 1, host: str = "127.0.0.1", slow_seconds: float = 3.0) -> Replica:
    """A replica bound to its port but not yet serving."""
    if state not in STATES:
        raise ValueError(f"the replica has states {STATES}, not {state}")
    server = PortalServer((host, port), Handler)
    replica = Replica(server, build_sites(slow_seconds), state)
    server.replica = replica
    return replica


def start_replica(port: int = 0, state: int = 1, host: str = "127.0.0.1", slow_seconds: float = 3.0) -> Replica:
    """A replica serving in a background thread (stop it with .stop() or use it as a context manager)."""
    replica = make_replica(port, state, host, slow_seconds)
    replica.thread = threading.Thread(target=replica.serve_forever, name="nianbao-replica", daemon=True)
    replica.thread.start()
    return replica


class PortalServer(ThreadingHTTPServer):
    """A thread per connection, and a listen backlog like a portal's web server (nginx takes 511). The
    stdlib's 5 drops the connections of a crawl's burst beyond it, and their clients try again only a
    second later: stalls that were the server's, not the crawler's."""

    daemon_threads = True
    request_queue_size = 128


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass  # a crawl makes hundreds of requests: the terminal is for the crawler's progress

    def do_GET(self):
        self.answer(self.build_request("GET", {}))

    def do_HEAD(self):
        self.answer(self.build_request("HEAD", {}), head=True)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        self.answer(self.build_request("POST", dict(parse_qsl(raw))))

    def build_request(self, method: str, form: dict) -> Request:
        parts = urlsplit(self.path)
        cookies = SimpleCookie()
        try:
            cookies.load(self.headers.get("Cookie") or "")
        except Exception:  # a malformed Cookie header is the client's problem: treat it as none
            cookies = SimpleCookie()
        return Request(
            method=method,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            form=form,
            cookies={k: m.value for k, m in cookies.items()},
            host=self.headers.get("Host") or "127.0.0.1",
            state=self.server.replica.state,
        )

    def answer(self, request: Request, head: bool = False) -> None:
        try:
            response = self.route(request)
        except Exception as err:  # a bug in one page must not kill the crawl of the others
            response = Response(status=500, body=f"500 {type(err).__name__}".encode(), content_type="text/plain")
        if response.delay:
            time.sleep(response.delay)
        validators = response.validators()
        if validators and self.not_modified(validators):
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        headers = {**validators, **response.headers}
        headers.setdefault("Content-Length", str(len(response.body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if head:
            return
        try:
            if response.stream is None:
                self.wfile.write(response.body)
            else:
                for chunk in response.stream:
                    self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (a size limit): nothing more to send

    def not_modified(self, validators: dict) -> bool:
        etag = self.headers.get("If-None-Match")
        if etag:
            return etag == validators.get("ETag")
        since = self.headers.get("If-Modified-Since")
        return bool(since and since == validators.get("Last-Modified"))

    def route(self, request: Request) -> Response:
        replica = self.server.replica
        if request.path.startswith("/-/"):
            return own_endpoint(replica, request)
        if request.path == "/robots.txt":
            return Response(body=ROBOTS.encode(), content_type="text/plain")
        for site in replica.sites:
            if request.path.startswith(site.prefix):
                return site.respond(request)
        return not_found()


STATE_PATH = re.compile(r"^/-/state/(\d+)$")


def own_endpoint(replica: Replica, request: Request) -> Response:
    """/-/truth.json, /-/registry.toml, /-/state and POST /-/state/N: the replica's own controls."""
    from .truth import registry_toml

    if request.path == "/-/truth.json":
        return json_body(replica.truth())
    if request.path == "/-/registry.toml":
        return Response(body=registry_toml(replica.base_url).encode(), content_type="text/plain; charset=utf-8")
    if request.path == "/-/state":
        return json_body({"state": replica.state})
    moved = STATE_PATH.match(request.path)
    if moved and request.method == "POST":
        try:
            replica.set_state(int(moved.group(1)))
        except ValueError as err:
            return json_body({"error": str(err)}, status=400)
        return json_body({"state": replica.state})
    return not_found()


def json_body(data: dict, status: int = 200) -> Response:
    return Response(
        status=status,
        body=json.dumps(data, ensure_ascii=False, indent=1).encode(),
        content_type="application/json; charset=utf-8",
        cacheable=False,
    )
