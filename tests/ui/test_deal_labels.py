"""Every input on the pages for the deal terms and the paper's front matter is named, for a
screen reader, exactly as its visible label reads."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel

from ui.steps import STEPS


def _step(window, title):
    i = next(k for k, s in enumerate(STEPS) if s.title == title)
    window.go_to_step(i)
    return window.step(i)


def _pairs(widget) -> list[tuple[str, str]]:
    """(visible label, accessible name of the input it labels) for every form row."""
    out = []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.LabelRole)
            label = item.widget() if item is not None else None
            if not isinstance(label, QLabel) or label.buddy() is None:
                continue
            buddy = label.buddy()
            if isinstance(buddy, QCheckBox):        # a list of tick boxes: the list is named
                buddy = buddy.parentWidget()
            out.append((label.text().replace("&", ""), buddy.accessibleName()))
    return out


def test_inputs_are_named_as_labelled(window):
    partners = _step(window, "Partners")
    deal = _step(window, "Deal")
    paper = _step(window, "Board paper")
    pairs = (_pairs(partners.legal) + _pairs(deal.board) + _pairs(deal.due_diligence)
             + _pairs(paper))
    names = [p[0] for p in pairs]
    for expected in ("Legal form", "Charity status", "Charity registers", "Housing regulators",
                     "Registration numbers", "Pension schemes", "Board size",
                     "Independent members", "Seats for Oak Housing", "Seats for Elm Homes",
                     "Finding", "Cost in the appraisal", "Risk", "Source", "Owner", "Status",
                     "Paper reference", "Sponsor", "Confidentiality marking", "Resolution"):
        assert expected in names, expected
    assert [(label, name) for label, name in pairs if label != name] == []
    boxes = [b for b in partners.legal.findChildren(QCheckBox)]
    assert boxes and all(b.accessibleName() == b.text() for b in boxes)
