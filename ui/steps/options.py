"""Step 3, Options: where each option sits on the continuum, its name, form and description.

The strip at the top is the continuum; options are markers on it. A new option starts with no
scores (shown as missing, and the options are not ranked until the board scores it in the Scores
step): a placeholder score would count as a judgement nobody made.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from appraisal import affordability
from appraisal.continuum import FORMS, SUBTYPES, form
from appraisal.edits import delete_option, make_baseline, set_form
from appraisal.formatting import form_name
from ui.document import CaseDocument
from ui.widgets.continuum_strip import ContinuumStrip
from ui.widgets.editors import guard
from ui.widgets.fields import ChoiceField, NotesField, TextField, explanation_label
from ui.widgets.ids import unique_id
from ui.widgets.inline_error import InlineError

SUBTYPE_CHOICES = [("Not stated", None)] + [(text.split(":")[0], key)
                                             for key, text in SUBTYPES.items()]


def new_option(form_id: str, data: dict) -> dict:
    """A new option of ``form_id``: a unique id, the form's name, not yet scored."""
    taken = {o["id"] for o in data["options"]}
    return {"id": unique_id(form_id.replace("_", "-"), taken), "name": form_name(form_id),
            "form": form_id, "description": "", "scores": {}}


def _capacity_mark(results, option_id: str) -> str | None:
    """'breaks a covenant in 2027' for an option that breaks a test (Results may lag an edit)."""
    if results is None or option_id not in {o.id for o in results.options}:
        return None
    return affordability.flag(results.option(option_id), results.first_year)


