"""Scrapy settings for nianbao's crawler: polite by default.

robots.txt obeyed (per portal ``obey_robots = false`` in the registry), AutoThrottle on, at most 2
requests at once per host and at least 1 s between them (per portal ``delay`` / ``concurrency`` in the
registry become DOWNLOAD_SLOTS), a User-Agent naming nianbao and a contact (registry [settings]
contact / user_agent, or NIANBAO_CONTACT), timeouts and a maximum download size. Every setting can be
overridden with ``-s NAME=VALUE`` (``nianbao crawl`` passes NIANBAO_DB).
"""

import os

BOT_NAME = "nianbao"
SPIDER_MODULES = ["nianbao.crawler.spiders"]
NEWSPIDER_MODULE = "nianbao.crawler.spiders"

# The archive (nianbao crawl sets it from --db / $NIANBAO_DB); the registry may come from here too.
NIANBAO_DB = os.environ.get("NIANBAO_DB") or "db/nianbao.db"
NIANBAO_REGISTRY = os.environ.get("NIANBAO_REGISTRY")
NIANBAO_CONTACT = os.environ.get("NIANBAO_CONTACT") or "https://github.com/nianbao/nianbao"
NIANBAO_PROGRESS_INTERVAL = 5.0  # seconds between progress lines on stderr
# An archived article whose listing entry is unchanged is not opened again for this many days; then it is
# revisited (conditional GET) so a report revised in place is found. 0: revisit every archived article.
NIANBAO_REVISIT_DAYS = 30
# Worker processes that parse reports while downloads go on (None: up to 2, one per core; 0: parse in the
# crawl's own process).
NIANBAO_PARSE_WORKERS = None

# Items of one response handled at once. Scrapy's 100 starts 100 asyncio tasks for every response, most
# of the crawl's scheduling cost, while a page yields one report and a list page a few dozen requests.
CONCURRENT_ITEMS = 8

USER_AGENT = f"nianbao/0.1 (+{NIANBAO_CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% around the delay
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 100 * 1024 * 1024  # annual reports are small; a bigger file is a wrong link
DOWNLOAD_WARNSIZE = 32 * 1024 * 1024
COOKIES_ENABLED = True  # kept per host: 加速乐 and WAFs set a cookie and redirect

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]  # never 404
RETRY_BACKOFF_BASE = 1.0  # seconds, doubled each retry (Retry-After wins when given)
RETRY_MAX_WAIT = 60.0
RETRY_EXCEPTIONS = [  # Scrapy's list without DNS failures: a name that does not resolve will not soon
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    "twisted.internet.error.TimeoutError",
    "twisted.internet.defer.TimeoutError",
]

# Scheduler and dupefilter by name, so scrapy-redis can replace them without touching the spiders
# (README, "More than one machine"): SCHEDULER = "scrapy_redis.scheduler.Scheduler" and
# DUPEFILTER_CLASS = "scrapy_redis.dupefilter.RFPDupeFilter".
SCHEDULER = "scrapy.core.scheduler.Scheduler"
DUPEFILTER_CLASS = "scrapy.dupefilters.RFPDupeFilter"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "nianbao.crawler.middlewares.PatientRetryMiddleware": 550,
    "nianbao.crawler.middlewares.EncodingRepairMiddleware": 560,
    "nianbao.crawler.middlewares.OutcomeMiddleware": 570,
    "nianbao.crawler.middlewares.ConditionalGetMiddleware": 580,
    "nianbao.crawler.middlewares.ChallengeCookieMiddleware": 650,
}
ITEM_PIPELINES = {"nianbao.crawler.pipelines.ArchivePipeline": 300}
EXTENSIONS = {"nianbao.crawler.extensions.Progress": 500}

LOG_LEVEL = "WARNING"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control runs any Python code sent to it over HTTP (localhost, a token in a file in
# the user's home): nothing a scheduled crawl on a server needs, off like the telnet console.
REMOTE_CONTROL_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
