"""Hostile text in the PDF: Arabic is joined and printed right to left, an emoji the font
cannot draw is printed by name (on the cover and in every running header), and the Word
version keeps both as typed (Word shapes and substitutes them itself)."""
from __future__ import annotations

import io

import docx
import pypdf

from appraisal import appraise, parse_data
from appraisal.report.docx import board_paper_docx_bytes
from appraisal.report.paper import kit
from appraisal.report.paper.script import plain_text, printable
from appraisal.report.pdf import board_paper_bytes

ARABIC = "جمعية الإسكان"            # "the housing association"
EMOJI_TITLE = "Cartrefi 🏠 gyda'n gilydd"


def test_arabic_is_joined_and_in_visual_order():
    kit.register_fonts()
    shown = printable(ARABIC)
    # Joined forms (Arabic presentation forms), the last word first, its last letter leftmost.
    assert shown == "\ufee5\ufe8e\ufedc\ufeb3\ufef9\ufe8d \ufe94\ufef4\ufecc\ufee4\ufe9f"
    assert all(c == " " or 0xFE70 <= ord(c) <= 0xFEFF for c in shown)
    with plain_text():
        assert printable(ARABIC) == ARABIC


def test_an_emoji_prints_by_name_and_latin_is_untouched():
    kit.register_fonts()
    assert printable(EMOJI_TITLE) == "Cartrefi [house building] gyda'n gilydd"
    assert printable("Cymdeithas Tai Gŵyr — Ŵ ŷ £1,200k") == "Cymdeithas Tai Gŵyr — Ŵ ŷ £1,200k"
    assert printable("🤝\ufe0f") == "[handshake]"             # the variation selector goes


def test_hostile_cover_and_headers(case_dict):
    data = case_dict(title=EMOJI_TITLE, settings={"monte_carlo": {"draws": 200}})
    data["organisations"][1]["name"] = ARABIC
    results = appraise(parse_data(data))
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(board_paper_bytes(results))).pages]
    assert "Cartrefi[housebuilding]gyda'ngilydd" in "".join(pages[0].split())   # the cover
    assert all("[house building]" in p for p in pages[1:])                # every header
    assert not any("🏠" in p for p in pages)
    # The partners' names: joined letters (presentation forms) drawn, no unjoined letters.
    assert all(c in pages[0] for c in set(printable(ARABIC)) - {" "})
    assert "ج" not in pages[0] and "م" not in pages[0]
    word = docx.Document(io.BytesIO(board_paper_docx_bytes(results)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert EMOJI_TITLE in text and ARABIC in text and "[house building]" not in text
