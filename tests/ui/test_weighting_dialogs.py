"""The swing and pairwise weighting dialogs on the one table model, driven as a person would.

Ratings and judgements are typed into the real table cells (or picked from the real lists) and
the figures shown are checked against hand-worked values on the small case: autonomy 40, tenant
voice 35, scale and capacity 25 points; scores autonomy 10/8/3, voice 7/6/5, scale 3/5/9 for
Remain standalone, Shared back office and Merger.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QComboBox  # noqa: E402

from ui.dialogs.weighting import AhpDialog, SwingDialog  # noqa: E402
from ui.dialogs.weighting_drafts import score_span  # noqa: E402
from ui.dialogs.weighting_tables import PairwiseModel, SwingModel  # noqa: E402
from ui.document import CaseDocument  # noqa: E402

SMALL = Path(__file__).resolve().parents[1] / "data" / "small-case.json"


@pytest.fixture
def data():
    return json.loads(SMALL.read_text(encoding="utf-8"))


@pytest.fixture
def document(qtbot, data):
    doc = CaseDocument(data, debounce_ms=0)
    doc.recalculate_now()
    yield doc
    doc.wait_for_monte_carlo(30000)


def _swing(qtbot, document) -> SwingDialog:
    dialog = SwingDialog(document)
    qtbot.addWidget(dialog)
    return dialog


def _cell(model, row, col, role=Qt.DisplayRole):
    return model.index(row, col).data(role)


# --- swing ----------------------------------------------------------------------------------
def test_swing_ratings_are_typed_in_the_grammar_and_shown_as_given(qtbot, document):
    dialog = _swing(qtbot, document)
    m = dialog.model
    # Started from the weights 40/35/25: ratings 100, 88, 62 (rounded), in that order.
    assert dialog.order == ["autonomy", "user_voice", "scale_capacity"]
    assert [_cell(m, r, SwingModel.COL_RATING) for r in range(3)] == ["100", "88", "62"]
    assert dialog.type_rating("user_voice", "60")
    assert dialog.type_rating("scale_capacity", "62.5")
    assert [_cell(m, r, SwingModel.COL_RATING) for r in range(3)] == ["100", "60", "62.5"]
    # The weights beside them: 100/222.5 = 44.9%, 60/222.5 = 27.0%, 62.5/222.5 = 28.1%.
    assert [_cell(m, r, SwingModel.COL_WEIGHT) for r in range(3)] == ["44.9%", "27.0%", "28.1%"]
    # The editor starts from the rating as given, plain.
    assert _cell(m, 2, SwingModel.COL_RATING, Qt.EditRole) == "62.5"
    assert _cell(m, 1, SwingModel.COL_RATING, Qt.AccessibleTextRole) == (
        "Swing rating of Tenant voice")


def test_swing_refuses_a_bad_rating_and_says_why_under_the_table(qtbot, document):
    dialog = _swing(qtbot, document)
    dialog.show()
    m = dialog.model
    assert not dialog.type_rating("user_voice", "150")
    assert dialog.ratings["user_voice"] == 88              # nothing changed
    assert not dialog.error.isHidden()
    assert dialog.error.text() == ("Tenant voice, a swing rating is from 0 to 100, not 150 (the "
                                   "first criterion's swing counts 100)")
    assert "Tenant voice" in _cell(m, 1, SwingModel.COL_RATING, Qt.ToolTipRole)
    assert not dialog.type_rating("user_voice", "sixty")
    assert dialog.error.text() == ("Tenant voice, Swing rating: 'sixty' is not a number: write "
                                   "digits, e.g. 50,000, £50k or 1.2m")
    assert not dialog.type_rating("user_voice", "-5")
    assert "cannot be below zero" in dialog.error.text()
    assert dialog.type_rating("user_voice", "55")             # a good entry clears the message
    assert dialog.error.isHidden() and _cell(m, 1, SwingModel.COL_RATING) == "55"
    # The first swing counts 100 and is not edited; nor are the words beside it.
    assert not (m.flags(m.index(0, SwingModel.COL_RATING)) & Qt.ItemIsEditable)
    assert m.flags(m.index(1, SwingModel.COL_RATING)) & Qt.ItemIsEditable
    assert not (m.flags(m.index(1, SwingModel.COL_SPAN)) & Qt.ItemIsEditable)


def test_swing_typed_through_the_cell_editor(qtbot, document):
    """Typing into the table itself: the view's editor, committed with Enter."""
    dialog = _swing(qtbot, document)
    dialog.show()
    qtbot.waitExposed(dialog)
    index = dialog.model.index(2, SwingModel.COL_RATING)
    dialog.table.setCurrentIndex(index)
    dialog.table.setFocus()
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "45")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() == QAbstractItemView.NoState, timeout=3000)
    assert dialog.ratings["scale_capacity"] == 45
    assert _cell(dialog.model, 2, SwingModel.COL_RATING) == "45"


