#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtualenv outside the repository, and run
# every command from a temporary folder, as a user who ran `pip install newskg` would:
# build (a copy of seeds/), query by name, export, viz, stats, validate, serve (start,
# one request, stop). Any failure stops the script with a message and a non-zero exit.
#
#   bash scripts/test_wheel.sh            (make test runs it; PYTHON picks the interpreter)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
# in memory where there is room: a virtualenv is ~600 MB of small files, slow to write and remove on disk
BASE="${TMPDIR:-/tmp}"
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 2000000 ]; then BASE=/dev/shm; fi
WORK="$(mktemp -d "$BASE/newskg-wheel.XXXXXX")"
SERVER=""
START=$SECONDS

step() { echo "test_wheel: [$((SECONDS - START)) s] $*"; }
fail() { echo "test_wheel: FAILED: $*" >&2; exit 1; }
cleanup() {
    if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'fail "line $LINENO: $BASH_COMMAND (exit $?)"' ERR

step "building the wheel"
# from a copy of what the wheel is made of, so that the build leaves nothing in the repository
mkdir "$WORK/src"
(cd "$REPO" && tar --exclude=__pycache__ -cf - pyproject.toml README.md kg ontology queries) | tar -xf - -C "$WORK/src"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src" 2> >(grep -v "is ignored" >&2)
WHEEL="$(ls "$WORK"/dist/newskg-*.whl)"
"$PYTHON" - "$WHEEL" <<'PY' || fail "files missing from $(basename "$WHEEL")"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
wanted = ["kg/ontology/kg.ttl", "kg/ontology/shapes.ttl", "kg/queries/strikes.rq", "kg/present/templates/graph.html",
          "kg/data/rules/relations.json"]
missing = [n for n in wanted if n not in names]
sys.exit(f"not in the wheel: {', '.join(missing)}" if missing else 0)
PY

step "installing $(basename "$WHEEL") into a fresh virtualenv"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --no-compile --disable-pip-version-check "$WHEEL[scale]" 2> >(grep -v "is ignored" >&2)
KG="$WORK/venv/bin/kg"

mkdir "$WORK/run" && cd "$WORK/run"
cp -r "$REPO/seeds" articles
where="$("$WORK/venv/bin/python" -c 'import kg; print(kg.__file__)')"
case "$where" in "$WORK/venv/"*) ;; *) fail "kg is imported from $where, not from the wheel" ;; esac

step "kg build"
"$KG" build articles --store st --quiet
step "kg query strikes (by name)"
"$KG" query strikes --store st --format csv > strikes.csv
[ "$(wc -l < strikes.csv)" -ge 2 ] || fail "kg query strikes found no strike: $(cat strikes.csv)"
step "kg export"
"$KG" export --store st -o graph.ttl
"$KG" export --store st --format trig --with-ontology -o graph.trig
[ -s graph.ttl ] && [ -s graph.trig ] || fail "kg export wrote an empty file"
step "kg viz"
"$KG" viz --store st -o graph.html
grep -q "<html" graph.html || fail "kg viz wrote no page"
step "kg stats"
"$KG" stats --store st --format json > stats.json
step "kg validate"
"$KG" validate --store st

step "kg serve (start, one request, stop)"
PORT="$("$WORK/venv/bin/python" -c 'from kg.store.serve import free_port; print(free_port())')"
"$KG" serve --store st --port "$PORT" > serve.log 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q "SPARQL endpoint" serve.log && break; kill -0 "$SERVER" || fail "kg serve: $(cat serve.log)"; sleep 0.1; done
"$KG" query 'ASK { ?s a kg:Strike }' --endpoint "http://127.0.0.1:$PORT/query" > ask.txt
[ "$(cat ask.txt)" = "yes" ] || fail "kg query --endpoint answered $(cat ask.txt)"
kill "$SERVER" && wait "$SERVER" || fail "kg serve did not stop cleanly: $(cat serve.log)"
SERVER=""

step "every command ran from the wheel in $((SECONDS - START)) s"
