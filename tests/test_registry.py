"""The registry: loaded, validated with one line per mistake (file:line), written into the archive."""

import pytest
from nianbao.db import open_db
from nianbao.db.agencies import agency_for

from nianbao.registry import RegistryError, parse_registry, store_registry

GOOD = """
[settings]
grace_days = 3
contact = "https://example.org/nianbao"

[[deadline]]
region = "宁夏回族自治区"
department = "02-15"

[[portal]]
name = "银川市西夏区人民政府"
start_urls = ["http://127.0.0.1:8750/xxgk/xxgknb/"]
delay = 2.5

[[agency]]
name = "西夏区人民政府"
aliases = ["银川市西夏区人民政府"]
kind = "government"
region = "宁夏回族自治区/银川市/西夏区"
portal = "银川市西夏区人民政府"
since = 2019

[[agency]]
name = "西夏区信访局"
kind = "department"
region = "宁夏回族自治区/银川市/西夏区"
portal = "银川市西夏区人民政府"
since = 2019
until = 2023
successor = "西夏区社会工作部"

[monitor]
stale_crawl_hours = 6
season_months = "1-5"
silent_crawls = 3
"""


def test_a_good_registry_loads_with_its_settings():
    registry = parse_registry(GOOD)
    assert registry.grace_days == 3 and registry.contact == "https://example.org/nianbao"
    assert registry.deadlines[0].department == "02-15" and registry.deadlines[0].government is None
    portal = registry.portal("银川市西夏区人民政府")
    assert portal.start_urls == ("http://127.0.0.1:8750/xxgk/xxgknb/",) and portal.delay == 2.5 and portal.obey_robots
    assert [a.name for a in registry.agencies_of(portal.name)] == ["西夏区人民政府", "西夏区信访局"]
    assert registry.region_of(portal) == "宁夏回族自治区/银川市/西夏区"
    petitions = registry.agencies[1]
    assert petitions.expected_in(2023) and not petitions.expected_in(2024) and not petitions.expected_in(2018)
    assert registry.monitor == {"stale_crawl_hours": 6, "season_months": {1, 2, 3, 4, 5}, "silent_crawls": 3}


@pytest.mark.parametrize(
    "change,message",
    [
        (('kind = "department"', 'kind = "bureau"'), "registry.toml:25: agency 西夏区信访局: unknown kind 'bureau'"),
        (
            ("since = 2019\nuntil", "since = 2019\ncolour = 1\nuntil"),
            "registry.toml:29: agency 西夏区信访局: unknown key 'colour'",
        ),
        (
            ('name = "西夏区信访局"', 'name = "西夏区 人民政府"'),
            "registry.toml:23: agency 西夏区 人民政府: listed twice in 宁夏回族自治区/银川市/西夏区 (line 15)",
        ),
        (
            ('portal = "银川市西夏区人民政府"\nsince = 2019\nuntil', 'portal = "别的门户"\nsince = 2019\nuntil'),
            "registry.toml:27: agency 西夏区信访局: no [[portal]] is named '别的门户'",
        ),
        (("[settings]", "[setings]"), "registry.toml:2: unknown table or key 'setings'"),
        (("grace_days = 3", "grace_days = -1"), "registry.toml:3: grace_days must be"),
        (
            ('department = "02-15"', 'department = "2月15日"'),
            "registry.toml:8: deadline for 宁夏回族自治区: department must be",
        ),
        (
            ('start_urls = ["http://127.0.0.1:8750/xxgk/xxgknb/"]', 'start_urls = ["127.0.0.1/xxgk/"]'),
            "registry.toml:12: portal 银川市西夏区人民政府: '127.0.0.1/xxgk/' is not an http(s) URL",
        ),
        (
            ("until = 2023", "until = 2017"),
            "registry.toml:29: agency 西夏区信访局: until (2017) is before since (2019)",
        ),
        (("[[agency]]", "[[agency]\n"), "registry.toml: not valid TOML"),
        (
            ("stale_crawl_hours = 6", "stale_crawl_hours = 0"),
            "registry.toml:33: monitor: stale_crawl_hours must be a number of hours from 0.1 to 720, not 0",
        ),
        (('season_months = "1-5"', 'season_months = "1-13"'), "registry.toml:34: monitor: season_months '1-13'"),
        (
            ("silent_crawls = 3", "silent_crawls = 1.5"),
            "registry.toml:35: monitor: silent_crawls must be a whole number of crawls from 1 to 1000, not 1.5",
        ),
        (
            ("silent_crawls = 3", "silent_crawls = 3\nseason_gap_day = 2"),
            "registry.toml:36: monitor: unknown key 'season_gap_day'",
        ),
    ],
)
def test_each_mistake_is_one_line_with_file_and_line(change, message):
    with pytest.raises(RegistryError) as raised:
        parse_registry(GOOD.replace(*change, 1), "registry.toml")
    assert str(raised.value).startswith(message), str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_registry_is_stored_and_matches_printed_names_and_aliases(tmp_path):
    db = open_db(tmp_path / "a.db")
    discovered = agency_for(db, "西夏区信访局", "宁夏回族自治区/银川市/西夏区", "2024-01-01T00:00:00Z")
    ids = store_registry(db, parse_registry(GOOD), "2025-01-01T00:00:00Z")
    assert ids["西夏区信访局"] == discovered  # found on a portal first, registered later: one agency
    row = db["agencies"].get(discovered)
    assert row["in_registry"] == 1 and row["kind"] == "department" and row["until"] == 2023
    region = "宁夏回族自治区/银川市/西夏区"
    assert agency_for(db, "银川市西夏区人民政府", region, "2025-02-01T00:00:00Z") == ids["西夏区人民政府"]
    assert store_registry(db, parse_registry(GOOD), "2025-03-01T00:00:00Z") == ids  # rerun: same agencies
    assert db["agencies"].count == 2
