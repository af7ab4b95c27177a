"""The app keeps the board's work whatever happens to its files (issue 15).

Two copies of the app share one recovery folder without losing each other's work; a file changed
on disk since it was opened is never silently overwritten; a read-only case stays as it is, for
the administrator too; a refused file is explained without being read whole.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ui import autosave

ROOT = Path(__file__).resolve().parents[2]

# A second copy of the program, as far as recovery goes: it writes unsaved work, then runs on.
SECOND_COPY = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from ui.autosave import Recovery
data = __import__("json").loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
data["title"] = "The other copy's work"
recovery = Recovery(Path(sys.argv[1]))      # held (and its lock with it) while the copy runs
path = recovery.write(data, None)
print(path, flush=True)
time.sleep(120)
"""


def start_second_copy(folder: Path, case_file: Path) -> tuple[subprocess.Popen, Path]:
    child = subprocess.Popen([sys.executable, "-c", SECOND_COPY, str(folder), str(ROOT),
                              str(case_file)], stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    assert line, "the second copy did not start"
    return child, Path(line)


def new_window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    return w


def test_two_copies_never_lose_each_others_work(qtbot, window, dialogs, case_file):
    """Fault 3: a second copy offered the first copy's live work as if it had crashed, and
    answering No deleted it."""
    folder = autosave.recovery_dir()
    other, other_file = start_second_copy(folder, case_file)
    try:
        window.document.set_value(("title",), "This copy's work")
        mine = window.autosave.save_now()
        # a third window (as a copy starting now) offers neither: both owners are running
        third = new_window(qtbot)
        assert not third.offer_recovery()
        assert dialogs.questions == []
        assert mine.exists() and other_file.exists()
        assert autosave.read_recovery(other_file).pid == other.pid
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait(10)
    # the other copy has crashed: its work is offered; No keeps it, Yes restores it
    dialogs.answer = QMessageBox.No
    assert not third.offer_recovery()
    assert len(dialogs.questions) == 1 and "did not close properly" in dialogs.questions[0]
    assert other_file.exists() and mine.exists()
    dialogs.answer = QMessageBox.Yes
    assert third.offer_recovery()
    assert third.document.case.title == "The other copy's work"
    assert third.document.is_dirty
    assert not other_file.exists()                          # its work now lives in third's file
    assert autosave.read_recovery(third.autosave.path).data["title"] == "The other copy's work"
    assert autosave.read_recovery(mine).data["title"] == "This copy's work"   # never touched
    third.document.undo_stack.setClean()


def test_after_two_crashes_both_are_offered_and_kept_until_the_person_says(qtbot, dialogs,
                                                                            case_file):
    """Fault 3: after two crashes only the newest work was offered and both files deleted."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    folder = autosave.recovery_dir()
    first = autosave.write_recovery({**data, "title": "First crash"}, None,
                                    folder / "recovery-11.json")
    second = autosave.write_recovery({**data, "title": "Second crash"}, None,
                                     folder / "recovery-12.json")
    os.utime(first, (time.time() - 60, time.time() - 60))
    w = new_window(qtbot)
    dialogs.answer = QMessageBox.No
    assert not w.offer_recovery()
    assert len(dialogs.questions) == 2 and first.exists() and second.exists()
    dialogs.answer = QMessageBox.Yes
    assert w.offer_recovery()
    assert w.document.case.title == "Second crash"            # newest first
    assert first.exists() and not second.exists()
    w.document.undo_stack.setClean()


def test_a_broken_character_never_gets_in_so_save_and_autosave_work(window):
    """Fault 2: a lone surrogate was accepted, then Save and autosave failed."""
    problems = window.document.set_value(("title",), "Board \ud800paper")
    assert problems and problems[0][0] == "title" and "broken character" in problems[0][1]
    window.document.set_value(("title",), "Board paper")
    assert window.autosave.save_now() is not None
    assert window.save()


def test_a_file_changed_on_disk_is_never_silently_overwritten(qtbot, window, dialogs,
                                                              case_file, monkeypatch):
    """Fault 10: two copies saving one file: the later silently overwrote the other's edits."""
    from ui.main_window import MainWindow

    asked = []
    choice = {"value": "cancel"}

    def ask(self, path):
        asked.append(path.name)
        return choice["value"]

    monkeypatch.setattr(MainWindow, "ask_changed_on_disk", ask)
    other = new_window(qtbot)
    assert other.open_path(case_file, ask=False)
    other.document.set_value(("title",), "Saved by the other copy")
    assert other.save() and asked == []
    theirs = case_file.read_bytes()

    window.document.set_value(("title",), "Saved by this copy")
    assert not window.save()                                   # cancel: nothing written
    assert asked == ["case.json"] and case_file.read_bytes() == theirs
    choice["value"] = "copy"
    dialogs.save_path = str(case_file.with_name("mine.json"))
    assert window.save()
    assert case_file.read_bytes() == theirs
    assert json.loads(case_file.with_name("mine.json").read_text())["title"] == "Saved by this copy"
    assert window.document.path.name == "mine.json"
    # overwrite, when the person says so
    assert other.open_path(case_file, ask=False)
    case_file.write_text(case_file.read_text().replace("Saved by the other copy", "Third"))
    other.document.set_value(("title",), "Overwritten on purpose")
    choice["value"] = "overwrite"
    assert other.save()
    assert json.loads(case_file.read_text())["title"] == "Overwritten on purpose"
    assert asked == ["case.json"] * 3
    other.document.undo_stack.setClean()


def test_a_touched_but_unchanged_file_is_not_a_conflict(qtbot, window, case_file, monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "ask_changed_on_disk", lambda *_: pytest.fail("asked"))
    os.utime(case_file, (time.time() + 5, time.time() + 5))
    window.document.set_value(("title",), "Mine")
    assert window.save()


def test_a_read_only_case_opens_read_only_even_for_the_administrator(qtbot, dialogs,
                                                                     case_file):
    """Fault 13: as root the app saved over a read-only case and made it writable."""
    case_file.chmod(0o444)
    before = case_file.read_bytes()
    w = new_window(qtbot)
    assert w.open_path(case_file, ask=False)
    assert w.read_only and "(read-only)" in w.windowTitle()
    w.document.set_value(("title",), "Edited")
    dialogs.save_path = ""                                 # the person cancels Save As
    assert not w.save()
    assert dialogs.messages[-1][0] == "The file is read-only"
    assert case_file.read_bytes() == before and (case_file.stat().st_mode & 0o777) == 0o444
    dialogs.save_path = str(case_file.with_name("edited.json"))
    assert w.save()
    assert json.loads(case_file.with_name("edited.json").read_text())["title"] == "Edited"
    assert not w.read_only and "(read-only)" not in w.windowTitle()
    assert case_file.read_bytes() == before and (case_file.stat().st_mode & 0o777) == 0o444
    # Save As onto the read-only file is refused as well
    assert not w.save_to(case_file)
    assert "is read-only" in dialogs.messages[-1][1] and case_file.read_bytes() == before


def test_deep_and_huge_files_are_refused_in_plain_words_without_reading_them_whole(
        qtbot, dialogs, tmp_path):
    """Fault 7: a file nested 100,000 deep said "maximum recursion depth exceeded"; a refused
    200 MB file was read whole to word the message."""
    w = new_window(qtbot)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert not w.open_path(deep, ask=False)
    title, text = dialogs.messages[-1]
    assert "nested too deeply" in text and "recursion" not in text
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    start = time.perf_counter()
    assert not w.open_path(huge, ask=False)
    assert time.perf_counter() - start < 60     # a hang guard: it is refused by its size, unread
    assert "at most 20 MB" in dialogs.messages[-1][1]
    if os.path.exists("/dev/zero"):
        assert not w.open_path("/dev/zero", ask=False)
        assert "it is a device, not a case file" in dialogs.messages[-1][1]
