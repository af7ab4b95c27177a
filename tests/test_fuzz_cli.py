"""Fuzz the command line: every mutated case ends in exit 0 with finite figures or exit 2 with
short messages naming fields; never exit 1, never a leftover file, never over budget (issue 15).

A seeded mutator (so a failure names the seed that reproduces it) applies the edits of
:mod:`test_fuzz` plus attacks aimed at the limits of docs/limits.md: broken and control
characters, texts past their length, numbers next to 0 or past their range, simulation runs past
the work budget, many copies of an option, deep nesting, enormous integers. Each case is written
to a file and run through ``appraise CASE --json OUT`` in this process.

CI runs :data:`CASES` of them; set ``CONTINUUM_FUZZ_CASES`` for a longer run (every 100th case
then also writes the board paper and the Excel model).
"""
from __future__ import annotations

import copy
import json
import os
import random
import resource
import time

import pytest
from test_fuzz import _slots, mutate

from appraisal import cli, limits
from appraisal.resources import sample_cases

CASES = int(os.environ.get("CONTINUUM_FUZZ_CASES", "300"))
LONG_RUN = "CONTINUUM_FUZZ_CASES" in os.environ
CHUNKS = 6
SECONDS_PER_CASE = 60           # a few seconds on an idle machine; 5-40 s on this shared one
SECONDS_WITH_PAPER = 300        # the board paper alone takes 5-30 s, by the machine's load
MEMORY_KB = 1_500_000           # 1.5 GB, the whole process's high-water mark


def _strings(data):
    return [(c, k) for c, k in _slots(data, []) if isinstance(c[k], str)]


def _numbers(data):
    return [(c, k) for c, k in _slots(data, [])
            if isinstance(c[k], (int, float)) and not isinstance(c[k], bool)]


def attack(data: dict, rng: random.Random) -> dict:
    """One edit aimed at a limit (on top of :func:`mutate`'s)."""
    op = rng.randrange(10)
    strings, numbers = _strings(data), _numbers(data)
    if op == 0 and strings:
        c, k = rng.choice(strings)
        bad = rng.choice(["\ud800", "\udfff", "\x00", "\x07", "\x1b", "\r", "\x85", "\ufffe"])
        at = rng.randint(0, len(c[k]))
        c[k] = c[k][:at] + bad + c[k][at:]
    elif op == 1 and strings:
        c, k = rng.choice(strings)
        c[k] = rng.choice("ab é") * rng.choice([limits.SHORT_TEXT, limits.SHORT_TEXT + 1,
                                               limits.LONG_TEXT, limits.LONG_TEXT + 1, 1_000_000])
    elif op == 2 and numbers:
        c, k = rng.choice(numbers)
        c[k] = rng.choice([5e-324, -5e-324, 1e-310, 1e-12, limits.SMALLEST, 10 ** 400])
    elif op == 3:
        options = data.get("options")
        lines = [line for o in (options if isinstance(options, list) else [])
                 if isinstance(o, dict)
                 for kind in ("savings", "one_off_costs", "loan_repricing", "recurring_costs")
                 if isinstance(o.get(kind), list)
                 for line in o[kind] if isinstance(line, dict)]
        if lines:
            line = rng.choice(lines)
            line[rng.choice(["low", "high"])] = rng.choice([-1e12, 1e12, -20000, 20000, -1, 0])
    elif op == 4 and isinstance(data.get("settings"), dict):
        mc = data["settings"].setdefault("monte_carlo", {})
        if isinstance(mc, dict):
            mc["draws"] = rng.choice([200_000, 1_000_000])
    elif op == 5 and isinstance(data.get("options"), list) and data["options"]:
        extra = rng.choice(data["options"])
        data["options"] += [extra] * rng.choice([5, 60])
    elif op == 6 and isinstance(data.get("settings"), dict):
        data["settings"]["horizon_years"] = rng.choice([60, 100])
    elif op == 7:                   # spliced in as text when the case is written
        data["deep"] = f"{DEEP}{rng.choice([70, 5000, 100_000])}"
    elif op == 8 and strings:
        c, k = rng.choice(strings)
        if isinstance(c, dict):
            c["x" * rng.choice([10, 100_000])] = c.pop(k)
    return data


DEEP = "nested-this-deep:"


def _as_bytes(data: dict) -> bytes:
    """The case as a file's bytes, lone surrogates and all, deep nesting spliced in."""
    text = json.dumps(data, allow_nan=True)
    if DEEP in text:
        start = text.index(DEEP)
        end = text.index('"', start)
        depth = int(text[start + len(DEEP):end])
        text = text[:start - 1] + "[" * depth + "]" * depth + text[end + 1:]
    return text.encode("utf-8", "surrogatepass")


def _reject_constant(name):
    raise ValueError(f"non-finite number {name} in the results")


def _check_one(seed: int, base: dict, folder, capsys) -> int:
    rng = random.Random(seed)
    style = seed % 3                # mutations only, one attack only, or both
    data = mutate(base, rng) if style != 1 else copy.deepcopy(base)
    for _ in range(0 if style == 0 else rng.choice([1, 1, 2])):
        data = attack(data, rng)
    case = folder / f"case-{seed}.json"
    case.write_bytes(_as_bytes(data))
    out = folder / f"out-{seed}.json"
    args = ["appraise", str(case), "--json", str(out)]
    if LONG_RUN and seed % 100 == 0:
        args += ["--pdf", str(folder / f"p-{seed}.pdf"), "--xlsx", str(folder / f"m-{seed}.xlsx")]
    start = time.perf_counter()
    status = cli.main(args)
    took = time.perf_counter() - start
    err = capsys.readouterr().err
    assert status in (0, 2), f"seed {seed}: exit {status}: {err[:500]}"
    limit = SECONDS_WITH_PAPER if len(args) > 4 else SECONDS_PER_CASE
    assert took < limit, f"seed {seed}: took {took:.1f} s"
    left = sorted(p.name for p in folder.iterdir())
    if status == 0:
        figures = json.loads(out.read_text(encoding="utf-8"), parse_constant=_reject_constant)
        assert figures["format"] == "options-appraisal-results", seed
        expected = sorted([case.name, out.name] + [p.split("/")[-1] for p in args[5::2]])
        assert left == expected, f"seed {seed}: files {left}"
    else:
        lines = err.splitlines()
        assert lines[0] == f"continuum: {case} is not a valid case:", f"seed {seed}: {err[:300]}"
        assert len(lines) >= 2 and all(len(line) <= 400 for line in lines), f"seed {seed}"
        assert all(line.startswith("  ") for line in lines[1:]), f"seed {seed}: {err[:300]}"
        assert left == [case.name], f"seed {seed}: files {left}"
    for p in folder.iterdir():
        p.unlink()
    return status


@pytest.fixture(scope="module")
def bases(small_case_data, case_dict):
    found = [case_dict(), small_case_data]
    found += [json.loads(p.read_text(encoding="utf-8")) for p in sample_cases()]
    return found


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_the_command_line_never_fails_on_a_mutated_case(bases, tmp_path, capsys, chunk):
    per_chunk = -(-CASES // CHUNKS)
    outcomes = []
    for seed in range(chunk * per_chunk, min(CASES, (chunk + 1) * per_chunk)):
        outcomes.append(_check_one(seed, random.Random(seed).choice(bases), tmp_path, capsys))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < MEMORY_KB
    # both sides are exercised, or the run proves little
    assert outcomes.count(0) > 0 and outcomes.count(2) > 0, outcomes