class OptionsStep(QWidget):
    TITLE = "Options"

    def __init__(self, document: CaseDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = d = document
        self.strip = ContinuumStrip()
        strip_box = QGroupBox("The continuum")
        strip_layout = QVBoxLayout(strip_box)
        strip_layout.addWidget(self.strip)
        strip_layout.addWidget(explanation_label(
            "Hover over a form for its definition; click an option to edit it; double-click a "
            "form to add an option there."))

        self.list = QListWidget()
        self.list.setAccessibleName("Options")
        self.list.setMinimumWidth(200)
        self.list.setMaximumWidth(300)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        self.new_form = QComboBox()
        self.new_form.setAccessibleName("Form of the new option")
        for i, f in enumerate(FORMS):
            self.new_form.addItem(f.name, f.id)
            self.new_form.setItemData(i, f.definition, Qt.ToolTipRole)
        self.add_button = QPushButton("&Add option")
        self.add_button.setToolTip("Add an option of the chosen form to the case.")
        self.delete_button = QPushButton("&Delete option")
        self.list_error = InlineError()
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_form, 1)
        add_row.addWidget(self.add_button)
        left.addLayout(add_row)
        left.addWidget(self.delete_button)
        left.addWidget(self.list_error)

        at = ("options", 0)
        self.name = TextField(d, (*at, "name"), "Option name",
                              tooltip="The option's name, as the board paper will print it.")
        self.description = NotesField(
            d, (*at, "description"), "Description", lines=3,
            placeholder="What the option would mean in practice, in a sentence or two.")
        self.form = guard(QComboBox())
        self.form.setAccessibleName("Form")
        for i, f in enumerate(FORMS):
            self.form.addItem(f.name, f.id)
            self.form.setItemData(i, f.definition, Qt.ToolTipRole)
        self.form_help = explanation_label("")
        self.form_error = InlineError()
        self.subtype = ChoiceField(
            d, (*at, "subtype"), "Group type", SUBTYPE_CHOICES,
            tooltips=[""] + list(SUBTYPES.values()),
            tooltip="For a group structure: how much the parent decides.")
        self.baseline_label = QLabel()
        self.baseline_label.setTextFormat(Qt.PlainText)
        self.baseline_label.setWordWrap(True)
        self.baseline_button = QPushButton("Make this the &baseline")
        self.baseline_button.setToolTip("Every option's figures are compared with the baseline, "
                                        "usually remaining standalone.")
        details = QGroupBox("The chosen option")
        form_layout = QFormLayout(details)
        form_layout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form_box = QVBoxLayout()
        form_box.addWidget(self.form)
        form_box.addWidget(self.form_help)
        form_box.addWidget(self.form_error)
        baseline_box = QHBoxLayout()
        baseline_box.addWidget(self.baseline_label, 1)
        baseline_box.addWidget(self.baseline_button)
        for label, widget in (("&Name", self.name), ("&Form", form_box),
                              ("&Group type", self.subtype), ("D&escription", self.description),
                              ("Baseline", baseline_box)):
            form_layout.addRow(label, widget)
        for field in (self.name, self.subtype, self.description):
            form_layout.labelForField(field).setBuddy(field.editor)
        form_layout.labelForField(form_box).setBuddy(self.form)

        lower = QHBoxLayout()
        lower.addLayout(left)
        lower.addWidget(details, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(strip_box)
        layout.addLayout(lower, 1)

        self.list.currentRowChanged.connect(self._select)
        self.add_button.clicked.connect(lambda: self.add_option(self.new_form.currentData()))
        self.delete_button.clicked.connect(self.delete_current)
        self.baseline_button.clicked.connect(self.make_current_baseline)
        self.form.activated.connect(lambda _i: self._change_form(self.form.currentData()))
        self.strip.optionClicked.connect(self.select_option)
        self.strip.formClicked.connect(
            lambda f: self.new_form.setCurrentIndex(self.new_form.findData(f)))
        self.strip.formActivated.connect(self.add_option)
        document.changed.connect(self.refresh)
        document.resultsChanged.connect(self.refresh)
        self.refresh()
        self.list.setCurrentRow(0)

    # --- reading ----------------------------------------------------------------------------
    def options(self) -> list[dict]:
        return self.document.get(("options",)) or []

    def current(self) -> int:
        return max(self.list.currentRow(), 0)

    def select_option(self, option_id: str) -> None:
        ids = [o["id"] for o in self.options()]
        if option_id in ids:
            self.list.setCurrentRow(ids.index(option_id))

    def refresh(self) -> None:
        options = self.options()
        row = min(self.current(), len(options) - 1)
        self.list.blockSignals(True)
        if self.list.count() != len(options):
            self.list.clear()
            for _ in options:
                self.list.addItem(QListWidgetItem())
        res = self.document.results
        for i, o in enumerate(options):
            suffix = " (baseline)" if o.get("baseline") else ""
            mark = _capacity_mark(res, o["id"])
            self.list.item(i).setText(f"{o.get('name') or o['id']}{suffix}\n{form_name(o['form'])}"
                                      + (f"\n⚠ {mark}" if mark else ""))
            self.list.item(i).setToolTip(form(o["form"]).definition)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        if self.name.path[1] != row:
            self._select(row)
        else:
            self._show_current(options[row])
        self.strip.set_options(options, options[row]["id"])

    def _select(self, row: int) -> None:
        if row < 0:
            return
        for field in (self.name, self.description, self.subtype):
            field.set_path(("options", row, field.path[-1]))
        self.form_error.clear()
        options = self.options()
        self._show_current(options[row])
        self.strip.set_options(options, options[row]["id"])

    def _show_current(self, option: dict) -> None:
        f = form(option["form"])
        self.form.setCurrentIndex(self.form.findData(f.id))
        self.form_help.setText(f.definition)
        self.subtype.setEnabled(f.id == "group_structure")
        baseline = bool(option.get("baseline"))
        self.baseline_label.setText("This option is the baseline: every other option is "
                                    "compared with it." if baseline else
                                    "Compared with the baseline.")
        self.baseline_button.setEnabled(not baseline)
        self.delete_button.setEnabled(not baseline)
        self.delete_button.setToolTip("The baseline cannot be deleted; make another option the "
                                      "baseline first." if baseline else
                                      "Delete this option and its money lines and scores.")

    # --- editing ----------------------------------------------------------------------------
    def _edit(self, text: str, mutate, error: InlineError) -> list:
        problems = self.document.edit(text, mutate)
        error.show_problems(problems)
        return problems

    def add_option(self, form_id: str) -> None:
        count = len(self.options())
        holder: dict = {}

        def mutate(data: dict) -> None:
            holder["option"] = new_option(form_id, data)
            data["options"].append(holder["option"])

        if not self._edit(f"add option {form_name(form_id)}", mutate, self.list_error):
            self.list.setCurrentRow(count)
            self.name.editor.setFocus(Qt.OtherFocusReason)
            self.name.editor.selectAll()

    def delete_current(self) -> None:
        row = self.current()
        name = self.options()[row].get("name", "")
        self._edit(f"delete option {name}", lambda data: delete_option(data, row),
                   self.list_error)

    def make_current_baseline(self) -> None:
        row = self.current()
        name = self.options()[row].get("name", "")
        self._edit(f"make {name} the baseline", lambda data: make_baseline(data, row),
                   self.list_error)

    def _change_form(self, form_id: str) -> None:
        row = self.current()
        self._edit(f"change the form of option {row + 1} to {form_name(form_id)}",
                   lambda data: set_form(data, row, form_id), self.form_error)
