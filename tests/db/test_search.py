import pytest
from nianbao.db.search import search, snippet


@pytest.mark.parametrize(
    "query, reports",
    [
        ("法", {1, 2, 3, 4, 5}),  # one character: the per-character index
        ("决算", {1, 3}),  # two characters: a phrase of two adjacent characters
        ("信访局", {1, 2, 4}),  # three and more: trigram
        ("信访局 决算", {1}),  # every term must occur
        ("量子计算机", set()),
    ],
)
def test_search_finds_from_one_character(seeded, query, reports):
    assert {hit["id"] for hit in search(seeded, query)} == reports


def test_hits_come_newest_first_with_agency_year_and_a_marked_snippet(seeded):
    hits = search(seeded, "信访局", limit=2)
    assert [hit["id"] for hit in hits] == [4, 2]
    assert (hits[0]["agency"], hits[0]["year"]) == ("自治区信访局", 2020)
    assert "【信访局】" in hits[0]["snippet"]


def test_two_characters_do_not_match_across_reports_of_either_alone(seeded):
    assert search(seeded, "鑫源") == []


def test_snippet_falls_back_to_the_title():
    assert snippet("某局2024年报", "正文", "年报") == "某局2024【年报】"
