"""The crawler's command: crawl (nianbao.crawler, a Scrapy project).

``nianbao crawl`` runs the registry-driven spider in this process (``scrapy crawl portal -a registry=FILE``
does the same); results go into the archive named by --db / $NIANBAO_DB / db/nianbao.db.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .archive_commands import BadInput, db_option
from .registry import RegistryError, load_registry

DEFAULT_REGISTRY = "registry.toml"


@click.command()
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The registry of portals and agencies (default: $NIANBAO_REGISTRY or registry.toml).",
)
@click.option("--agency", help="Crawl only this agency's portal, and only its reports.")
@click.option("--year", type=click.IntRange(2000, 2100), help="Open only reports on this year.")
@click.option(
    "--revisit",
    is_flag=True,
    help="Open every archived article again (conditional GET): finds reports revised in place under an unchanged listing.",
)
@click.option(
    "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="A Scrapy setting (e.g. DOWNLOAD_DELAY=3)."
)
@db_option
def crawl(registry_path, agency, year, revisit, overrides, db_path):
    """Crawl the registry's portals into the archive: list pages, report pages, attachments.

    Polite by default (robots.txt, 1 s between requests to a host, 2 at once, AutoThrottle); a recrawl
    opens only list pages and what changed in them (archived articles are revisited after
    NIANBAO_REVISIT_DAYS, 30, or now with --revisit). Progress goes to stderr, a summary at the end.

    Example: nianbao crawl --registry registry.toml --year 2024
    """
    from nianbao.db import ArchiveError, default_path, open_db

    path = registry_path or Path(os.environ.get("NIANBAO_REGISTRY") or DEFAULT_REGISTRY)
    try:
        registry = load_registry(path)
    except RegistryError as err:
        raise BadInput(str(err)) from None
    if agency and not any(a.name == agency or agency in a.aliases for a in registry.agencies):
        raise BadInput(f"{path}: no agency named {agency!r}")
    if not registry.portals:
        raise BadInput(f"{path}: no [[portal]] to crawl")
    from nianbao.crawler.spiders.base import site_spiders

    spiders = site_spiders()
    unknown = next((p for p in registry.portals if p.spider not in spiders), None)
    if unknown:
        raise BadInput(
            f"{path}: portal {unknown.name}: no spider named {unknown.spider!r} ({', '.join(sorted(spiders))})"
        )
    archive = db_path or default_path()
    try:
        open_db(archive).close()  # a bad --db is bad input before any request goes out
    except ArchiveError as err:
        raise BadInput(str(err)) from None
    settings = scrapy_settings(archive, overrides)
    if revisit:
        settings.set("NIANBAO_REVISIT_DAYS", 0, priority="cmdline")
    run_spider(settings, registry=str(path), agency=agency, year=year)


def scrapy_settings(archive: Path, overrides):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("nianbao.crawler.settings", priority="project")
    settings.set("NIANBAO_DB", str(archive), priority="cmdline")
    for override in overrides:
        name, sep, value = override.partition("=")
        if not sep or not name.strip():
            raise BadInput(f"--set {override!r}: give NAME=VALUE")
        settings.set(name.strip(), value.strip(), priority="cmdline")
    return settings


def run_spider(settings, **spider_args) -> None:
    from scrapy.crawler import CrawlerProcess

    from nianbao.crawler.spiders.base import PortalSpider

    process = CrawlerProcess(settings)
    process.crawl(PortalSpider, **{k: v for k, v in spider_args.items() if v is not None})
    process.start()


COMMANDS = (crawl,)