def test_swing_ratings_become_the_points_so_the_criteria_table_shows_them(qtbot, document):
    from ui.steps.criteria import CriteriaModel, CriteriaStep

    dialog = _swing(qtbot, document)
    assert dialog.type_rating("user_voice", "60")
    assert dialog.type_rating("scale_capacity", "50")
    depth = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == depth + 1
    document.recalculate_now()
    step = CriteriaStep(document)
    qtbot.addWidget(step)
    points = [_cell(step.model, r, CriteriaModel.COL_WEIGHT) for r in range(3)]
    assert points == ["100", "60", "50"]                       # never "28.57142857"
    shares = [_cell(step.model, r, CriteriaModel.COL_SHARE) for r in range(3)]
    assert shares == ["47.6%", "28.6%", "23.8%"]               # 100/210, 60/210, 50/210
    assert "swing weighting" in step.method_label.text()


def test_swing_order_moves_and_the_first_counts_100(qtbot, document):
    dialog = _swing(qtbot, document)
    dialog.table.selectRow(1)
    dialog.move(-1)
    assert dialog.order[:2] == ["user_voice", "autonomy"]
    assert _cell(dialog.model, 0, SwingModel.COL_NAME) == "Tenant voice"
    assert _cell(dialog.model, 0, SwingModel.COL_RATING) == "100"
    assert _cell(dialog.model, 1, SwingModel.COL_RATING) == "100"   # autonomy's, as it was
    assert dialog.contradictions() == []
    assert dialog.type_rating("scale_capacity", "70")
    dialog.table.selectRow(2)
    dialog.move(-1)                        # scale (70) above autonomy (100): a contradiction
    assert dialog.order == ["user_voice", "scale_capacity", "autonomy"]
    assert dialog.contradictions() == [("autonomy", "scale_capacity")]
    assert "Autonomy is rated above Scale and capacity" in dialog.note.text()


def test_score_span_words():
    assert score_span([("Standalone", 10.0), ("Group", 8.0), ("Merger", 3.0)]) == (
        "from Merger (3) to Standalone (10)")
    assert score_span([("A", 2.0), ("B", 9.0), ("C", 2.0)]) == "from A and C (2) to B (9)"
    assert score_span([("A", None), ("B", None)]) == "not scored yet"
    assert score_span([("A", 4.0), ("B", None), ("C", 9.0)]) == (
        "from A (4) to C (9); B not scored yet")
    assert score_span([("A", 6.25), ("B", 7.5)], derived=True) == "from A (6.2) to B (7.5)"


def test_swing_span_of_a_derived_criterion_comes_from_results(qtbot, document):
    document.edit("add value for money", lambda d: d["criteria"].append(
        {"id": "vfm", "name": "Value for money", "weight": 20.0, "source": "npv_vs_baseline"}))
    document.recalculate_now()
    dialog = _swing(qtbot, document)
    row = dialog.order.index("vfm")
    scores = {o.name: o.scores["vfm"] for o in document.results.options}
    worst = min(scores, key=scores.get)
    best = max(scores, key=scores.get)
    assert _cell(dialog.model, row, SwingModel.COL_SPAN) == (
        f"from {worst} ({scores[worst]:.1f}) to {best} ({scores[best]:.1f})")


# --- pairwise -------------------------------------------------------------------------------
def _ahp(qtbot, document) -> AhpDialog:
    dialog = AhpDialog(document)
    qtbot.addWidget(dialog)
    return dialog


def test_pairwise_grid_is_labelled_by_criterion_names(qtbot, document):
    dialog = _ahp(qtbot, document)
    m = dialog.model
    names = ["Autonomy", "Tenant voice", "Scale and capacity"]
    assert [m.headerData(k, Qt.Horizontal) for k in range(3)] == names
    assert [m.headerData(k, Qt.Vertical) for k in range(3)] == names
    assert [m.headerData(k, Qt.Horizontal, Qt.ToolTipRole) for k in range(3)] == names
    assert "1" not in [m.headerData(k, Qt.Horizontal) for k in range(3)]


