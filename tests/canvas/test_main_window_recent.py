"""File > Open Recent: newest first, no duplicates, missing files left out."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from app.documents.recent_files import RecentFiles, fill_recent_menu


def recent_in(tmp_path, limit=10):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return RecentFiles(settings, limit)


def touch(tmp_path, name):
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    return str(path)


def test_newest_first_and_reopening_moves_to_the_front(tmp_path):
    recent = recent_in(tmp_path)
    a, b = touch(tmp_path, "a.journey"), touch(tmp_path, "b.journey")
    recent.add(a)
    recent.add(b)
    recent.add(a)
    assert recent.paths() == [a, b]


def test_the_list_is_kept_to_its_limit(tmp_path):
    recent = recent_in(tmp_path, limit=2)
    for name in ("a", "b", "c"):
        recent.add(touch(tmp_path, f"{name}.journey"))
    assert [p[-9:] for p in recent.paths()] == ["c.journey", "b.journey"]


def test_files_that_are_gone_are_not_offered(tmp_path):
    recent = recent_in(tmp_path)
    gone = touch(tmp_path, "gone.journey")
    recent.add(gone)
    (tmp_path / "gone.journey").unlink()
    assert recent.paths() == []


def test_menu_entries_open_their_file_and_clear_empties_it(qapp, tmp_path):
    recent = recent_in(tmp_path)
    path = touch(tmp_path, "map.journey")
    recent.add(path)
    opened = []
    menu = QMenu()
    fill_recent_menu(menu, recent, opened.append)
    menu.actions()[0].trigger()
    assert opened == [path]
    next(a for a in menu.actions() if a.text() == "Clear Menu").trigger()
    assert recent.paths() == []
