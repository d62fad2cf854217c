"""Bad input gets one clear line, a non-zero exit, no traceback, and leaves the store as it was.

Every case goes through the real CLI (click's CliRunner); a selection also runs
as a real process (``python -m kg.cli``). Messages are one line:
``Error: [KGxxx] what: what is wrong; what to try``.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tracemalloc
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.articles import load_article
from kg.cli import main
from kg.errors import ArticleError, FrontMatterWarning, HostileTextWarning
from tests.conftest import ROOT

GOOD = "Russia launched a missile attack on Kyiv on Monday, killing 3 people.\n"
GERMAN = (
    "Die israelische Armee hat am Montag erneut Ziele im Süden des Libanon angegriffen, teilte ein Sprecher "
    "mit. Dabei wurden nach Angaben der Behörden mindestens drei Menschen getötet. Die Hisbollah feuerte "
    "daraufhin Raketen auf den Norden Israels ab, wie die Armee mitteilte.\n"
)
ONE_ERROR_LINE = re.compile(r"^Error: \[KG\d{3}\] \S.*: .+$")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_one_error_line(result, code: str, *fragments: str) -> str:
    """The command failed with exactly one ``Error: [code] ...`` line on stderr and no traceback."""
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert ONE_ERROR_LINE.match(line), line
    assert line.startswith(f"Error: [{code}] "), line
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in line, line
    return line


def snapshot(store: Path) -> bytes:
    """Every quad of the store, sorted: equal snapshots mean an unchanged store."""
    result = run("export", "--store", store, "--format", "nq")
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture
def store(tmp_path) -> Path:
    """A store holding one small article."""
    art = tmp_path / "good.txt"
    art.write_text(GOOD)
    path = tmp_path / "store"
    assert run("build", art, "--store", path, "--date", "2024-05-06").exit_code == 0
    return path


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _big(path: Path) -> Path:
    with path.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50_000_000)
    return path


# (id, file name, content or a maker, expected fragments of the message)
BAD_FILES = [
    ("empty", "a.txt", b"", ["a.txt: the file is empty"]),
    ("whitespace", "a.txt", b"  \n\t\n\n", ["a.txt: the file is only whitespace"]),
    ("binary", "a.txt", bytes(range(256)) * 8, ["a.txt: binary file (NUL bytes)"]),
    (
        "latin1",
        "a.txt",
        "Caf\u00e9 owners in Beirut said an airstrike hit.\n".encode("latin-1"),
        ["not UTF-8", "Latin-1"],
    ),
    ("utf16-no-bom", "a.txt", GOOD.encode("utf-16-le"), ["UTF-16LE text without a byte-order mark", "iconv"]),
    ("50MB", "a.txt", _big, ["50,000,000 bytes is over the limit of 5,000,000", "--max-bytes"]),
    ("broken-yaml", "a.md", "---\ntitle: T\n  bad: [x\n---\n" + GOOD, ["a.md: broken YAML front matter at line 3"]),
    ("yaml-not-mapping", "a.md", "---\n- a\n- b\n---\n" + GOOD, ["front matter must be 'key: value' lines"]),
    ("yaml-unclosed", "a.md", "---\ntitle: T\n" + GOOD, ["front matter opened with '---' but never closed"]),
    ("yaml-title-list", "a.md", "---\ntitle: [a, b]\n---\n" + GOOD, ["'title' must be a single value"]),
    (
        "impossible-date",
        "a.md",
        "---\npublished: 2024-02-30\n---\n" + GOOD,
        ["published date '2024-02-30' is not a real"],
    ),
    ("date-out-of-range", "a.md", "---\npublished: 0224-11-25\n---\n" + GOOD, ["'0224-11-25' is outside the years"]),
    ("tagged-impossible-date", "a.md", "---\npublished: !!timestamp 2024-02-30\n---\n" + GOOD, ["broken YAML"]),
    ("front-matter-only", "a.md", "---\ntitle: T\n---\n\n", ["the article has no body text"]),
]


# one code per kind of failure (docs/errors.md): KG101 path, KG102 empty, KG103 too big,
# KG104 encoding, KG105 front matter, KG106 date
BAD_FILE_CODES = {
    "empty": "KG102",
    "whitespace": "KG102",
    "binary": "KG104",
    "latin1": "KG104",
    "utf16-no-bom": "KG104",
    "50MB": "KG103",
    "broken-yaml": "KG105",
    "yaml-not-mapping": "KG105",
    "yaml-unclosed": "KG105",
    "yaml-title-list": "KG105",
    "impossible-date": "KG106",
    "date-out-of-range": "KG106",
    "tagged-impossible-date": "KG105",
    "front-matter-only": "KG102",
}


@pytest.mark.model
@pytest.mark.parametrize(
    "name, content, fragments, code",
    [(*c[1:], BAD_FILE_CODES[c[0]]) for c in BAD_FILES],
    ids=[c[0] for c in BAD_FILES],
)
def test_errors_bad_file_one_line_and_store_unchanged(store, tmp_path, name, content, fragments, code):
    path = content(tmp_path / name) if callable(content) else _write(tmp_path / name, content)
    before = snapshot(store)
    result = run("build", path, "--store", store)
    assert result.exit_code == 1
    assert_one_error_line(result, code, path.as_posix(), *fragments)
    assert result.stdout == ""  # nothing built: no summary
    assert snapshot(store) == before


@pytest.mark.model
@pytest.mark.parametrize(
    "args, code, fragments",
    [
        (["--date", "2024-02-30"], "KG106", ["--date '2024-02-30': not a real date", "YYYY-MM-DD"]),
        (["--date", "yesterday"], "KG106", ["--date 'yesterday': not a real date"]),
        (["--date", "0001-01-01"], "KG106", ["--date: '0001-01-01' is outside the years 1800-2200"]),
        (["--max-bytes", "10"], "KG103", ["over the limit of 10 for one article"]),
    ],
    ids=["impossible-date-option", "date-not-a-date", "date-out-of-range", "max-bytes"],
)
def test_errors_bad_build_option(store, tmp_path, args, code, fragments):
    art = _write(tmp_path / "b.txt", GOOD)
    before = snapshot(store)
    assert_one_error_line(run("build", art, "--store", store, *args), code, *fragments)
    assert snapshot(store) == before


@pytest.mark.model
def test_errors_missing_path_and_empty_directory(store, tmp_path):
    before = snapshot(store)
    assert_one_error_line(run("build", tmp_path / "nope.txt", "--store", store), "KG101", "no such file or directory")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    result = run("build", tmp_path / "empty", "--store", store)
    assert_one_error_line(result, "KG101", "empty: directory holds no .txt or .md articles")
    assert snapshot(store) == before


def test_errors_bad_input_leaves_no_new_store_behind(tmp_path):
    fresh = tmp_path / "fresh"
    result = run("build", _write(tmp_path / "a.txt", b""), "--store", fresh)
    assert_one_error_line(result, "KG102", "the file is empty")
    assert not fresh.exists()


@pytest.mark.model
def test_errors_utf16_with_bom_is_decoded(tmp_path):
    art = _write(tmp_path / "u.txt", GOOD.encode("utf-16"))
    result = run("build", art, "--store", tmp_path / "s", "--date", "2024-05-06")
    assert result.exit_code == 0, result.output
    out = run("query", "ASK { ?s a kg:Strike ; kg:attacker kgr:Russia }", "--store", tmp_path / "s")
    assert out.output.strip() == "yes"


def test_errors_big_file_is_refused_before_it_is_read(tmp_path):
    path = _big(tmp_path / "big.txt")
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match="over the limit of 5,000,000"):
            load_article(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.model
def test_errors_directory_build_skips_bad_files_and_exits_3(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    _write(d / "1_good.txt", GOOD)
    _write(d / "2_empty.txt", b"")
    _write(d / "3_binary.txt", b"\x00\x01\x02" * 100)
    _write(d / "4_good.md", "---\npublished: 2024-05-07\n---\nIsrael carried out airstrikes in Gaza on Tuesday.\n")
    result = run("build", d, "--store", tmp_path / "s", "--date", "2024-05-06")
    assert result.exit_code == 3
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(ONE_ERROR_LINE.match(e) for e in errors), result.stderr
    assert "2_empty.txt: the file is empty" in errors[0] and "3_binary.txt: binary file" in errors[1]
    assert result.stdout.startswith("built 2 articles:") and "skipped 2 files" in result.stdout
    graphs = run("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", tmp_path / "s")
    assert "(2 rows)" in graphs.output


@pytest.mark.model
def test_errors_non_english_article_warns(tmp_path):
    art = _write(tmp_path / "de.txt", GERMAN)
    result = run("build", art, "--store", tmp_path / "s", "--date", "2024-05-06")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Warning: [KG110] "), result.stderr
    assert f"{art.as_posix()}: does not look like English" in lines[0]
    out = run("query", "ASK { ?a a kg:Article }", "--store", tmp_path / "s")
    assert out.output.strip() == "yes"


@pytest.mark.model
def test_errors_non_english_article_gets_only_its_article_node(tmp_path):
    art = _write(tmp_path / "de.txt", GERMAN)
    run("build", art, "--store", tmp_path / "s", "--date", "2024-05-06")
    out = run(
        "query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s a kg:Article } }", "--store", tmp_path / "s"
    )
    assert "(0 rows)" in out.output, out.output


@pytest.mark.model
@pytest.mark.parametrize(
    "query, fragments",
    [
        ("SELECT ?s WHERE { ?s ?p }", ["<query>: SPARQL syntax error at 1:26"]),
        ("SELECT ?s\nWHERE {\n  ?s a kg:Strike ;\n  FILTER(\n}", ["SPARQL syntax error at 5:"]),
        ("SELECT ?s WHERE { ?s a nope:Thing }", ["SPARQL syntax error at 1:", "unknown prefix", "kgr"]),
    ],
    ids=["missing-object", "multi-line", "unknown-prefix"],
)
def test_errors_sparql_syntax_shows_line_and_column(store, query, fragments):
    assert_one_error_line(run("query", query, "--store", store), "KG600", *fragments)


@pytest.mark.model
def test_errors_sparql_syntax_in_a_query_file(store, tmp_path):
    rq = tmp_path / "bad.rq"
    rq.write_text('PREFIX x: <http://x/>\nSELECT * WHERE {\n  ?s ?p "unterminated\n}\n')
    assert_one_error_line(run("query", rq, "--store", store), "KG600", f"{rq.as_posix()}: SPARQL syntax error at 3:")
    assert_one_error_line(run("query", tmp_path / "nope.rq", "--store", store), "KG600", "no such query file")


@pytest.mark.model
@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { kgr:A kg:killed kgr:B }",
        "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
        "# a comment\nDROP ALL",
        "CLEAR DEFAULT",
    ],
    ids=["insert", "delete-after-prefix", "drop-after-comment", "clear"],
)
def test_errors_update_refused_without_flag(store, update):
    before = snapshot(store)
    assert_one_error_line(run("query", update, "--store", store), "KG600", "this is a SPARQL update", "--update")
    assert snapshot(store) == before


@pytest.mark.model
def test_errors_update_runs_with_flag(store):
    result = run("query", "INSERT DATA { GRAPH kgr:g { kgr:A kg:killed kgr:B } }", "--store", store, "--update")
    assert result.exit_code == 0 and result.stdout.strip() == "update done"


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["export"], ["validate"], ["build", "x.txt"]])
def test_errors_store_that_is_not_a_store(tmp_path, command):
    bad = tmp_path / "notastore"
    bad.mkdir()
    (bad / "holiday.jpg").write_bytes(b"\xff\xd8")
    _write(tmp_path / "x.txt", GOOD)
    args = [tmp_path / c if c == "x.txt" else c for c in command]
    result = run(*args, "--store", bad)
    assert_one_error_line(result, "KG500", f"{bad.as_posix()}: directory is not a newskg store")
    assert sorted(p.name for p in bad.iterdir()) == ["holiday.jpg"]


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["export"], ["validate"]])
def test_errors_missing_store_is_not_created(tmp_path, command):
    result = run(*command, "--store", tmp_path / "nothere")
    assert_one_error_line(result, "KG500", "nothere: no store here", "kg build")
    assert not (tmp_path / "nothere").exists()


def test_errors_store_path_is_a_file(tmp_path):
    _write(tmp_path / "file", b"x")
    assert_one_error_line(run("query", "ASK {}", "--store", tmp_path / "file"), "KG500", "is a file, not a store")


@pytest.mark.model
def test_errors_unknown_export_format(store, tmp_path):
    out = _write(tmp_path / "out.ttl", "old content\n")
    result = run("export", "--store", store, "--format", "xml", "-o", out)
    assert_one_error_line(result, "KG700", "--format 'xml': unknown export format", "turtle, trig")
    assert out.read_text() == "old content\n"


@pytest.mark.model
def test_errors_export_to_missing_folder(store, tmp_path):
    result = run("export", "--store", store, "-o", tmp_path / "no" / "g.ttl")
    assert_one_error_line(result, "KG700", "does not exist; create it first")


# the same cases as a real process: what a user at a shell sees
PROCESS_CASES = [
    ("empty-file", ["build", "{d}/empty.txt", "--store", "{s}"], 1, "Error: [KG102] {d}/empty.txt: the file is empty"),
    ("binary", ["build", "{d}/bin.txt", "--store", "{s}"], 1, "Error: [KG104] {d}/bin.txt: binary file"),
    ("50MB", ["build", "{d}/big.txt", "--store", "{s}"], 1, "Error: [KG103] {d}/big.txt: 50,000,000 bytes"),
    ("bad-date", ["build", "{d}/good.txt", "--date", "2024-02-30", "--store", "{s}"], 1, "Error: [KG106] --date"),
    ("missing", ["build", "{d}/nope.txt", "--store", "{s}"], 1, "Error: [KG101] {d}/nope.txt: no such file"),
    (
        "sparql",
        ["query", "SELECT * WHERE { ?s }", "--store", "{s}"],
        1,
        "Error: [KG600] <query>: SPARQL syntax error at 1:",
    ),
    ("update", ["query", "DROP ALL", "--store", "{s}"], 1, "Error: [KG600] <query>: this is a SPARQL update"),
    ("format", ["export", "--format", "rdfxml", "--store", "{s}"], 1, "Error: [KG700] --format 'rdfxml'"),
    ("not-a-store", ["query", "ASK {}", "--store", "{d}"], 1, "Error: [KG500] {d}: directory is not a newskg store"),
]


@pytest.fixture(scope="module")
def process_inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("inputs")
    _write(d / "empty.txt", b"")
    _write(d / "bin.txt", b"\x7fELF\x02\x01\x01\x00" * 64)
    _write(d / "good.txt", GOOD)
    _big(d / "big.txt")
    store = d / "store"
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(d / "good.txt"), "--store", str(store), "--date", "2024-05-06"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return d, store


@pytest.mark.slow  # one real process per case
@pytest.mark.parametrize("args, code, expected", [c[1:] for c in PROCESS_CASES], ids=[c[0] for c in PROCESS_CASES])
def test_errors_as_a_real_process(process_inputs, args, code, expected):
    d, store = process_inputs
    argv = [a.replace("{d}", d.as_posix()).replace("{s}", store.as_posix()) for a in args]
    before = snapshot(store)
    done = subprocess.run([sys.executable, "-m", "kg.cli", *argv], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(expected.replace("{d}", d.as_posix())), done.stderr
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "text, english",
    [
        (GOOD, True),
        ("Israel struck Gaza.", True),
        (
            "Israeli warplanes struck targets in southern Lebanon overnight, the army said. Hezbollah fired dozens "
            "of rockets at northern Israel in response, wounding two soldiers, according to medics.",
            True,
        ),
        (
            "Russia launched a missile attack on Kyiv on Monday, killing 3 people. Ukraine shot down 12 drones "
            "over Odesa on Tuesday, officials said.",
            True,
        ),
        (GERMAN, False),
        (
            "Le Premier ministre a déclaré lundi que les négociations avec le Hezbollah se poursuivront malgré "
            "les frappes israéliennes sur la banlieue sud de Beyrouth, selon le ministère libanais de la Santé.",
            False,
        ),
        (
            "El ejército israelí lanzó el lunes nuevos ataques aéreos contra el sur del Líbano, según un portavoz. "
            "Al menos tres personas murieron y otras diez resultaron heridas, informó el Ministerio de Salud.",
            False,
        ),
        (
            "Российская армия в понедельник нанесла ракетный удар по Киеву, погибли три человека, сообщили "
            "местные власти. Президент Украины призвал союзников усилить противовоздушную оборону страны.",
            False,
        ),
        (
            "شنت الطائرات الإسرائيلية غارات جوية على الضاحية الجنوبية لبيروت يوم الاثنين، ما أسفر عن مقتل ثلاثة "
            "أشخاص على الأقل، وفقا لوزارة الصحة اللبنانية. وقال حزب الله إنه أطلق صواريخ على شمال إسرائيل.",
            False,
        ),
        ("以色列军队周一对黎巴嫩南部发动新的空袭，造成至少三人死亡。真主党表示已向以色列北部发射火箭弹。" * 2, False),
    ],
    ids=["one-sentence", "headline", "wire-copy", "two-briefs", "german", "french", "spanish", "russian", "arabic",
         "chinese"],
)  # fmt: skip
def test_language_guess(text, english):
    from kg.language import looks_english

    assert looks_english(text) is english


@pytest.mark.parametrize(
    "front, title, source, warn_lines",
    [
        ("title: Sudan: RSF drone strike hits Port Sudan\n", "Sudan: RSF drone strike hits Port Sudan", None, [2]),
        (
            "title: Gaza: talks resume\nsource: https://example.org/a\n",
            "Gaza: talks resume",
            "https://example.org/a",
            [2],
        ),
        ("title: [Update] Kyiv: strikes overnight\n", "[Update] Kyiv: strikes overnight", None, [2]),
        ("title: 'Quoted: fine'\nsource: Wire: Reuters\n", "Quoted: fine", "Wire: Reuters", [3]),
    ],
    ids=["colon-title", "colon-title-and-url", "bracket-title", "colon-source"],
)
def test_errors_front_matter_value_with_colon_reads_as_meant(
    tmp_path: Path, front: str, title: str, source, warn_lines
):
    path = tmp_path / "a.md"
    path.write_text("---\n" + front + "published: 2024-05-06\n---\n" + GOOD, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        art = load_article(path)
    assert art.title == title
    if source is not None:
        assert art.source == source
    assert art.published == dt.date(2024, 5, 6)
    notes = [str(w.message) for w in caught if issubclass(w.category, FrontMatterWarning)]
    assert notes == [
        f"[KG111] {path}: front matter line {n} is not valid YAML; read its value as plain text" for n in warn_lines
    ]


@pytest.mark.parametrize(
    "run",
    ['"' * 100_000, "(" * 50_000 + ")" * 50_000, "_" * 20_000, "!?" * 30_000, "\u201c" * 40_000],
    ids=["quotes", "nested-parens", "underscores", "mixed", "curly-quotes"],
)
def test_errors_punctuation_runs_are_shortened_with_a_warning(tmp_path: Path, run: str):
    path = tmp_path / "hostile.txt"
    path.write_text(GOOD + "\n\n" + run + "\n\nThe end of the report.\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        art = load_article(path)
    assert len(art.body) < len(GOOD) + 100
    assert GOOD.strip() in art.body and art.body.rstrip().endswith("The end of the report.")
    notes = [str(w.message) for w in caught if issubclass(w.category, HostileTextWarning)]
    assert len(notes) == 1 and "longer than 32 characters shortened to 32" in notes[0]


def test_errors_ordinary_punctuation_is_left_alone(tmp_path: Path):
    path = tmp_path / "ok.txt"
    text = GOOD + '\n\n"Stop!" he said... -- (see: https://example.org/a_b?c=d&e=f) ' + "-" * 32 + "\n"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        art = load_article(path)
    assert art.body == text
    assert not [w for w in caught if issubclass(w.category, HostileTextWarning)]


@pytest.mark.model
def test_errors_link_out_of_the_input_folder_is_skipped_with_a_warning(tmp_path):
    for d in ("outside", "corpus/sub"):
        (tmp_path / d).mkdir(parents=True)
    secret = _write(tmp_path / "outside" / "secret.txt", "root:x:0:0:root:/root:/bin/bash\n" + GOOD)
    corpus = tmp_path / "corpus"
    _write(corpus / "good.txt", GOOD)
    (corpus / "leak.txt").symlink_to(secret)
    _write(corpus / "sub" / "inner.txt", GOOD.replace("Kyiv", "Kharkiv"))
    (corpus / "alias.txt").symlink_to(corpus / "sub" / "inner.txt")  # stays inside: read
    result = run("build", corpus, "--store", tmp_path / "s", "--date", "2024-05-06")
    assert result.exit_code == 0, result.output
    warned = [ln for ln in result.stderr.splitlines() if ln.startswith("Warning: [KG113] ")]
    assert warned == [
        f"Warning: [KG113] {(corpus / 'leak.txt').as_posix()}: a link to a file outside {corpus.as_posix()}; skipped"
    ]
    titles = run("query", "SELECT ?t WHERE { ?a dcterms:title ?t }", "--store", tmp_path / "s").output
    assert "root:x" not in titles


def test_errors_fifo_is_refused_at_once(tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(run("build", fifo, "--store", tmp_path / "s")), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("kg build hung on a FIFO")
    assert_one_error_line(done[0], "KG101", f"{fifo.as_posix()}: not a regular file")


@pytest.mark.model
@pytest.mark.parametrize(
    "value", ["<http://x/a>b>", "<http://x/a b>", "<>"], ids=["gt-in-iri", "space-in-iri", "empty-iri"]
)
def test_errors_bad_bind_value_is_one_line(store, value):
    result = run("query", "SELECT ?e WHERE { ?e ?p ?o } LIMIT 1", "--store", store, "--bind", f"e={value}")
    assert_one_error_line(result, "KG600", "--bind", "e=")
