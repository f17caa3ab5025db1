"""Fetch stage: the Scrapy project (spiders per portal platform, middlewares, pipelines)."""
