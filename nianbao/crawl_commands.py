"""The crawler's command: crawl (nianbao.crawler, a Scrapy project)."""

COMMANDS = ()
