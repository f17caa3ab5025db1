"""Docstring examples written with ``>>>`` run as doctests, in every module of the installed package;
examples that need an archive or a file are plain ``Example::`` blocks instead."""

import doctest
import importlib
import pkgutil

import pytest

STAGES = ("parsing", "checks", "db", "crawler", "monitor", "replica")  # installed from their own folders


def package_modules() -> list[str]:
    """Every module of the package but ``__main__`` (importing it runs the command line)."""
    names = set()
    for package in ("nianbao", *(f"nianbao.{stage}" for stage in STAGES)):
        names.add(package)
        path = importlib.import_module(package).__path__
        names.update(info.name for info in pkgutil.walk_packages(path, f"{package}."))
    return sorted(name for name in names if not name.endswith("__main__"))


@pytest.mark.parametrize("name", package_modules())
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0, f"{failed} docstring examples of {name} fail (doctest output above)"


def test_the_doctests_reach_into_every_stage():
    names = package_modules()
    assert {"nianbao.parsing.relations", "nianbao.db.datasette", "nianbao.checks.sums"} <= set(names)