def test_a_long_criterion_name_is_broken_over_lines_above_and_elided_beside(qtbot, document):
    """Above the grid a long name is broken over lines (never cut, as every heading in the app);
    beside it, where rows are one line high, it is elided in the middle; the tooltip has it all."""
    long = ("Tenant and service-user voice in every decision the group board takes, from the "
            "first consultation on the business case to the last vote on the transfer")
    document.set_value(("criteria", 1, "name"), long, "rename")
    dialog = _ahp(qtbot, document)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.grid.horizontalHeader()
    above = dialog.model.headerData(1, Qt.Horizontal)
    assert above.replace("\n", " ") == long and above.count("\n") >= 4
    assert max(header.fontMetrics().horizontalAdvance(line) for line in above.split("\n")) \
        <= header.sectionSize(1)
    side = dialog.grid.verticalHeader()
    assert side.textElideMode() == Qt.ElideMiddle
    shown = side.fontMetrics().elidedText(long, Qt.ElideMiddle, side.width() - 8)
    assert shown.startswith("Te") and shown.endswith("er") and "…" in shown
    assert dialog.model.headerData(1, Qt.Horizontal, Qt.ToolTipRole) == long
    assert dialog.model.headerData(1, Qt.Vertical, Qt.ToolTipRole) == long


def test_pairwise_judgements_typed_or_picked_with_their_mirrors(qtbot, document):
    dialog = _ahp(qtbot, document)
    m = dialog.model
    assert dialog.type_judgement(0, 1, "1/3")
    assert dialog.judgement_text(0, 1) == "1/3" and dialog.judgement_text(1, 0) == "3"
    assert dialog.judgement_text(1, 1) == "1"
    assert m.index(1, 0).data(Qt.ToolTipRole) == (
        "Tenant voice is moderately more important than Autonomy (3)")
    assert not dialog.type_judgement(0, 2, "10")
    assert "Saaty's scale runs 9" in dialog.error.text() and "Autonomy" in dialog.error.text()
    assert not (m.flags(m.index(1, 0)) & Qt.ItemIsEditable)   # below the diagonal follows
    # The list in the cell: named by its pair, a pick changes the weights at once.
    combo = dialog.grid.indexWidget(m.index(1, 2))
    assert isinstance(combo, QComboBox)
    assert combo.accessibleName() == "Tenant voice against Scale and capacity"
    combo.setCurrentIndex(combo.findData(5))
    combo.activated.emit(combo.currentIndex())
    assert dialog.judgement_text(1, 2) == "5" and dialog.judgement_text(2, 1) == "1/5"
    assert isinstance(m, PairwiseModel)
    # [[1,1/3,2],[3,1,5],[1/2,1/5,1]] (autonomy against scale started at 40/25 → 2): nearly
    # consistent, so the eigenvector is the rows' geometric means, 0.874 : 2.466 : 0.464.
    weights, _ci, _cr = dialog.computed()
    assert weights == pytest.approx([0.2297, 0.6483, 0.1220], abs=5e-4)
    assert [dialog.weights_model.index(k, 1).data() for k in range(3)] == [
        "23.0%", "64.8%", "12.2%"]


def test_an_option_without_a_score_is_shown_as_missing_never_as_0():
    """A new case may have no scores yet: option_scores reads a missing score as missing, and
    the words say so (a stand-in document: the case rules may not yet allow a gap)."""
    from types import SimpleNamespace as NS

    from ui.dialogs.weighting_drafts import option_scores, score_text

    criterion = NS(id="voice", name="Tenant voice", derived=False)
    case = NS(criteria=[criterion], options=[
        NS(id="a", name="Standalone", scores={"voice": 7.0}),
        NS(id="b", name="Merger", scores={}),
        NS(id="c", name="Group", scores={"voice": None})])
    scores = option_scores(NS(case=case, results=None), "voice")
    assert scores == [("Standalone", 7.0), ("Merger", None), ("Group", None)]
    assert score_span(scores) == "Standalone (7) so far; Merger and Group not scored yet"
    assert [score_text(v) for _, v in scores] == ["7", "–", "–"]
    assert score_span([("Merger", None), ("Group", None)]) == "not scored yet"
