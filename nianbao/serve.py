"""Datasette over the live archive, read-only.

Not ``-i`` (immutable): that promises the file never changes, and the archive changes with every crawl.
Instead every connection Datasette opens is ``mode=ro`` and the write connection is refused outright,
so no write can reach the file, while each query sees the last committed state (WAL).

Example::

    run_datasette(Path("db/nianbao.db"), host="127.0.0.1", port=8001)
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from datasette import hookimpl
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm
from datasette.utils.asgi import Forbidden, Response

from nianbao.db.datasette import SETTINGS, metadata
from nianbao.monitor import outputs as evidence_plugin

NAME = "nianbao"
# No value a query makes may be longer (SQLite's SQLITE_LIMIT_LENGTH): a single printf('%.*c', 1e9, 'x')
# would otherwise take gigabytes before the time limit stops it. Archived originals stay below it (the
# crawler refuses downloads over 100 MB).
MAX_VALUE_BYTES = 128 * 2**20
READ_METHODS = ("GET", "HEAD")


class ReadOnlyDatabase(Database):
    """A Datasette database whose only connections are SQLite read-only ones."""

    def connect(self, write=False):
        if write:
            raise Forbidden("the archive is served read-only")
        return super().connect(write=False)


def archive_datasette(path: Path, show_paths: bool = False, base_url: str = "/") -> Datasette:
    """``show_paths``: whether /-/databases.json names the archive's file (fine on localhost; not behind a
    proxy, where the path tells strangers about the server). ``base_url``: the path prefix a proxy serves
    it under ("/archive/"); every page and link, the evidence pages' too, is made under it."""
    if not pm.is_registered(evidence_plugin):
        pm.register(evidence_plugin, name="nianbao-evidence")  # evidence pages, search folding, deadlines in SQL
    if not pm.is_registered(sys.modules[__name__]):
        pm.register(sys.modules[__name__], name="nianbao-serve")  # the hooks below
    served = metadata(NAME)
    served.setdefault("plugins", {})["nianbao-serve"] = {"show_paths": show_paths}
    ds = Datasette(metadata=served, settings={**SETTINGS, "base_url": base_url})
    ds.remove_database("_memory")
    ds.add_database(ReadOnlyDatabase(ds, path=str(path.resolve()), is_mutable=True), name=NAME)
    return ds


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)


@hookimpl
def asgi_wrapper(datasette):
    """Only reads reach Datasette: any other method is 405 at once (Datasette 0.65 answers a POST to a
    canned query with a 500 of its own)."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await Response.text(
                    "the archive is served read-only\n", status=405, headers={"Allow": "GET, HEAD"}
                ).asgi_send(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes(datasette):
    if (datasette.plugin_config("nianbao-serve") or {}).get("show_paths"):
        return []
    return [(r"^/-/databases(?P<format>\.json)?$", databases_without_paths)]


async def databases_without_paths(datasette):
    """Datasette's /-/databases.json, less the path of each file."""
    listed = [
        {"name": name, "route": db.route, "is_mutable": db.is_mutable, "is_memory": db.is_memory}
        for name, db in datasette.databases.items()
        if not name.startswith("_")  # Datasette's own, as its page leaves them out
    ]
    return Response.json(listed)


def run_datasette(path: Path, host: str, port: int, show_paths: bool = False, base_url: str = "/") -> None:
    import uvicorn

    ds = archive_datasette(path, show_paths, base_url)
    asyncio.run(ds.invoke_startup())
    print(f"serving {path} read-only at http://{host}:{port}{base_url}{NAME}", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
