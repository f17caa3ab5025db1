"""Downloader middlewares for government portals (crawler/settings.py orders them):

- ``ChallengeCookieMiddleware``: a 加速乐 521 page sets its cookie by script; set it and retry once.
  A WAF's 302 to the same URL (setting a cookie) is followed once more instead of being filtered.
- ``ConditionalGetMiddleware``: If-None-Match / If-Modified-Since from the archive; a 304 is answered
  with the bytes the archive holds (outcome not_modified), so the spider reads the page as before.
- ``OutcomeMiddleware``: every response gets its outcome (crawler/outcomes.py) in ``request.meta``:
  412 瑞数, 403 and WAF pages blocked, soft 404s, server errors …
- ``PatientRetryMiddleware``: retries 5xx and timeouts with exponential backoff, honours Retry-After
  on 503/429, never retries a 404; each failed attempt is recorded as a fetch.
- ``EncodingRepairMiddleware``: a page whose declared charset lies (U+FFFD in its text) is re-decoded.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.downloadermiddlewares import cookies
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.utils.defer import maybe_deferred_to_future
from tldextract import TLDExtract
from twisted.internet import reactor
from twisted.internet.task import deferLater

from .outcomes import classify_exception, classify_response, jsl_cookie

REDIRECTS = (301, 302, 303, 307, 308)

# Scrapy's cookie middleware asks tldextract for public suffixes, which downloads the list from GitHub on
# first use: the crawler talks to the portals it crawls and nobody else, so the bundled snapshot is used.
cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)


def store_of(crawler):
    return getattr(crawler.spider, "store", None)


def record_try(crawler, request, outcome: str, status: int | None, reason: str) -> None:
    """A try that holds no page (a challenge answered, a failure retried), as a fetch of the request."""
    store = store_of(crawler)
    if store:
        store.record_request(request, outcome, status, reason)


class ChallengeCookieMiddleware:
    """加速乐: ``521`` + ``document.cookie='__jsl_clearance=…';location.href=…``; the cookie is set on the
    request (the cookie middleware keeps it for the host) and the request retried once. WAFs that
    302 to the same URL to set a cookie get the same once-more."""

    MAX_TRIES = 2

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        tries = request.meta.get("challenge_tries", 0)
        if tries >= self.MAX_TRIES:
            return response
        if response.status == 521 or (response.status == 200 and len(response.body) < 3000):
            cookie = jsl_cookie(response.body)
            if cookie:
                self.record(request, response, "a 加速乐 cookie challenge, answered with its cookie")
                name, value = cookie
                return request.replace(
                    cookies={**cookies_dict(request), name: value},
                    dont_filter=True,
                    meta={**request.meta, "challenge_tries": tries + 1},
                )
        location = response.headers.get("Location")
        if response.status in REDIRECTS and location:
            if urljoin(request.url, location.decode("latin-1")) == request.url:
                return request.replace(dont_filter=True, meta={**request.meta, "challenge_tries": tries + 1})
        return response

    def record(self, request, response, reason):
        record_try(self.crawler, request, "challenge", response.status, reason)


def cookies_dict(request) -> dict:
    cookies = request.cookies
    if isinstance(cookies, dict):
        return dict(cookies)
    return {c["name"]: c["value"] for c in cookies or []}


class ConditionalGetMiddleware:
    """The archive as the HTTP cache: validators of the last good fetch of a list page, article or
    attachment go out with its request; a 304 comes back as that fetch's bytes."""

    ROLES = ("list", "article", "attachment")

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        store = store_of(self.crawler)
        if not store or request.meta.get("role") not in self.ROLES or request.method != "GET":
            return None
        validators = store.validators(request.url)
        if not validators:
            return None
        if validators["etag"]:
            request.headers["If-None-Match"] = validators["etag"]
        if validators["last_modified"]:
            request.headers["If-Modified-Since"] = validators["last_modified"]
        request.meta["validators"] = validators
        return None

    def process_response(self, request, response, spider=None):
        validators = request.meta.get("validators")
        if response.status != 304 or not validators:
            return response
        body = store_of(self.crawler).stored_body(validators["sha256"])
        if body is None:
            return response
        headers = response.headers.copy()
        if validators["content_type"]:
            headers["Content-Type"] = validators["content_type"]
        headers.setdefault("ETag", validators["etag"] or "")
        cls = responsetypes.from_args(headers=headers, url=response.url, body=body)
        request.meta["not_modified"] = True
        return cls(url=response.url, status=200, headers=headers, body=body, request=request)


class OutcomeMiddleware:
    """Classify every response once (outcome and one-line reason in request.meta); robots.txt fetches,
    which reach no spider callback, are recorded here."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if request.meta.get("not_modified"):
            request.meta.update(outcome="not_modified", reason=None)
            return response
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        outcome, reason = classify_response(response.status, response.body, content_type)
        request.meta.update(outcome=outcome, reason=reason)
        store = store_of(self.crawler)
        if store and "role" not in request.meta and request.url.endswith("/robots.txt"):
            store.record_exchange(
                url=request.url, outcome=outcome, portal=None, role="robots", status=response.status, reason=reason
            )
        return response


class PatientRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting between tries: Retry-After when the server names it (capped), else
    backoff doubling from RETRY_BACKOFF_BASE seconds. The failed try is recorded as a fetch."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.max_wait = settings.getfloat("RETRY_MAX_WAIT", 60.0)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        self.record(request, "server_error" if response.status >= 500 else "blocked", response.status, "retried")
        await self.wait(self.retry_after(response) or self.backoff(request))
        return retry

    async def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        outcome, reason = classify_exception(exception)
        self.record(request, outcome, None, f"{reason} (retried)")
        await self.wait(self.backoff(request))
        return retry

    def retry_after(self, response) -> float | None:
        value = response.headers.get("Retry-After")
        try:
            return min(float(value), self.max_wait) if value else None
        except ValueError:
            return None  # an HTTP date: rare on these portals; the backoff applies

    def backoff(self, request) -> float:
        return min(self.backoff_base * 2 ** request.meta.get("retry_times", 0), self.max_wait)

    async def wait(self, seconds: float) -> None:
        if seconds > 0:
            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))

    def record(self, request, outcome, status, reason):
        record_try(self.crawler, request, outcome, status, reason)


class EncodingRepairMiddleware:
    """Scrapy trusts the HTTP charset; when it lies (GBK bytes sent as utf-8) the text is full of U+FFFD.
    Such a page is re-decoded with the encoding its bytes fit (UTF-8, GB18030, then charset-normalizer)."""

    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse) or "\ufffd" not in response.text:
            return response
        encoding = fitting_encoding(response.body)
        return response.replace(encoding=encoding) if encoding else response


def fitting_encoding(body: bytes) -> str | None:
    for encoding in ("utf-8", "gb18030"):
        try:
            body.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return best.encoding if best else None
