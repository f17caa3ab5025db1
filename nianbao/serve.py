"""Datasette over the live archive, read-only.

Not ``-i`` (immutable): that promises the file never changes, and the archive changes with every crawl.
Instead every connection Datasette opens is ``mode=ro`` and the write connection is refused outright,
so no write can reach the file, while each query sees the last committed state (WAL).

Example::

    run_datasette(Path("db/nianbao.db"), host="127.0.0.1", port=8001)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm
from datasette.utils.asgi import Forbidden

from nianbao.db.datasette import SETTINGS, metadata
from nianbao.monitor import outputs as evidence_plugin

NAME = "nianbao"


class ReadOnlyDatabase(Database):
    """A Datasette database whose only connections are SQLite read-only ones."""

    def connect(self, write=False):
        if write:
            raise Forbidden("the archive is served read-only")
        return super().connect(write=False)


def archive_datasette(path: Path) -> Datasette:
    if not pm.is_registered(evidence_plugin):
        pm.register(evidence_plugin, name="nianbao-evidence")  # evidence pages, search folding, deadlines in SQL
    ds = Datasette(metadata=metadata(NAME), settings=SETTINGS)
    ds.remove_database("_memory")
    ds.add_database(ReadOnlyDatabase(ds, path=str(path.resolve()), is_mutable=True), name=NAME)
    return ds


def run_datasette(path: Path, host: str, port: int) -> None:
    import uvicorn

    ds = archive_datasette(path)
    asyncio.run(ds.invoke_startup())
    print(f"serving {path} read-only at http://{host}:{port}/{NAME}", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
