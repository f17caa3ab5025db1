from nianbao.db.agencies import add_agency, agency_for, name_key

XIXIA = "宁夏回族自治区/银川市/西夏区"
JINFENG = "宁夏回族自治区/银川市/金凤区"
NOW = "2025-01-20T00:00:00Z"


def test_names_match_after_folding_spaces_and_full_width(db):
    first = agency_for(db, "西夏区信访局", XIXIA, NOW)
    assert agency_for(db, " 西夏区　信访局", XIXIA, NOW) == first
    assert name_key("ＡＢＣ 局") == "ABC局"


def test_the_same_name_in_another_region_is_another_agency(db):
    assert agency_for(db, "信访局", XIXIA, NOW) != agency_for(db, "信访局", JINFENG, NOW)


def test_an_unknown_name_is_a_new_agency_outside_the_registry(db):
    registered = add_agency(db, "西夏区信访局", region=XIXIA, kind="department", in_registry=1, first_seen=NOW)
    similar = agency_for(db, "西夏区信访办", XIXIA, NOW)
    assert similar != registered
    assert db["agencies"].get(similar)["in_registry"] == 0


def test_aliases_match(db):
    registered = add_agency(
        db,
        "西夏区人民政府",
        aliases=["银川市西夏区人民政府"],
        region=XIXIA,
        kind="government",
        in_registry=1,
        first_seen=NOW,
    )
    assert agency_for(db, "银川市西夏区人民政府", XIXIA, NOW) == registered


def test_without_a_region_a_unique_name_is_found_and_a_shared_one_is_not_guessed(db):
    xixia = add_agency(db, "西夏区信访局", region=XIXIA, in_registry=1, first_seen=NOW)
    assert agency_for(db, "西夏区信访局", None, NOW) == xixia
    add_agency(db, "信访局", region=XIXIA, in_registry=1, first_seen=NOW)
    add_agency(db, "信访局", region=JINFENG, in_registry=1, first_seen=NOW)
    unplaced = agency_for(db, "信访局", None, NOW)
    assert db["agencies"].get(unplaced)["region"] is None
    assert agency_for(db, "信访局", None, NOW) == unplaced


def test_no_name_is_no_agency(db):
    assert agency_for(db, None, XIXIA, NOW) is None
    assert agency_for(db, "  ", XIXIA, NOW) is None
