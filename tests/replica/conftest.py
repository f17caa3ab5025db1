"""One replica for the module's tests: started on a free port, stopped at the end."""

import urllib.error
import urllib.request

import pytest
from nianbao.replica import start_replica


@pytest.fixture(scope="module")
def replica():
    server = start_replica(port=0, state=1, slow_seconds=0.3)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fetch(replica):
    """GET (or POST ``data``) a path on the replica without following redirects: (status, headers, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def get(path: str, data: bytes | None = None, headers: dict | None = None):
        url = path if path.startswith("http") else replica.base_url + path
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with opener.open(request, timeout=10) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read()

    return get
