import re

import pytest
from nianbao.db.datasette import QUERIES, TABLES, metadata
from nianbao.monitor.outputs.plugin import prepare_connection


@pytest.mark.parametrize("name", QUERIES)
def test_every_canned_query_runs_on_the_archive(seeded, name):
    prepare_connection(seeded.conn, "nianbao", None)  # the SQL functions nianbao serve gives its connections
    params = {param: "" for param in re.findall(r":(\w+)", QUERIES[name]["sql"])}
    if "q" in params:
        params["q"] = "信访"
    seeded.execute(QUERIES[name]["sql"], params).fetchall()


def test_facets_and_columns_name_things_that_exist(seeded):
    for table, config in TABLES.items():
        columns = {column.name for column in seeded[table].columns} if table != "_sqlite_migrations" else set()
        assert set(config.get("facets", [])) <= columns, table
        assert set(config.get("columns", {})) <= columns, table


def test_titles_in_chinese_and_english():
    for config in [*TABLES.values(), *QUERIES.values(), metadata()]:
        if "title" in config:
            assert re.search(r"[\u4e00-\u9fff]", config["title"]) and re.search(r"[A-Za-z]", config["title"])
