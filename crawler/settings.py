"""Scrapy settings for nianbao's crawler: polite by default (one request per host at a time, delays)."""

BOT_NAME = "nianbao"
SPIDER_MODULES = ["nianbao.crawler.spiders"]
NEWSPIDER_MODULE = "nianbao.crawler.spiders"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.5
AUTOTHROTTLE_ENABLED = True
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
