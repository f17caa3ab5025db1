"""Parsing untrusted files under limits: a worker process per run, with a memory ceiling and a time budget
per file, so a small hostile file (a PDF of a million drawn lines, a DOCX whose XML unzips to gigabytes, a
text of endless digit runs) costs at most its budget and never takes the run or the machine down.

The worker is started once and reused (one fork per run; then only the file's bytes and
the record cross the pipe). A file over its budget kills the worker, which the next file starts again.

Example::

    with ParseWorker(ParseLimits(seconds=30, memory_mb=2048)) as worker:
        record = worker.parse(data, "report.pdf", "application/pdf")   # or raises OverLimit / UnreadableDocument
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import multiprocessing
import os
import resource
import signal
import traceback
from dataclasses import dataclass

from .parsing import UnreadableDocument


@dataclass(frozen=True)
class ParseLimits:
    """Per-file limits; defaults fit a 2-core, 24 GB server parsing reports of at most a few dozen pages
    (a real report takes well under a second). Environment: NIANBAO_PARSE_SECONDS, NIANBAO_PARSE_MEMORY_MB."""

    seconds: float = 30.0  # wall-clock budget for one file
    memory_mb: int = 2048  # address space of the worker process

    @classmethod
    def from_environment(cls) -> ParseLimits:
        return cls(
            seconds=float(os.environ.get("NIANBAO_PARSE_SECONDS", cls.seconds)),
            memory_mb=int(os.environ.get("NIANBAO_PARSE_MEMORY_MB", cls.memory_mb)),
        )


class OverLimit(Exception):
    """A file that took more than its budget: ``outcome`` is ``too_large`` (memory) or ``too_complex`` (time)."""

    def __init__(self, outcome: str, reason: str):
        super().__init__(reason)
        self.outcome = outcome


class ParseWorker:
    """A worker process that parses and checks files one at a time under :class:`ParseLimits`.

    ``start="fork"`` (the default) forks the calling process: cheapest, for a command that parses and
    nothing else. A process running threads (the crawl: a reactor, an SQLite connection, a thread per
    worker) uses ``start="forkserver"``: each worker is forked from one small server process that has
    loaded the parsers and nothing else (:func:`parser_forkserver`)."""

    def __init__(self, limits: ParseLimits | None = None, start: str = "fork"):
        self.limits = limits or ParseLimits.from_environment()
        self.start = start
        self._process = None
        self._conn = None

    def parse(self, data: bytes, name: str = "", content_type: str | None = None) -> dict:
        """The checked report record of ``data``; UnreadableDocument or OverLimit with a one-line reason."""
        self._start()
        self._conn.send((data, name, content_type))
        if not self._conn.poll(self.limits.seconds):
            self._stop()
            raise OverLimit("too_complex", f"parsing took longer than {self.limits.seconds:g} s; stopped")
        try:
            kind, payload = self._conn.recv()
        except (EOFError, OSError):  # the worker died: the kernel or the allocator stopped it
            self._stop()
            raise OverLimit("too_large", f"parsing needed more than {self.limits.memory_mb} MB; stopped") from None
        if kind == "record":
            return payload
        if kind == "unreadable":
            raise payload
        if kind == "memory":
            self._stop()  # a MemoryError can leave the worker's heap in pieces: start afresh
            raise OverLimit("too_large", f"parsing needed more than {self.limits.memory_mb} MB; stopped")
        raise ParserCrashed(payload)

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        # fork or forkserver, not spawn: spawn re-runs the parent's __main__ (the CLI, pytest, scrapy) in the
        # child and costs a second of imports; the forked child runs only this module's loop.
        context = parser_forkserver() if self.start == "forkserver" else multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self.limits.memory_mb), daemon=True)
        self._process.start()
        child.close()

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> ParseWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def parser_forkserver():
    """The multiprocessing context whose server process has the parsers loaded (and not the caller's
    ``__main__``), so a worker forked from it starts in milliseconds and shares nothing with the caller."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, *PARSER_MODULES])
    return context


# loaded before the memory limit is set: a library mapped under the limit could fail as if the file were bad
PARSER_MODULES = (
    "nianbao.checks",
    "nianbao.parsing.from_doc",
    "nianbao.parsing.from_docx",
    "nianbao.parsing.from_html",
    "nianbao.parsing.from_pdf",
    "nianbao.parsing.from_text",
)


class ParserCrashed(Exception):
    """The parser itself failed on a file (a bug, not the file's fault); the message is one line."""


def die_with_parent() -> None:
    """Ask Linux to kill this process when the process that started it dies (prctl PR_SET_PDEATHSIG): a
    crawl killed with SIGKILL must not leave its workers waiting forever on a pipe nobody will write to."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers then end when their pipe closes, as before
        pass


PR_SET_PDEATHSIG = 1


def _serve(conn, memory_mb: int) -> None:
    """The worker's loop: parse and check each file sent, answer with the record or why not."""
    die_with_parent()
    # A fork keeps the parent's handlers (Scrapy's graceful SIGTERM, Ctrl-C): the worker must die on
    # SIGTERM, and leave Ctrl-C to its parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for module in PARSER_MODULES:
        importlib.import_module(module)
    from .checks import run_checks
    from .parsing import parse_bytes

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))

    while True:
        try:
            data, name, content_type = conn.recv()
        except EOFError:
            return
        try:
            record = parse_bytes(data, name, content_type)
            record["findings"] = run_checks(record)
            answer = ("record", record)
        except UnreadableDocument as err:  # TooLarge and TooComplex too: the class crosses the pipe
            answer = ("unreadable", err)
        except MemoryError:
            answer = ("memory", "")
        except Exception as err:
            where = traceback.extract_tb(err.__traceback__)[-1]
            answer = ("crash", f"{type(err).__name__}: {err} ({os.path.basename(where.filename)}:{where.lineno})")
        conn.send(answer)
