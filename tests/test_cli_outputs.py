"""Where the command line's outputs go: never over the case, never half a set (issue 15).

Each test names the fault of issue 15 it guards; each failed on the code before the fix.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from appraisal import cli
from appraisal.atomic import write_all_atomic

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small-case.json"


@pytest.fixture
def case(tmp_path) -> Path:
    target = tmp_path / "c.json"
    shutil.copyfile(SMALL, target)
    return target


def run_cli(capsys, *args) -> tuple[int, str]:
    status = cli.main(["appraise", *map(str, args)])
    return status, capsys.readouterr().err


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("flag", ["--json", "--pdf", "--xlsx"])
def test_an_output_over_the_case_file_is_refused(capsys, case, flag):
    """Fault 1: ``--json c.json`` exited 0 and replaced the case with results."""
    before = files(case.parent)
    status, err = run_cli(capsys, case, flag, case)
    assert status == 2
    assert f"{flag} {case} is the case file itself" in err
    assert files(case.parent) == before


def test_the_case_reached_by_a_link_or_another_spelling_is_refused(capsys, case):
    link = case.parent / "link.json"
    link.symlink_to(case.name)
    hard = case.parent / "hard.json"
    os.link(case, hard)
    spelt = case.parent / ".." / case.parent.name / "c.json"
    for target in (link, hard, spelt):
        status, err = run_cli(capsys, case, "--json", target)
        assert status == 2 and "is the case file itself" in err
    assert json.loads(case.read_text(encoding="utf-8"))["format"] == "options-appraisal-case"


def test_two_outputs_with_one_name_are_refused(capsys, case):
    """Fault 1: ``--json X --xlsx X`` silently kept one of them."""
    out = case.parent / "X"
    status, err = run_cli(capsys, case, "--json", out, "--xlsx", out)
    assert status == 2
    assert f"--json and --xlsx both name {out}" in err
    assert not out.exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_device_changes_no_file(capsys, case):
    """Fault 6: ``--json good.json --xlsx /dev/full`` said no file was written but replaced
    good.json."""
    good = case.parent / "good.json"
    good.write_text("the board's own notes", encoding="utf-8")
    status, err = run_cli(capsys, case, "--json", good, "--xlsx", "/dev/full")
    assert status == 1
    assert "cannot write /dev/full: the disk or device is full; no file was written" in err
    assert good.read_text(encoding="utf-8") == "the board's own notes"
    assert sorted(p.name for p in case.parent.iterdir()) == ["c.json", "good.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_that_nothing_reads_is_refused_at_once(capsys, case):
    """Fault 4: a FIFO output with no reader blocked for ever."""
    fifo = case.parent / "out.fifo"
    os.mkfifo(fifo)
    outcome = []
    worker = threading.Thread(daemon=True, target=lambda: outcome.append(
        run_cli(capsys, case, "--json", case.parent / "r.json", "--pdf", fifo)))
    worker.start()
    worker.join(60)
    assert outcome and outcome[0][0] == 1
    assert "nothing is reading from the pipe; no file was written" in outcome[0][1]
    assert not (case.parent / "r.json").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_with_a_reader_gets_the_results(capsys, case):
    fifo = case.parent / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)    # the reader is there before we run
    got, done = bytearray(), threading.Event()

    def read() -> None:
        while True:
            try:
                chunk = os.read(reader, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                got.extend(chunk)
            elif done.is_set():
                return
            else:
                time.sleep(0.01)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    try:
        status, _ = run_cli(capsys, case, "--json", fifo, "--no-monte-carlo")
    finally:
        done.set()
        worker.join(10)
        os.close(reader)
    assert status == 0
    assert json.loads(bytes(got))["case_title"].startswith("Worked example")


@pytest.mark.parametrize("args, message", [
    (["--json", ""], "--json: the file name is empty; give a file name for the results"),
    (["--pdf", ""], "--pdf: the file name is empty"),
    (["--xlsx", "-"], "--xlsx: the Excel model cannot be written to standard output ('-')"),
    (["--pdf", "-"], "--pdf: the board paper cannot be written to standard output ('-')"),
])
def test_empty_names_and_dash_outside_json_are_refused(capsys, case, args, message, monkeypatch):
    """Fault 13: ``--json ""`` exited 0 writing nothing; ``--xlsx -`` wrote a file named ``-``."""
    monkeypatch.chdir(case.parent)
    status, err = run_cli(capsys, case, *args)
    assert status == 2 and message in err
    assert sorted(p.name for p in case.parent.iterdir()) == ["c.json"]


def test_an_output_link_loop_is_refused_in_plain_words(capsys, case):
    """Fault 13: an output symlink loop was an "unexpected failure"."""
    one, two = case.parent / "one.json", case.parent / "two.json"
    one.symlink_to(two.name)
    two.symlink_to(one.name)
    status, err = run_cli(capsys, case, "--json", one)
    assert status == 2
    assert err == (f"continuum: cannot write {one}: it is a link that leads round in a circle "
                   "(a symbolic link loop)\n")


def test_a_link_to_an_output_is_written_through(capsys, case):
    real = case.parent / "results.json"
    link = case.parent / "latest.json"
    link.symlink_to(real.name)
    status, _ = run_cli(capsys, case, "--json", link, "--no-monte-carlo")
    assert status == 0 and link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["format"] == "options-appraisal-results"


def test_a_read_only_output_is_left_alone_even_for_the_administrator(capsys, case):
    old = case.parent / "old.json"
    old.write_text("kept", encoding="utf-8")
    old.chmod(0o444)
    status, err = run_cli(capsys, case, "--json", old)
    assert status == 1 and f"cannot write {old}: the file is read-only" in err
    assert old.read_text(encoding="utf-8") == "kept" and (old.stat().st_mode & 0o777) == 0o444


def test_closed_standard_output_exits_quietly(case, tmp_path):
    """Fault 13: a closed standard output (``>&-``) was an "unexpected failure"."""
    done = subprocess.run(
        [sys.executable, "main.py", "appraise", str(case), "--json", "-",
         "--pdf", str(tmp_path / "p.pdf")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120,
        preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]


def test_a_failing_standard_output_changes_no_file(tmp_path):
    """Standard output is written before any file is put in place: if it fails, none is."""
    def reader_gone():
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):
        write_all_atomic([(tmp_path / "a.json", b"{}")], reader_gone)
    assert list(tmp_path.iterdir()) == []


def test_long_lists_of_problems_are_cut(capsys, case_dict, tmp_path):
    data = case_dict()
    data["options"][0]["scores"] = {f"c{i}": 5 for i in range(5000)}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    status, err = run_cli(capsys, broken, "--json", "-")
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 2 + cli.MAX_PROBLEMS and lines[-1].startswith("  … and ")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_standard_output_says_so_and_changes_no_file(case, tmp_path):
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "main.py", "appraise", str(case), "--json", "-", "--xlsx",
             str(tmp_path / "m.xlsx")], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == ("continuum: cannot write the results to standard output: the disk "
                           "or device is full; no file was written\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]
