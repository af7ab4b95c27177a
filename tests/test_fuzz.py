"""Fuzz: valid cases mutated at random give a Results or a clean CaseError, never anything else.

A seeded mutator (so a failure names the seed that reproduces it) deletes keys, swaps types,
plants huge, negative and non-finite numbers and odd strings, duplicates list items and adds
unknown fields, one to four edits per case. Each mutated case goes through the bytes reader
(as a file would) and, when accepted, through appraise(); the results must be finite JSON.
"""
from __future__ import annotations

import copy
import json
import random

import pytest

from appraisal.casefile import CaseError, parse_bytes, parse_data
from appraisal.engine import appraise
from appraisal.paths import FieldPath
from appraisal.resources import sample_cases

EXAMPLES = 500
CHUNKS = 10

ODD_VALUES = [
    None, True, False, 0, -1, 1, 2, 10, 11, 100, 10 ** 30, -(10 ** 30), 2 ** 63, 0.5, -0.5, 1.5,
    1e12, 1e13, -1e12, 1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf"),
    "", "0", "1e3", "NaN", "x" * 5000, "\x00", "é£€😀", "options[0]", [], {}, [1, 2], {"a": 1},
]


def _slots(node, out):
    """Every (container, key) in a JSON value, so any field or item can be edited."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                out.append((item, k))
                stack.append(v)
        elif isinstance(item, list):
            for i, v in enumerate(item):
                out.append((item, i))
                stack.append(v)
    return out


def mutate(data: dict, rng: random.Random) -> dict:
    data = copy.deepcopy(data)
    for _ in range(rng.choice([1, 1, 2, 3, 4])):
        slots = _slots(data, [])
        if not slots:
            break
        container, key = rng.choice(slots)
        value = container[key]
        op = rng.randrange(9)
        if op == 0:                                     # delete a key or an item
            del container[key]
        elif op == 1:                                   # swap in an odd value of any type
            container[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif op == 2 and isinstance(value, (int, float)) and not isinstance(value, bool):
            container[key] = rng.choice([value * 1e9, -value, value + 0.5, -1e15, 1e15,
                                         float("nan"), value * 10 ** rng.randint(1, 300)])
        elif op == 3 and isinstance(value, list) and value:    # duplicate an item
            value.append(copy.deepcopy(rng.choice(value)))
        elif op == 4 and isinstance(value, dict):              # an unknown field
            value[rng.choice(["extra", "low", "high", "organisation", "baseline", "year"])] = (
                copy.deepcopy(rng.choice(ODD_VALUES)))
        elif op == 5 and isinstance(value, str):               # a random string
            container[key] = "".join(rng.choice("ab_-[].é0 ") for _ in range(rng.randint(0, 12)))
        elif op == 6 and isinstance(value, (int, float)) and not isinstance(value, bool):
            container[key] = type(value)(rng.randint(-3, 120))
        elif op == 7 and isinstance(value, (int, float)) and not isinstance(value, bool):
            scaled = value * rng.uniform(0, 3)             # a plausible other value
            container[key] = round(scaled) if isinstance(value, int) else scaled
        else:                                                 # reuse another id or value
            other_container, other_key = rng.choice(slots)
            container[key] = copy.deepcopy(other_container[other_key])
    return data


def _seeds_cases(small_case_data, case_dict):
    cases = [case_dict(), small_case_data]
    for path in sample_cases()[:3]:
        cases.append(json.loads(path.read_text(encoding="utf-8")))
    return cases


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_cases_give_results_or_a_clean_case_error(small_case_data, case_dict, chunk):
    bases = _seeds_cases(small_case_data, case_dict)
    per_chunk = EXAMPLES // CHUNKS
    accepted = refused = 0
    for seed in range(chunk * per_chunk, (chunk + 1) * per_chunk):
        rng = random.Random(seed)
        data = mutate(rng.choice(bases), rng)
        raw = json.dumps(data, allow_nan=True).encode("utf-8")
        try:
            case = parse_bytes(raw)
        except CaseError as exc:
            assert exc.problems and all(isinstance(p, FieldPath) and m
                                        for p, m in exc.problems), seed
            refused += 1
            continue
        except Exception as exc:            # noqa: BLE001 - the point of the test
            pytest.fail(f"seed {seed}: parse raised {type(exc).__name__}: {exc}")
        try:
            results = appraise(case, monte_carlo=case.settings.monte_carlo.draws <= 20000)
            json.dumps(results.to_json(), allow_nan=False)
        except Exception as exc:            # noqa: BLE001
            pytest.fail(f"seed {seed}: appraise raised {type(exc).__name__}: {exc}")
        assert [o.id for o in results.options] == [o.id for o in case.options], seed
        accepted += 1
    # the mutator must exercise both sides, or it proves little
    assert accepted > 0 and refused > 0


def test_parse_data_on_odd_top_level_values():
    for value in ODD_VALUES:
        with pytest.raises(CaseError):
            parse_data(copy.deepcopy(value))
