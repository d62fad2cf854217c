"""A SPARQL server that answers garbage, or trickles its answer, gets one clear line (issue 16, item 9)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from kg.errors import StoreError
from kg.store.sparql import SparqlClient

ANSWERS = {
    "/broken-json": ("application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": '),
    "/not-a-boolean": ("application/sparql-results+json", b'{"head": {}, "boolean": "perhaps"}'),
    "/html": ("text/html", b"<html><body>Login required</body></html>"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            for _ in range(30):  # one byte every 0.2 s: each read is quick, the whole answer is not
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
            return
        ctype, body = ANSWERS[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "path, query, fragment",
    [
        (
            "/broken-json",
            "SELECT ?s WHERE { ?s ?p ?o }",
            "the server answered with broken application/sparql-results+json",
        ),
        ("/not-a-boolean", "ASK { ?s ?p ?o }", "the server answered with broken application/sparql-results+json"),
        (
            "/html",
            "SELECT ?s WHERE { ?s ?p ?o }",
            "the server answered with 'text/html', neither query results nor RDF",
        ),
    ],
    ids=["broken-json", "non-boolean-ask", "html-page"],
)
def test_endpoint_garbage_is_one_store_error(server: str, path: str, query: str, fragment: str):
    client = SparqlClient(server + path, timeout=5)
    with pytest.raises(StoreError) as caught:
        client.query(query)
    message = str(caught.value)
    assert "\n" not in message and fragment in message and message.startswith(f"[KG500] {server}{path}")


def test_endpoint_that_trickles_gives_up_after_its_timeout(server: str):
    client = SparqlClient(server + "/trickle", timeout=1.0)
    start = time.monotonic()
    with pytest.raises(StoreError, match=r"still sending its answer after 1 s; gave up"):
        client.query("SELECT ?s WHERE { ?s ?p ?o }")
    assert time.monotonic() - start < 3.0  # not the 6 s the whole answer takes
