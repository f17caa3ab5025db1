"""Every real report in ../shared/seeds and ../shared/samples against its hand-read truth, scored by
the project's own scorer (../shared/tools/score_reports.py) on the record `nianbao check` makes."""

import importlib.util
import json
from pathlib import Path

import pytest
from nianbao.checks import run_checks
from nianbao.parsing import parse_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_reports", SHARED / "tools" / "score_reports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cases():
    for folder in ("seeds", "samples"):
        for truth in sorted((SHARED / folder).glob("*.expected.json")):
            stem = truth.name.split(".")[0]
            docs = [p for p in truth.parent.glob(f"{stem}_*") if not p.name.endswith(".json")]
            if docs:
                yield pytest.param(docs[0], truth, id=f"{folder}/{docs[0].name}")


CASES = list(_cases())


def test_the_ground_truth_is_there():
    assert len(CASES) >= 12, f"expected the 5 seeds and 7 samples under {SHARED}"


@pytest.mark.parametrize("document,truth_file", CASES)
def test_report_matches_hand_read_truth(document, truth_file):
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    record = parse_file(document)
    record["findings"] = run_checks(record)
    result = _scorer().score(record, truth)
    honest_nulls = truth.get("abstain_ok", False)
    problems = [p for p in result["problems"] if not (honest_nulls and p.endswith("got null"))]
    assert problems == []
    assert result["silent"] == 0
