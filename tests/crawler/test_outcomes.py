"""Outcomes of exchanges on frozen bytes (crawler/outcomes.py)."""

import pytest
from nianbao.crawler.outcomes import classify_exception, classify_response, jsl_cookie
from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, DownloadTimeoutError
from twisted.internet.defer import CancelledError

REPORT = (
    "<html><body><div class='TRS_Editor'>"
    + "本报告根据《中华人民共和国政府信息公开条例》编制。" * 100
    + "</div></body></html>"
).encode()


@pytest.mark.parametrize(
    "status, body, outcome",
    [
        (200, REPORT, "ok"),
        (304, b"", "not_modified"),
        (404, b"<html>404</html>", "not_found"),
        (412, b"<html><script>$_ts=window['$_ts'];</script></html>", "blocked"),
        (200, b"<html><script>$_ts=window['$_ts'];</script></html>", "blocked"),
        (403, b"<html>Forbidden</html>", "blocked"),
        (200, "<html><body>网站防火墙：您的请求被拦截</body></html>".encode(), "blocked"),
        (
            521,
            b"<script>document.cookie='__jsl_clearance=1.2|0|abc';location.href=location.pathname</script>",
            "blocked",
        ),
        (503, b"busy", "server_error"),
        (200, "<html><title>提示</title><body>您访问的页面不存在！</body></html>".encode(), "soft_404"),
        (200, "<html><body>非法请求</body></html>".encode("gbk"), "soft_404"),
        (200, b"<html><script>window.location.href='/index.html';</script></html>", "soft_404"),
    ],
)
def test_classify_response(status, body, outcome):
    assert classify_response(status, body, "text/html")[0] == outcome


def test_classify_exceptions():
    assert classify_exception(DownloadTimeoutError("Getting x took longer than 5 seconds."))[0] == "timeout"
    assert classify_exception(CannotResolveHostError("no.such.host"))[0] == "dns_error"
    too_large = DownloadCancelledError(
        "Expected to receive 209715200 bytes which is larger than download max size (1000)."
    )
    assert classify_exception(too_large)[0] == "too_large"
    assert classify_exception(ConnectionRefusedError("refused"))[0] == "server_error"
    assert classify_exception(CancelledError())[0] == "too_large"


def test_jsl_cookie():
    body = b"<script>document.cookie='__jsl_clearance=1733300000.1|0|abcd%3D';location.href=location.pathname</script>"
    assert jsl_cookie(body) == ("__jsl_clearance", "1733300000.1|0|abcd%3D")
    assert jsl_cookie(REPORT) is None
