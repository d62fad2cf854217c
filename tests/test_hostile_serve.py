"""Issue 16: ``kg serve`` and ``kg query`` against a hostile web page or query.

Real ``kg serve`` processes on 127.0.0.1, real HTTP requests, each with a timeout.
"""

from __future__ import annotations

import base64
import http.server
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.embedded import KGStore
from kg.store.gate import outbound_keyword
from kg.store.serve import oxigraph_binary

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(oxigraph_binary() is None, reason="the Oxigraph server binary is not installed"),
]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _store(path: Path, n: int = 3) -> Path:
    with KGStore(path, create=True) as store:
        triples = " ".join(f"<http://e/{i}> <http://e/p> {i} ." for i in range(n))
        store.update(f"INSERT DATA {{ {triples} }}")
    return path


class Served:
    """A running ``kg serve``: its base URL and the token it printed."""

    def __init__(self, process: subprocess.Popen, url: str, token: str | None) -> None:
        self.process, self.url, self.token = process, url, token

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def _serve(store: Path, *args: str) -> Iterator[Served]:
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+)/query", first)
        assert m, first + proc.stdout.read() if proc.poll() is not None else first
        token = None
        if "--allow-update" in args:
            tm = re.search(r"http://kg:([^@]+)@", proc.stdout.readline())
            assert tm
            token = tm.group(1)
        yield Served(proc, m.group(1), token)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def writable(tmp_path):
    yield from _serve(_store(tmp_path / "s"), "--allow-update")


@pytest.fixture
def readonly(tmp_path):
    yield from _serve(_store(tmp_path / "s"))


def _send(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 10) -> int:
    req = urllib.request.Request(url, data, headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


def _count(srv: Served) -> int:
    url = f"{srv.url}/query?" + urllib.parse.urlencode({"query": COUNT})
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return int(resp.read().decode().split()[-1])


def _basic(token: str | None) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"kg:{token}".encode()).decode()}


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DROP = urllib.parse.urlencode({"update": "DROP ALL"}).encode()


def test_serve_refuses_a_form_post_from_another_origin(writable):
    headers = {**FORM, **_basic(writable.token), "Origin": "http://evil.example"}
    assert _send(f"{writable.url}/update", DROP, headers) == 403
    assert _count(writable) == 3


def test_serve_refuses_a_no_cors_request_marked_cross_site(writable):
    headers = {"Content-Type": "text/plain", **_basic(writable.token), "Sec-Fetch-Site": "cross-site"}
    assert _send(f"{writable.url}/update", DROP, headers) == 403
    assert _count(writable) == 3


def test_serve_refuses_an_update_without_its_token(writable):
    assert _send(f"{writable.url}/update", DROP, FORM) == 401
    assert _send(f"{writable.url}/update", DROP, {**FORM, **_basic("guess")}) == 401
    assert _count(writable) == 3


def test_serve_refuses_a_rebound_host_name(writable):
    url = f"{writable.url}/query?" + urllib.parse.urlencode({"query": COUNT})
    assert _send(url, headers={"Host": f"evil.example:{writable.port}"}) == 403


def test_serve_takes_a_same_origin_update_with_its_token(writable):
    headers = {**FORM, **_basic(writable.token), "Origin": writable.url, "Sec-Fetch-Site": "same-origin"}
    assert _send(f"{writable.url}/update", DROP, headers) in (200, 204)
    assert _count(writable) == 0


def test_serve_read_only_refuses_every_write(readonly):
    headers = {**FORM, "Origin": readonly.url}
    assert _send(f"{readonly.url}/update", DROP, headers) == 403
    assert _send(f"{readonly.url}/store?default", b"<http://a> <http://b> <http://c> .", {}) == 403
    assert _count(readonly) == 3


def test_serve_refuses_a_body_over_the_limit(tmp_path):
    for srv in _serve(_store(tmp_path / "s"), "--max-body", "1000"):
        big = urllib.parse.urlencode({"query": COUNT + " #" + "x" * 2000}).encode()
        assert _send(f"{srv.url}/query", big, FORM) == 413
        assert _send(f"{srv.url}/query", urllib.parse.urlencode({"query": COUNT}).encode(), FORM) == 200


