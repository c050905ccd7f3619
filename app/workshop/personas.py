"""The persona switcher: show the map as one persona sees it.

A combo box on its own toolbar ("All personas" and each persona) and the same
choice as an exclusive group in View > Show persona, so that it can be reached
from the keyboard.  Choosing a persona calls ``scene.set_persona``: cards
scoped to other personas fade and the emotion curve follows the persona's
cards.  The list follows the model (personas added, renamed, removed; a map
opened).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QMainWindow, QMenu, QToolBar

from app.model.changes import PERSONA_CHANGES
from app.model.journey import Change, Journey

ALL_PERSONAS = "All personas"


class PersonaSwitcher(QObject):
    """Keeps a combo, a menu and the scene's persona in step; `persona_changed`
    tells others (the Insights dock) which persona is shown.

    Args:
        window: the main window (gets the toolbar; ``menu`` is for its View menu).
        journey: returns the map being edited.
        scene: returns the canvas scene (its ``set_persona`` is called).
    """

    #: The persona shown changed (its id, or None for everyone).
    persona_changed = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        journey: Callable[[], Journey],
        scene: Callable[[], Any],
    ) -> None:
        super().__init__(window)
        self._journey = journey
        self._scene = scene
        self._current: str | None = None
        self._watched: Journey | None = None
        self.toolbar = QToolBar("Personas", window)
        self.toolbar.setObjectName("personaToolbar")
        self.combo = QComboBox(self.toolbar)
        self.combo.setObjectName("personaSwitcher")
        self.combo.setToolTip("Show the map as this persona sees it")
        self.combo.setMinimumContentsLength(14)
        self.combo.activated.connect(self._combo_chosen)
        # No "Persona:" label: its first entry says "All personas", and at 1280 px
        # the room it took is the department switcher's.
        self.combo.setAccessibleName("Persona")
        self.toolbar.addWidget(self.combo)
        window.addToolBar(self.toolbar)
        self.toolbar.toggleViewAction().setText("Persona S&witcher")
        self.menu = QMenu("Show Pe&rsona", window)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.next_action = QAction("Next persona", window)
        self.next_action.setShortcut(QKeySequence("Ctrl+Alt+P"))
        self.next_action.triggered.connect(self.next_persona)
        self.refresh()

    @property
    def current(self) -> str | None:
        """The persona shown (None: all)."""
        return self._current

    def choices(self) -> list[tuple[str, str | None]]:
        """(label, persona id) of each entry, "All personas" first."""
        journey = self._journey()
        return [(ALL_PERSONAS, None)] + [(p.name or p.id, p.id) for p in journey.personas]

    def select(self, persona_id: str | None) -> None:
        """Show the map as ``persona_id`` sees it (None: everyone)."""
        ids = [pid for _, pid in self.choices()]
        if persona_id not in ids:
            persona_id = None
        changed = persona_id != self._current
        self._current = persona_id
        index = ids.index(persona_id)
        self.combo.setCurrentIndex(index)
        actions = self.group.actions()
        if index < len(actions):
            actions[index].setChecked(True)
        scene = self._scene()
        if scene is not None:
            scene.set_persona(persona_id)
        if changed:
            self.persona_changed.emit(persona_id)

    def next_persona(self) -> None:
        """Step to the next entry of the list (after the last: all personas)."""
        ids = [pid for _, pid in self.choices()]
        self.select(ids[(ids.index(self._current) + 1) % len(ids)])

    def refresh(self) -> None:
        """Rebuild the lists from the map (a new map, personas changed)."""
        journey = self._journey()
        if journey is not self._watched:
            if self._watched is not None:
                self._watched.unsubscribe(self._on_change)
            journey.subscribe(self._on_change)
            self._watched = journey
        self.combo.clear()
        for action in self.group.actions():
            self.group.removeAction(action)
        self.menu.clear()
        for label, persona_id in self.choices():
            self.combo.addItem(label, persona_id)
            action = self.menu.addAction(label.replace("&", "&&"))
            action.setCheckable(True)
            action.setData(persona_id)
            action.triggered.connect(lambda _=False, pid=persona_id: self.select(pid))
            self.group.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.next_action)
        enabled = len(journey.personas) > 0
        self.combo.setEnabled(enabled)
        self.next_action.setEnabled(enabled)
        self.select(self._current)

    def detach(self) -> None:
        """Stop following the map (the window is closing)."""
        if self._watched is not None:
            self._watched.unsubscribe(self._on_change)
            self._watched = None

    def _combo_chosen(self, index: int) -> None:
        self.select(self.combo.itemData(index))

    def _on_change(self, change: Change) -> None:
        if change.kind in PERSONA_CHANGES:
            self.refresh()
