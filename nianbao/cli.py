"""The `nianbao` command line. Each command is a thin wrapper over a function of the stage it runs.

Exit status (shared/spec/cli-and-registry.md): 0 when the command did its job whatever it found;
2 on bad usage or bad input, with a one-line reason on stderr and no traceback.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from nianbao.checks import run_checks
from nianbao.filenames import path_text, shown_name
from nianbao.inputs import UnreadableInput, read_input
from nianbao.library_log import route_library_chatter
from nianbao.parsing import UnreadableDocument, parse_bytes


class OneLineErrors(click.Group):
    """Bad usage is one line on stderr and exit status 2 (cli-and-registry.md), not click's usage block."""

    def main(self, *args, **kwargs):
        route_library_chatter()
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort:
            click.echo("nianbao: aborted", err=True)
            sys.exit(1)
        except click.ClickException as err:  # bad usage or bad input, both status 2
            click.echo(f"nianbao: {err.format_message()}", err=True)
            sys.exit(2)
        except sqlite3.DatabaseError as err:  # damage found past the check on open: still one line
            detail = " ".join(str(err).split())[:200]
            click.echo(f"nianbao: the archive is damaged or unreadable ({detail}); {RECOVER_HINT}", err=True)
            sys.exit(2)


RECOVER_HINT = "recover what is readable with `sqlite3 ARCHIVE .recover | sqlite3 recovered.db`"


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """nianbao: crawl, parse, archive and check 政府信息公开工作年度报告."""


def _records(files, with_checks: bool):
    """Parse each file; a bad one (not there, not readable, not a report) gets its one-line reason on
    stderr and the others go on."""
    records, failed = [], False
    for name in files:
        try:
            record = parse_bytes(read_input(Path(name)), path_text(Path(name).name))
        except (UnreadableInput, UnreadableDocument) as err:
            click.echo(f"nianbao: {shown_name(name)}: {err}", err=True)
            failed = True
            continue
        except Exception as err:  # a parser bug must not hide the other files' results
            click.echo(f"nianbao: {shown_name(name)}: could not be parsed ({type(err).__name__}: {err})", err=True)
            failed = True
            continue
        if with_checks:
            record["findings"] = run_checks(record)
        record["file"] = path_text(name)
        records.append(record)
    return records, failed


def _print_records(records, as_json: bool, with_checks: bool) -> None:
    if as_json:
        payload = records[0] if len(records) == 1 else records
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    from .show import print_record, print_summary

    for record in records:
        print_record(record, with_checks=with_checks)
    if len(records) > 1:
        print_summary(records)


def ignored_db_option(command):
    """Every command takes --db (cli-and-registry.md); parsing and checking files touch no archive."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        expose_value=False,
        help="Accepted as by every command; parse and check do not use the archive.",
    )(command)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON (an array for several files).")
@ignored_db_option
def parse(files, as_json):
    """Print the report record of each FILE (.html .txt .md .pdf .docx .doc).

    Example: nianbao parse report.pdf --json
    """
    records, failed = _records(files, with_checks=False)
    _print_records(records, as_json, with_checks=False)
    sys.exit(2 if failed else 0)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print record and findings as JSON.")
@ignored_db_option
def check(files, as_json):
    """Parse each FILE and run the one-report checks (勾稽关系, sums, sections, text vs table …).

    Example: nianbao check ../shared/seeds/*.txt
    """
    records, failed = _records(files, with_checks=True)
    _print_records(records, as_json, with_checks=True)
    sys.exit(2 if failed else 0)


# each stage's commands live beside the code they wrap; every module has COMMANDS
from . import archive_commands, crawl_commands, demo_commands, monitor_commands, replica_commands  # noqa: E402

for module in (archive_commands, crawl_commands, replica_commands, monitor_commands, demo_commands):
    for command in module.COMMANDS:
        cli.add_command(command)
