"""The board paper in Word: it opens with python-docx, its Heading 1 sections are the PDF's in
the same order, every picture has alternative text saying what it shows, its tables are Word
tables, and its key figures are the PDF's; the command line writes it beside the PDF."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from appraisal import appraise, load_case
from appraisal.formatting import money_k, score
from appraisal.report.docx import board_paper_docx_bytes
from appraisal.report.paper import cover
from appraisal.report.pdf import SECTIONS, board_paper_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "two_housing_associations.json"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


@pytest.fixture(scope="module")
def both():
    results = appraise(load_case(SAMPLE), monte_carlo=False)
    word = docx.Document(io.BytesIO(board_paper_docx_bytes(results)))
    pdf = pypdf.PdfReader(io.BytesIO(board_paper_bytes(results)))
    return results, word, flat("".join(p.extract_text() or "" for p in pdf.pages))


def _word_text(word) -> str:
    parts = [p.text for p in word.paragraphs]
    for t in word.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return flat("".join(parts))


def test_heading_1_sections_in_the_papers_order(both):
    _, word, _ = both
    heads = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert heads == [f"{i}. {h}" for i, h in enumerate(SECTIONS, start=1)]
    assert word.core_properties.title == both[0].case.title


def test_every_picture_says_what_it_shows(both):
    _, word, _ = both
    shapes = list(word.inline_shapes)
    assert len(shapes) >= 8
    for shape in shapes:
        alt = shape._inline.docPr.get("descr")
        assert alt and len(alt) > 20 and alt != "Chart.", alt
    alts = " ".join(s._inline.docPr.get("descr") for s in shapes)
    assert "NPV against the baseline, by option." in alts
    assert "Full merger" in alts             # the chart's own names are read out


def test_the_same_key_figures_as_the_pdf(both):
    results, word, pdf_text = both
    text = _word_text(word)
    summary = next(t for t in word.tables if t.rows[0].cells[0].text == "Option")
    assert [c.text for c in summary.rows[0].cells][:3] == [
        "Option", "NPV vs baseline", "Expected NPV vs baseline"]
    assert len(summary.rows) == len(results.options) + 1
    for o in results.options:
        for figure in (money_k(o.npv_vs_baseline), money_k(o.one_off_total),
                       score(o.weighted_score), cover.low_point(results, o)):
            assert flat(figure) in text and flat(figure) in pdf_text, (o.id, figure)
    resolution, _ = cover.resolution(results)
    assert flat(resolution) in text and flat(resolution) in pdf_text
    low = results.option("merger").funding_low_point           # the merger's, in 2028
    assert flat(f"{money_k(low['amount'])} in 2028") in text


def test_named_styles_a_secretary_can_restyle(both):
    _, word, _ = both
    used = {p.style.name for p in word.paragraphs}
    assert {"Heading 1", "Heading 2", "Paper Body", "Paper Note", "Paper Callout"} <= used
    assert all(t.rows[0]._tr.trPr is not None for t in word.tables)   # header rows repeat


def test_command_writes_word_beside_pdf_all_or_none(tmp_path):
    pdf, word = tmp_path / "paper.pdf", tmp_path / "paper.docx"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "appraise", str(SAMPLE),
                          "--no-monte-carlo", "--pdf", str(pdf), "--docx", str(word)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert docx.Document(str(word)).paragraphs
    # A Word file that cannot be written: neither output is written.
    pdf2 = tmp_path / "again.pdf"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "appraise", str(SAMPLE),
                          "--no-monte-carlo", "--pdf", str(pdf2), "--docx", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "it is a folder" in run.stderr
    assert not pdf2.exists()
