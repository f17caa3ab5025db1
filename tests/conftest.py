"""Shared paths (the repository's fixtures, ../shared beside the clone) and a frozen clock."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from nianbao.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests need ../shared beside the repository")
    return SHARED


@pytest.fixture
def seeds(shared) -> list[Path]:
    """The five seed reports (shared/seeds), in name order."""
    return sorted((shared / "seeds").glob("*.txt"))


class Clock:
    """A frozen UTC clock for the archive's ``now=`` / ``fetched_at=`` parameters (the way city-scrapers
    freezes time): ``now()`` stays put until ``advance(...)`` moves it."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)):
        self.at = start

    def now(self) -> str:
        return self.at.isoformat(timespec="seconds").replace("+00:00", "Z")

    def advance(self, **delta) -> str:
        """Move on by ``timedelta(**delta)`` and give the new time."""
        self.at += timedelta(**delta)
        return self.now()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def run_nianbao(*args, db=None, check: bool = False):
    """The `nianbao` command run in-process by click's CliRunner (stdout and stderr apart, the exit
    status as the shell sees it). An exception the CLI let through fails the test: a user would have
    seen a traceback."""
    result = CliRunner().invoke(cli, [*map(str, args), *(["--db", str(db)] if db else [])])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if check:
        assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture(name="nianbao")
def nianbao_fixture():
    return run_nianbao
