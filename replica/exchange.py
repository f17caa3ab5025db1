"""The request and response the replica's sites deal in (the server turns them into HTTP)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    cookies: dict[str, str]
    host: str
    state: int

    def param(self, name: str, default: str | None = None) -> str | None:
        return self.form.get(name, self.query.get(name, default))


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    stream: Iterable[bytes] | None = None  # a body produced lazily (its length in headers)
    delay: float = 0.0  # seconds to wait before answering (a slow page)
    modified: datetime | None = None  # Last-Modified (China time) of a static page: conditional GET answers 304
    cacheable: bool = True  # a page whose chrome changes per request has no validators

    def validators(self) -> dict[str, str]:
        if not (self.cacheable and self.status == 200 and self.stream is None):
            return {}
        found = {"ETag": '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'}
        if self.modified:
            found["Last-Modified"] = format_datetime(self.modified.replace(tzinfo=CHINA).astimezone(UTC), usegmt=True)
        return found


def html_page(text: str, status: int = 200, encoding: str = "utf-8", **kwargs) -> Response:
    content_type = "text/html" if encoding != "utf-8" else "text/html; charset=utf-8"
    return Response(status=status, body=text.encode(encoding), content_type=content_type, **kwargs)


NOT_FOUND_PAGE = (
    "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center>"
    "<hr><center>nginx</center></body></html>"
)


def not_found() -> Response:
    return html_page(NOT_FOUND_PAGE, status=404, cacheable=False)
