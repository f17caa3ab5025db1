"""What came of one HTTP exchange, in the words of the archive's ``fetches.outcome``: pure functions of
the status, headers and body (or of the exception), so each rule is tested on frozen bytes.

ok, not_modified, not_found, soft_404, blocked, server_error, timeout, dns_error, too_large.
A blocked page is never evidence that a report is missing (shared/spec/portals.md).
"""

from __future__ import annotations

import re

SOFT_404 = ("您访问的页面不存在", "页面不存在", "页面未找到", "非法请求", "404 Not Found", "找不到该页面", "页面已删除")
WAF = (
    "安全狗",
    "网站防火墙",
    "访问被拦截",
    "请求被拦截",
    "您的访问被阻断",
    "Web应用防火墙",
    "创宇盾",
    "访问受限",
    "拦截页面",
)
SMALL_PAGE = 3000  # bytes: error and challenge pages are small, report pages are not
SHELL_PAGE = 600  # bytes: a redirect shell (160 bytes of location.href) holds nothing else
REDIRECT_SHELL = re.compile(rb"location\.(href|replace)|window\.location|http-equiv=['\"]?refresh", re.I)
TAGS = re.compile(rb"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)
JSL_COOKIE = re.compile(r"document\.cookie\s*=\s*['\"]([^'\"=;]+)=([^'\";]*)")


def classify_response(status: int, body: bytes, content_type: str = "") -> tuple[str, str | None]:
    """(outcome, reason) of a response; the reason is one line for anything but ok."""
    if status == 304:
        return "not_modified", None
    if status in (404, 410):
        return "not_found", f"HTTP {status}"
    if status == 412 or (len(body) < SMALL_PAGE and b"$_ts" in body):
        return "blocked", f"HTTP {status}: a 瑞数 anti-bot challenge ($_ts)"
    if status == 521 or jsl_cookie(body):
        return "blocked", f"HTTP {status}: a 加速乐 cookie challenge the crawler could not pass"
    if status in (401, 403, 405, 429):
        return "blocked", f"HTTP {status}: refused by the server" + (" (rate limit)" if status == 429 else "")
    if status >= 500:
        return "server_error", f"HTTP {status}"
    if status >= 400:
        return "not_found", f"HTTP {status}"
    if len(body) < SMALL_PAGE and is_html(body, content_type):
        return classify_small_page(body)
    return "ok", None


def classify_small_page(body: bytes) -> tuple[str, str | None]:
    """A small 200 page may be a WAF block, a page-not-found message or a redirect shell."""
    text = decode_loosely(body)
    waf = next((w for w in WAF if w in text), None)
    if waf:
        return "blocked", f"a WAF page (it says {waf})"
    missing = next((p for p in SOFT_404 if p in text), None)
    if missing:
        return "soft_404", f"HTTP 200 but the page says {missing}"
    visible = TAGS.sub(b"", body).strip()
    if len(body) < SHELL_PAGE and REDIRECT_SHELL.search(body) and len(visible) < 40:
        return "soft_404", "HTTP 200 with a redirect shell and no content"
    return "ok", None


def classify_exception(exception: BaseException) -> tuple[str, str]:
    """(outcome, reason) of a download that raised instead of answering."""
    name = type(exception).__name__
    text = f"{name}: {exception}".strip().rstrip(":")
    lowered = text.lower()
    if "dnslookup" in lowered or "cannotresolvehost" in lowered or "name or service not known" in lowered:
        return "dns_error", text
    if "timeout" in lowered or "timedout" in lowered:
        return "timeout", text
    if "larger than download max size" in lowered or "maxsize" in lowered:
        return "too_large", text
    if name == "CancelledError":  # Scrapy cuts a body without Content-Length off at DOWNLOAD_MAXSIZE this way
        return "too_large", "the download grew past DOWNLOAD_MAXSIZE and was cut off"
    if name == "HttpError" and getattr(exception, "response", None) is not None:
        response = exception.response
        return classify_response(response.status, response.body)
    return "server_error", text  # refused or lost connections, TLS failures: the server did not answer


def jsl_cookie(body: bytes) -> tuple[str, str] | None:
    """The cookie a 加速乐 page sets by script (``document.cookie='__jsl_clearance=…'``), if any."""
    if len(body) > SMALL_PAGE * 4:
        return None
    match = JSL_COOKIE.search(decode_loosely(body))
    return (match.group(1).strip(), match.group(2).strip()) if match else None


def is_html(body: bytes, content_type: str = "") -> bool:
    if "html" in (content_type or "").lower():
        return True
    head = body[:256].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<meta", b"<script", b"<body"))


def decode_loosely(body: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode("utf-8", "replace")
