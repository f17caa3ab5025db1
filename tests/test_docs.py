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
