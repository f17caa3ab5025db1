"""One registration per check: ``@check(code=..., severity=...)`` registers the code with its severity
and the docstring's first paragraph as its description (nianbao.parsing.findings holds the registry),
and turns what the check returns, ``failure(message, **evidence)`` or None, into a finding.

A check takes the record and its :class:`~.facts.Facts` (what several checks read off it); called with
the record alone, it works the facts out itself."""

from __future__ import annotations

import functools
from collections.abc import Callable

from nianbao.parsing.findings import make_finding, register_finding

from .facts import Facts

CHECKS: list[Callable[..., dict | None]] = []  # in registration order: the order findings come in


def check(*, code: str, severity: str):
    def register(function: Callable[[dict, Facts], tuple | None]) -> Callable[..., dict | None]:
        register_finding(code, severity, (function.__doc__ or code).split("\n\n")[0])

        @functools.wraps(function)
        def run(record: dict, facts: Facts | None = None) -> dict | None:
            failed = function(record, facts or Facts(record))
            return None if failed is None else make_finding(code, failed[0], **failed[1])

        run.code = code
        CHECKS.append(run)
        return run

    return register


def failure(message: str, **evidence) -> tuple[str, dict]:
    """What a failing check returns: a readable message and the evidence a clerk redoes it from."""
    return message, evidence
