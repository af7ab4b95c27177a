"""Input a finance director can trust (issue 14): the defects found by a new user, each driven
through the real widgets, and the "Before the paper" check where a person sees it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

from ui.widgets.line_kinds import SavingsModel

MONEY, BOARD_PAPER = 3, 10


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=3000)


def _type_into_cell(qtbot, window, table, row: int, column: int, text: str) -> None:
    """Select a cell, type into it as a person does (no double-click) and press Enter."""
    _focus(qtbot, window, table)
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClicks(table, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.NoState, timeout=3000)


def test_start_year_typed_replaces_the_cell_and_its_message_is_replaced_then_cleared(
        qtbot, window):
    doc = window.document
    window.show()
    window.go_to_step(MONEY)
    money = window.step(MONEY)
    money.select_option("merger")
    tab = money.line_tabs["savings"]
    column = SavingsModel.COL_START_YEAR
    start = ("options", 2, "savings", 0, "start_year")
    _type_into_cell(qtbot, window, tab.table, 0, column, "9")    # horizon is 5 years
    assert doc.get(start, 1) == 1
    first = tab.errors.text()
    assert "year 9 is beyond the horizon of 5 years" in first
    _type_into_cell(qtbot, window, tab.table, 0, column, "7")
    assert "year 7 is beyond the horizon" in tab.errors.text()
    assert "year 9" not in tab.errors.text()          # replaced, not appended
    _type_into_cell(qtbot, window, tab.table, 0, column, "2")   # typed over, not after, the 1
    assert doc.get(start) == 2
    assert tab.errors.isHidden() and not tab.errors.text()


def test_rationale_typed_before_an_option_is_kept_and_quit_asks(qtbot, window, dialogs):
    doc = window.document
    window.show()
    window.go_to_step(BOARD_PAPER)
    step = window.step(BOARD_PAPER)
    assert doc.get(("recommendation",)) is None
    box = step.rationale.editor
    assert box.isEnabled()                            # never a dead box
    assert "kept in the case" in step.rationale.explanation.text()
    _focus(qtbot, window, box)
    qtbot.keyClicks(box, "Merger keeps both names.")
    assert doc.get(("recommendation", "rationale")) == "Merger keeps both names."
    assert window.isWindowModified()
    dialogs.answer = QMessageBox.Cancel
    window.actions_.quit.trigger()
    assert window.isVisible()                         # Quit asked, and Cancel kept the work
    assert dialogs.questions[-1].startswith("Save changes?")
    # choosing an option afterwards keeps the text and the paper prints it
    step.option.setCurrentIndex(step.option.findData("merger"))
    step.option.activated.emit(step.option.currentIndex())
    assert doc.get(("recommendation",)) == {"option": "merger",
                                            "rationale": "Merger keeps both names."}
    assert "printed in the board paper" in step.rationale.explanation.text().lower()
    # and taking the recommendation away again keeps the draft
    step.option.setCurrentIndex(0)
    step.option.activated.emit(0)
    assert doc.get(("recommendation",)) == {"rationale": "Merger keeps both names."}
    dialogs.answer = QMessageBox.Discard


def test_a_new_case_says_what_is_missing_instead_of_naming_a_leader(qtbot, window):
    window.new_case()
    qtbot.waitUntil(lambda: window.document.results is not None, timeout=5000)
    window.document.resultsChanged.emit()
    text = window.leader_label.text()
    assert "Leading option" not in text
    assert text == ("Not ranked yet: no criterion carries weight   ·   4 things in all still "
                    "to enter before the paper")
    # naming the partners, choosing, scoring and costing leaves nothing missing: the leader
    data = window.document.data

    def fill(d: dict) -> None:
        d["organisations"][0]["name"] = "Oak Housing"
        d["organisations"][1]["name"] = "Elm Homes"
        d["options"][1]["savings"] = [{"label": "Finance team", "annual": 120000.0}]
        d["criteria"] = [{"id": "autonomy", "name": "Autonomy", "weight": 1.0}]
        d["options"][0]["scores"] = {"autonomy": 7.0}
        d["options"][1]["scores"] = {"autonomy": 6.0}
    assert not window.document.edit("fill in", fill)
    qtbot.waitUntil(lambda: window.leader_label.text().startswith(
        "Leading option: Remain standalone — score 70.0"), timeout=5000)
    assert data["organisations"][0]["name"] == "Our organisation"   # the copy was a copy


def test_a_new_case_is_offered_a_whole_name_ending_in_continuum(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window.new_case()
    title = "Wealdmoor Housing Association and Kestrel Vale Homes: partnership options 2027/28"
    window.document.set_value(("title",), title, "change title")
    offered = {}

    def dialog(_parent, _title, start, *_args, **_kw):
        offered["start"] = start
        return "", ""                    # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert not window.save_as()
    assert offered["start"].endswith(
        "/Wealdmoor Housing Association and Kestrel Vale Homes - partnership options "
        "2027-28.continuum")


def test_samples_are_offered_by_their_titles_with_one_line_each(window):
    window.fill_sample_menu()           # filled as the menu opens
    texts = {a.text(): a.toolTip() for a in window.sample_menu.actions()}
    assert len(texts) == 5
    assert texts["Bannside Housing Association and two procurement group peers: development and "
                 "merger options"].startswith("A Northern Ireland association")
    assert all(tip.endswith(".") for tip in texts.values())
    assert not any("procurement group" == t.lower() or "_" in t for t in texts)


def test_file_errors_are_said_in_plain_words(qtbot, window, dialogs, tmp_path):
    broken = tmp_path / "broken.continuum"
    broken.write_text('{\n  "format": "options-appraisal-case",\n  "title": "x",,\n}\n',
                      encoding="utf-8")
    assert not window.open_path(broken, ask=False)
    assert dialogs.messages[-1][1] == ("broken.continuum cannot be opened because:\n\nthe file "
                                       "is damaged near line 3, so it cannot be read as a "
                                       "Continuum case")
    other = tmp_path / "settings.json"
    other.write_text('{"theme": "dark"}', encoding="utf-8")
    assert not window.open_path(other, ask=False)
    assert dialogs.messages[-1][1].endswith("because:\n\nthis file is not a Continuum case")
    assert not window.open_path(tmp_path, ask=False)             # a folder: said as such
    assert dialogs.messages[-1] == ("Could not open the file", f"{tmp_path} cannot be opened: "
                                    "it is a folder, not a case file.")


def test_the_start_page_offers_new_open_recent_and_the_samples_by_keyboard(
        qtbot, dialogs, case_file):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    QSettings().setValue("window/step", 9)          # a case was left on the last step
    QSettings().setValue("recentFiles", [str(case_file)])
    window = MainWindow(start_page=True)
    qtbot.addWidget(window)
    window.show()
    assert window.on_start_page
    page = window.start_page
    assert [page.recent.item(i).toolTip() for i in range(page.recent.count())] == [str(case_file)]
    samples = [page.samples.item(i).data(Qt.AccessibleTextRole).split(". ", 1)
               for i in range(page.samples.count())]
    assert len(samples) == 5 and all(len(s) == 2 and s[1].endswith(".") for s in samples)
    assert ["Lumen Vision UK and the Lantern Society: options for working together",
            "A large charity and a smaller one under strain: what standing apart costs, and a "
            "pension exit debt."] in samples
    # keyboard: the samples list, the first sample, Enter
    _focus(qtbot, window, page.samples)
    qtbot.keyClick(page.samples, Qt.Key_Home)
    qtbot.keyClick(page.samples, Qt.Key_Return)
    assert not window.on_start_page
    assert window.document.case.title == samples[0][0]
    assert window.windowTitle().startswith(f"{samples[0][0]} (sample copy)")
    # back to the start page, then a new case: the first step, not the one left last time
    window.actions_.start_page.trigger()
    assert window.on_start_page
    qtbot.keyClick(page.new_button, Qt.Key_Space)
    assert not window.on_start_page
    assert window.current_step() == 0
    assert window.document.case.title == "New options appraisal"


def test_a_new_case_at_a_second_launch_opens_on_the_first_step(qtbot):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    QSettings().setValue("window/step", 9)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.current_step() == 0


def test_charts_follow_a_dark_theme_and_keep_their_data_colours(qtbot):
    from matplotlib.colors import to_hex
    from matplotlib.figure import Figure
    from PySide6.QtGui import QColor, QPalette

    from ui.widgets.chart_view import follow_palette

    def chart() -> Figure:
        fig = Figure()
        ax = fig.add_subplot()
        ax.barh([0], [3], color="#e69f00")
        ax.axvline(1, color="black")
        ax.grid(True, color="#dddddd")
        ax.set_title("NPV against the baseline")
        return fig

    light = chart()
    follow_palette(light, QPalette(QColor("#efefef")))
    assert to_hex(light.patch.get_facecolor()) == "#ffffff"
    dark = QPalette(QColor("#2b2b2e"))
    dark.setColor(QPalette.WindowText, QColor("#e8e8e8"))
    dark.setColor(QPalette.Base, QColor("#1e1e20"))
    fig = chart()
    follow_palette(fig, dark)
    ax = fig.axes[0]
    assert to_hex(fig.patch.get_facecolor()) == "#2b2b2e"
    assert to_hex(ax.get_facecolor()) == "#1e1e20"
    assert to_hex(ax.title.get_color()) == "#e8e8e8"
    assert to_hex(ax.lines[0].get_color()) == "#e8e8e8"               # the black rule
    assert to_hex(ax.patches[0].get_facecolor()) == "#e69f00"         # the data keeps its colour
