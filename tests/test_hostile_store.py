"""Issue 16: writes that are whole on a remote store, and store files that are not what they claim."""

from __future__ import annotations

import http.server
import re
import threading
import urllib.error
import urllib.request

import pytest
from rdflib import Literal, URIRef

from kg.errors import StoreError
from kg.store import RemoteStore

KGR = "https://w3id.org/newskg/resource/"
SRC = URIRef("http://purl.org/dc/terms/source")
P = URIRef("https://w3id.org/newskg/ontology#title")


def _article(article_id: str, n: int) -> list[tuple[URIRef, URIRef, Literal]]:
    g = URIRef(KGR + "article_" + article_id)
    return [(g, SRC, Literal("a.txt"))] + [(URIRef(f"{KGR}x{i}"), P, Literal(f"v{i}")) for i in range(n - 1)]


def _failing_proxy(upstream: str, updates_allowed: int) -> type[http.server.BaseHTTPRequestHandler]:
    """A proxy to ``upstream`` that passes the first ``updates_allowed`` updates on, then answers 500."""
    state = {"updates": 0}

    class Proxy(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path.startswith("/update"):
                state["updates"] += 1
                if state["updates"] > updates_allowed:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            headers = {k: v for k in ("Content-Type", "Accept") if (v := self.headers.get(k))}
            req = urllib.request.Request(upstream + self.path, body, headers, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=10) as resp:
                    status, ctype, data = resp.status, resp.headers.get("Content-Type", ""), resp.read()
            except urllib.error.HTTPError as e:
                status, ctype, data = e.code, "text/plain", e.read()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Proxy


@pytest.mark.slow
@pytest.mark.parametrize("allowed", [0, 1], ids=["fails-at-once", "fails-after-one-update"])
def test_remote_failure_half_way_leaves_the_old_article_or_the_new_whole(scratch, allowed):
    with RemoteStore(scratch.query_url) as direct:
        direct.replace_article("one", "a.txt", _article("one", 20))
        before = direct.named_graphs(), direct.count()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _failing_proxy(scratch.url, allowed))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/query"
        with RemoteStore(url, batch_triples=50) as store:
            try:
                store.replace_article("two", "a.txt", _article("two", 300))
                failed = False
            except StoreError:
                failed = True
    finally:
        httpd.shutdown()
        httpd.server_close()
    with RemoteStore(scratch.query_url) as direct:
        after = direct.named_graphs(), direct.count()
    if failed:
        assert after == before  # the old article, whole, and nothing staged beside it
    else:
        assert after == ([KGR + "article_two"], 300)


def _small_store(path):
    from kg.store.embedded import KGStore

    with KGStore(path) as store:
        store.replace_article("one", "a.txt", _article("one", 5))
    return path


@pytest.mark.parametrize(
    "journal",
    [
        '{"loading": ["https://w3id.org/newskg/resource/article_x> ; DROP ALL ; DROP SILENT GRAPH <http://y"],'
        ' "pending": []}',
        '{"loading": [], "pending": ["http://elsewhere/g"]}',
        '{"loading": [], "pending": [], "run": "DROP ALL"}',
        '{"loading": "https://w3id.org/newskg/resource/article_x", "pending": []}',
        "{not json",
    ],
    ids=["iri-with-update", "not-an-article-graph", "extra-key", "not-a-list", "broken-json"],
)
def test_embedded_journal_is_parsed_strictly(tmp_path, journal):
    from kg.store.embedded import JOURNAL, KGStore

    path = _small_store(tmp_path / "s")
    (path / JOURNAL).write_text(journal, encoding="utf-8")
    with pytest.raises(StoreError, match=r"^\[KG500\] .*newskg-journal\.json: not a journal newskg wrote .*delete"):
        KGStore(path, create=False)
    (path / JOURNAL).unlink()
    with KGStore(path, create=False) as store:
        assert store.count() == 5  # nothing was dropped


def test_embedded_damaged_file_is_one_line_naming_it(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    path = _small_store(tmp_path / "s")
    for sst in path.glob("*.sst"):
        sst.write_bytes(b"")
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code == 1
    # a writer's open names the damaged .sst; a reader's (kg stats reads beside a build) names the MANIFEST
    assert re.match(
        r"Error: \[KG500\] \S+(\.sst|MANIFEST-\d+): the store is damaged \(Corruption: .*rebuild it", result.output
    ), result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.model
def test_viz_warns_above_what_a_browser_draws_quickly(seed_store, tmp_path, monkeypatch):
    from click.testing import CliRunner

    import kg.present.overview
    from kg.cli import main

    monkeypatch.setattr(kg.present.overview, "SLOW_NODES", 5)
    out = str(tmp_path / "g.html")
    result = CliRunner().invoke(main, ["viz", "--store", str(seed_store), "-o", out, "--max-nodes", "10"])
    assert result.exit_code == 0
    assert re.search(r"^Warning: \[KG701\] drawing 10 nodes; .*Try --max-nodes 150", result.stderr, re.M), result.stderr
    result = CliRunner().invoke(main, ["viz", "--store", str(seed_store), "-o", out, "--max-nodes", "5"])
    assert result.exit_code == 0 and "KG701" not in result.stderr
