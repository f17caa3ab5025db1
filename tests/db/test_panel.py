from nianbao.db.corrections import correct_cell
from nianbao.db.panel import PANEL_COLUMNS, corrections_by_report, panel_rows


def test_one_row_per_agency_and_year_with_the_main_counts(seeded):
    rows = panel_rows(seeded)
    assert len(rows) == 5
    assert set(PANEL_COLUMNS) <= set(rows[0])
    row = next(r for r in rows if r["report_id"] == 5)
    assert (row["agency"], row["year"], row["new_requests"], row["fees"]) == ("西塞山区", 2024, 10, 59.91)


def test_the_2019_template_fills_the_same_columns(seeded):
    row = next(r for r in panel_rows(seeded) if r["format"] == "2019")
    assert row["normative_documents_issued"] == 2 and row["fees"] is None


def test_corrected_columns_are_named_and_noted(seeded):
    correct_cell(seeded, 2, "appeals.litigation_direct.total", 3, note="misprint")
    row = next(r for r in panel_rows(seeded) if r["report_id"] == 2)
    assert (row["lawsuits"], row["corrected"]) == (3, "lawsuits")
    assert "misprint" in corrections_by_report(seeded)[2]["lawsuits"][0]