def test_serve_stops_a_cartesian_count_at_its_timeout(tmp_path):
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for srv in _serve(_store(tmp_path / "s", n=3000), "--timeout", "1"):
        t0 = time.monotonic()
        with pytest.raises((urllib.error.HTTPError, OSError, ValueError)):
            req = urllib.request.Request(
                f"{srv.url}/query?" + urllib.parse.urlencode({"query": cartesian}), headers={"Accept": "text/csv"}
            )
            with urllib.request.urlopen(req, timeout=20) as resp:
                int(resp.read().decode().split()[-1])  # a cut-short answer is no count
        assert time.monotonic() - t0 < 10
        assert _count(srv) == 3000  # and the server answers the next query


class Recorder(http.server.BaseHTTPRequestHandler):
    calls: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the base class's name)
        self.calls.append(self.path)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815


@pytest.fixture
def recorder():
    Recorder.calls = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _service(url: str) -> str:
    return f"SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}"


def test_serve_refuses_service_unless_allowed(tmp_path, recorder):
    store = _store(tmp_path / "s")
    for srv in _serve(store):
        assert _send(f"{srv.url}/query?" + urllib.parse.urlencode({"query": _service(recorder)})) == 403
        body = urllib.parse.urlencode({"query": _service(recorder)}).encode()
        assert _send(f"{srv.url}/query", body, FORM) == 403
        assert (
            _send(f"{srv.url}/query", _service(recorder).encode(), {"Content-Type": "application/sparql-query"}) == 403
        )
    assert Recorder.calls == []
    for srv in _serve(store, "--allow-service"):
        assert _send(f"{srv.url}/query?" + urllib.parse.urlencode({"query": _service(recorder)})) == 200
    assert len(Recorder.calls) == 1


def test_query_refuses_service_unless_allowed(tmp_path, recorder):
    store = str(_store(tmp_path / "s"))
    result = CliRunner().invoke(main, ["query", _service(recorder), "--store", store])
    assert result.exit_code == 1
    assert result.output.startswith("Error: [KG603] <query>: SERVICE would make this command fetch another URL")
    assert Recorder.calls == []
    result = CliRunner().invoke(main, ["query", _service(recorder), "--store", store, "--allow-service"])
    assert result.exit_code == 0, result.output
    assert len(Recorder.calls) == 1


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path, readonly):
    out = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(_store(tmp_path / "t")), "--port", str(readonly.port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 1
    assert out.stderr.startswith("Error: [KG500] 127.0.0.1:") and "pass another --port" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "text, word",
    [
        ("SELECT * { SERVICE <http://x> { ?s ?p ?o } }", "SERVICE"),
        ("select * { service silent <http://x> { ?s ?p ?o } }", "SERVICE"),
        ("LOAD <http://x/data.ttl>", "LOAD"),
        ("SELECT ?service { ?service <http://e/load> 'SERVICE' } # SERVICE", None),
        ('SELECT * { ?s <http://e/p> """a\nLOAD""" }', None),
    ],
    ids=["service", "lowercase-silent", "load", "variable-iri-string-comment", "long-string"],
)
def test_gate_outbound_keyword(text, word):
    assert outbound_keyword(text) == word


def test_serve_takes_a_whole_article_over_max_body_with_its_token(writable):
    from rdflib import Literal, URIRef

    from kg.store import RemoteStore

    g = URIRef("https://w3id.org/newskg/resource/article_big")
    p = URIRef("https://w3id.org/newskg/ontology#title")
    triples = [(g, URIRef("http://purl.org/dc/terms/source"), Literal("big.txt"))]
    triples += [(URIRef(f"https://w3id.org/newskg/resource/x{i}"), p, Literal("v" * 100)) for i in range(9999)]
    endpoint = writable.url.replace("http://", f"http://kg:{writable.token}@") + "/query"
    with RemoteStore(endpoint) as store:
        assert store.replace_article("big", "big.txt", triples) == 10000
    with RemoteStore(writable.url + "/query") as reader:
        assert reader.article_triples("big") == 10000
