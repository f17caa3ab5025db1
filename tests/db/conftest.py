from pathlib import Path

import pytest

from db import open_db

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture
def seeds():
    """The seed reports (shared/seeds, beside the repository)."""
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "archive.db")
    yield database
    database.close()
