import pytest
from nianbao.db import ArchiveError
from nianbao.db.corrections import correct_cell

KEY = "requests.new_received.total"


def cell(db, report_id, key):
    return db.execute(
        "SELECT value, parsed, corrected FROM cells WHERE report_id = ? AND key = ?", [report_id, key]
    ).fetchone()


def test_a_correction_goes_over_the_parsed_value_and_is_kept_with_why(seeded):
    done = correct_cell(seeded, 1, KEY, 12, note="扫描件人工核对", made_by="li")
    assert (done.previous, done.value) == (0, 12)
    assert cell(seeded, 1, KEY) == (12, 0, 1)
    assert seeded["corrections"].get(1)["note"] == "扫描件人工核对"


def test_the_latest_correction_wins(seeded):
    correct_cell(seeded, 1, KEY, 12, note="first reading")
    correct_cell(seeded, 1, KEY, 13, note="second reading")
    assert cell(seeded, 1, KEY)[0] == 13


def test_a_cell_the_parser_missed_can_be_added(seeded):
    key = "appeals.review.total"
    seeded.execute("DELETE FROM cells WHERE report_id = 3 AND key = ?", [key])
    correct_cell(seeded, 3, key, 1, note="read from the scan")
    assert cell(seeded, 3, key) == (1, None, 1)


@pytest.mark.parametrize("report_id, key", [(99, KEY), (1, "nonsense"), (1, "requests.new_received")])
def test_unknown_reports_and_keys_are_refused(seeded, report_id, key):
    with pytest.raises(ArchiveError):
        correct_cell(seeded, report_id, key, 1, note="x")
    assert seeded["corrections"].count == 0


def test_the_keys_handed_in_decide_which_cells_exist(seeded, clock):
    key = "appeals.review.upheld"
    seeded.execute("DELETE FROM cells WHERE key = ?", [key])  # no report holds it: unknown without the keys
    with pytest.raises(ArchiveError):
        correct_cell(seeded, 1, key, 1, note="x")
    correct_cell(seeded, 1, key, 1, note="read from the scan", cell_keys={key}, now=clock.now())
    assert seeded["corrections"].get(1)["made_at"] == "2025-03-01T08:00:00Z"
    with pytest.raises(ArchiveError):
        correct_cell(seeded, 1, "appeals.review.upheId", 1, note="x", cell_keys={key})
