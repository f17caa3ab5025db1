"""The docs cannot drift from the code (sqlite-utils' tests/test_docs.py): every command registered on
the click group is in README.md's command list and has a --help with its docstring and an example;
every `nianbao X` line of the README's Commands section is a registered command. The lists follow
the registrations, so a stage that adds a command (crawl, monitor …) adds its README line with it."""

import re
from pathlib import Path

import pytest

from nianbao.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_commands() -> list[str]:
    """The commands the README's "Commands" section lists, as `nianbao NAME …` lines of its code blocks."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Commands", 1)[1].split("\n## ", 1)[0]
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S))
    return list(dict.fromkeys(re.findall(r"^nianbao ([a-z][a-z-]*)", blocks, re.M)))


REGISTERED = sorted(cli.commands)


@pytest.mark.parametrize("name", REGISTERED)
def test_every_registered_command_is_in_the_readme(name):
    assert name in readme_commands(), f"README.md's Commands section has no `nianbao {name} …` line"


@pytest.mark.parametrize("name", readme_commands())
def test_every_command_the_readme_lists_exists(name):
    assert name in cli.commands, f"README.md lists `nianbao {name}`, which no module registers"


@pytest.mark.parametrize("name", REGISTERED)
def test_every_command_has_help_with_its_docstring_an_example_and_db(name, nianbao):
    command = cli.commands[name]
    result = nianbao(name, "--help")
    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stdout.split())  # --help wraps lines at the terminal's width
    summary = " ".join((command.help or "").split("\n\n")[0].split())
    assert summary and summary in shown, f"{name} has no docstring"
    assert f"Example: nianbao {name}" in shown, f"{name}: no Example line"
    assert "--db" in shown, f"{name} does not take --db (cli-and-registry.md)"


# Codes and outcomes: each one the code can write is the spec's (shared/spec) or docs/codes.md's.

CODES_DOC = README.parent / "docs" / "codes.md"


def table_rows(text: str, heading: str) -> dict[str, list[str]]:
    """The rows of the first table under ``heading``: first cell's `code` -> the other cells."""
    section = text.split(heading, 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z_0-9]+)` \|(.*)\|$", section, re.M)
    return {code: [cell.strip() for cell in rest.split("|")] for code, rest in rows}


def emitted_finding_codes() -> dict[str, str]:
    """Every finding code the code registers (parsing, one-report checks, monitor checks) -> severity."""
    import nianbao.checks  # noqa: F401  (registers the one-report checks)
    from nianbao.monitor.checks import CHECKS
    from nianbao.parsing.findings import FINDING_KINDS

    codes = {code: kind.severity for code, kind in FINDING_KINDS.items()}
    for monitor_check in CHECKS:
        assert codes.setdefault(monitor_check.code, monitor_check.severity) == monitor_check.severity
    return codes


def test_every_finding_code_is_in_the_spec_or_documented(shared):
    checks = (shared / "spec" / "checks.md").read_text(encoding="utf-8")
    spec = table_rows(checks, "## One report on its own") | table_rows(checks, "## Across the archive")
    documented = table_rows(CODES_DOC.read_text(encoding="utf-8"), "## Finding codes")
    emitted = emitted_finding_codes()
    assert set(emitted) - set(spec) - set(documented) == set(), "document them in docs/codes.md"
    assert set(documented) <= set(emitted), "docs/codes.md lists codes no check makes"
    assert not set(documented) & set(spec), "docs/codes.md repeats a code of the spec"
    for code, cells in {**spec, **documented}.items():
        assert cells[0] == emitted[code], f"{code}: documented {cells[0]}, registered {emitted[code]}"


def test_every_fetch_outcome_is_in_the_spec_or_documented(shared):
    from nianbao.db.archive import FETCH_OUTCOMES

    archive = (shared / "spec" / "archive.md").read_text(encoding="utf-8")
    fetches_row = next(line for line in archive.splitlines() if line.startswith("| `fetches` |"))
    spec = set(re.findall(r"`([a-z_0-9]+)`", fetches_row.split("`outcome` (", 1)[1].split(")", 1)[0]))
    documented = set(table_rows(CODES_DOC.read_text(encoding="utf-8"), "## Fetch outcomes"))
    assert set(FETCH_OUTCOMES) - spec - documented == set(), "document them in docs/codes.md"
    assert documented <= set(FETCH_OUTCOMES) and not documented & spec
    assert {"challenge", "disallowed"} <= documented


def test_a_fetch_with_an_undocumented_outcome_is_refused(tmp_path):
    from nianbao.db import open_db
    from nianbao.db.archive import insert_fetch

    db = open_db(tmp_path / "archive.db")
    with pytest.raises(ValueError, match="docs/codes.md"):
        insert_fetch(db, url="http://127.0.0.1:9/x", outcome="teapot")
    assert db["fetches"].count == 0


def test_the_run_kinds_are_documented():
    from nianbao.db.runs import RUN_KINDS

    assert set(table_rows(CODES_DOC.read_text(encoding="utf-8"), "## Run kinds")) == set(RUN_KINDS)


def test_a_run_of_an_undocumented_kind_is_refused(tmp_path):
    from nianbao.db import open_db
    from nianbao.db.runs import start_run

    db = open_db(tmp_path / "archive.db")
    with pytest.raises(ValueError, match="docs/codes.md"):
        start_run(db, "picnic")
    assert db["runs"].count == 0


def test_the_readme_points_to_the_codes_doc():
    assert "docs/codes.md" in README.read_text(encoding="utf-8")
