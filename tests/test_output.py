"""``-o`` as shell users expect: through a symlink, straight into a FIFO or device, never over a
read-only file; ``-o -`` to stdout; a full or closed stdout ends with one line, not a traceback."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ExportError
from kg.model import Article, EntityRef, Evidence, Fact, Value
from kg.present.export import export
from kg.present.output import write_output
from kg.rdf.graph import fact_triples
from kg.store.embedded import KGStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store written by hand (no model): two organizations, one affiliation."""
    path = tmp_path_factory.mktemp("out") / "store"
    art = Article(id="o1", body="Alpha Front met Beta Union.", path="o1.txt", published=dt.date(2024, 5, 6))
    ev = Evidence(art.id, 0, 27, art.body, "entity-ner", 0.8)
    facts = [Fact(EntityRef(n), "type", Value("Organization"), ev) for n in ("Alpha Front", "Beta Union")]
    facts.append(Fact(EntityRef("Alpha Front"), "backedBy", EntityRef("Beta Union"), ev))
    with KGStore(path) as st:
        st.replace_article(art.id, art.path, fact_triples(art, facts))
    return path


@pytest.fixture(scope="module")
def turtle(store: Path) -> bytes:
    with KGStore(store) as st:
        data = export(st, "turtle")
    assert data
    return data


def _export(store: Path, output: Path | str) -> None:
    with KGStore(store) as st:
        export(st, "turtle", output)


def test_output_symlink_writes_through_to_its_target(store: Path, turtle: bytes, tmp_path: Path):
    target, link = tmp_path / "target.ttl", tmp_path / "link.ttl"
    target.write_bytes(b"old")
    link.symlink_to(target.name)
    _export(store, link)
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_bytes() == turtle


def test_output_dangling_symlink_creates_its_target(store: Path, turtle: bytes, tmp_path: Path):
    link = tmp_path / "link.ttl"
    link.symlink_to("made.ttl")
    _export(store, link)
    assert link.is_symlink() and (tmp_path / "made.ttl").read_bytes() == turtle


def test_output_fifo_is_written_in_place(store: Path, turtle: bytes, tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    _export(store, fifo)
    reader.join(timeout=30)
    assert got == [turtle]
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO was replaced by a file"
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"], "a temporary file was left behind"


def test_output_device_is_written_in_place(store: Path, tmp_path: Path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of the null device
    except PermissionError:
        pytest.skip("making a device node needs root")
    _export(store, null)
    assert stat.S_ISCHR(null.lstat().st_mode), "the device was replaced by a file"


def test_output_read_only_file_is_refused_in_one_line(store: Path, tmp_path: Path):
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"keep")
    out.chmod(0o444)
    result = CliRunner().invoke(main, ["export", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "[KG700]" in result.output and "read-only" in result.output
    assert out.read_bytes() == b"keep" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_output_keeps_an_existing_files_mode(store: Path, tmp_path: Path):
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"old")
    out.chmod(0o600)
    _export(store, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_bytes() != b"old"


def test_output_folder_is_refused(tmp_path: Path):
    with pytest.raises(ExportError, match="is a folder"):
        write_output(tmp_path, lambda f: f.write(b"x"))


@pytest.mark.parametrize("command", [["export", "-o", "-"], ["export"]], ids=["dash", "default"])
def test_output_dash_writes_to_stdout(store: Path, turtle: bytes, command: list[str]):
    result = CliRunner().invoke(main, [*command, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == turtle


def test_output_viz_dash_writes_the_page_to_stdout_and_the_summary_to_stderr(store: Path):
    result = CliRunner().invoke(main, ["viz", "--store", str(store), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "wrote -:" in result.stderr


def _kg(args: list[str], stdout, shell_prefix: str = "") -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "kg.cli", *args]
    if shell_prefix:  # run through sh to change stdout as a shell would, e.g. close it
        cmd = ["sh", "-c", f'"$@" {shell_prefix}', "sh", *cmd]
    return subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120, check=False)


def _one_error_line(run: subprocess.CompletedProcess, reason: str) -> None:
    assert run.returncode == 1, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("Error: [KG700] <stdout>:") and reason in run.stderr, run.stderr


COMMANDS = [["export"], ["query", "strikes"], ["stats"], ["viz", "-o", "-"]]


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_output_full_stdout_ends_with_one_line(store: Path, command: list[str]):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        run = _kg([*command, "--store", str(store)], full)
    _one_error_line(run, "No space left on device")


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_output_closed_stdout_ends_with_one_line(store: Path, command: list[str]):
    run = _kg([*command, "--store", str(store)], None, shell_prefix=">&-")
    _one_error_line(run, "closed")


@pytest.mark.slow
def test_output_broken_pipe_ends_with_one_line(store: Path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "export", "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the first byte, as `kg export | true` does
    err = proc.stderr.read()
    proc.wait(timeout=120)
    _one_error_line(subprocess.CompletedProcess(proc.args, proc.returncode, "", err), "Broken pipe")
