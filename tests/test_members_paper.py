"""Board members' views in the board paper (model-v2.md V9): the robustness sentence counts the
members' views the leader holds under, and the members' section names members only where the
case allows it. small-case-v2.json: the leader (standalone) leads for chair-elm, not chair-oak
(merger 62 against standalone 60): 1 of 2."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pypdf
import io

from appraisal.casefile import parse_data
from appraisal.engine import appraise
from appraisal.report.paper.summary import robustness_sentence
from appraisal.report.pdf import board_paper_bytes

DATA = Path(__file__).resolve().parent / "data"


def _data() -> dict:
    return json.loads((DATA / "small-case-v2.json").read_text(encoding="utf-8"))


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split())
                    for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_robustness_sentence_counts_members_views():
    r = appraise(parse_data(_data()), monte_carlo=False)
    assert "it leads (or ties) in 1 of 2 board members' own views" in robustness_sentence(r)
    plain = _data()
    del plain["members"]
    assert "members" not in robustness_sentence(appraise(parse_data(plain), monte_carlo=False))


def test_members_section_unnamed_then_named():
    data = _data()
    text = _text(board_paper_bytes(appraise(parse_data(data), monte_carlo=False)))
    assert "Board members' own views" in text
    assert "member A" in text and "member B" in text
    assert "Chair, Oak Housing" not in text
    assert "Members are not named in this paper" in text
    named = copy.deepcopy(data)
    named["members_named"] = True
    text = _text(board_paper_bytes(appraise(parse_data(named), monte_carlo=False)))
    assert "Chair, Oak Housing" in text and "member A" not in text
