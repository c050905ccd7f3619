"""QUndoCommand adapter around model edits.

Commands only ever call `Edit.apply` on the journey; they never touch scene
items.  The scene follows the model through the journey's announcements.
An `EditStack` also announces every edit it applies - an undo announces the
inverse edit - so that the recovery journal can write them down.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.model.edits import Edit, SetInfo, UpdateCard, UpdateEntity, UpdateFlow
from app.model.journey import Journey

# Merge ids for consecutive keystrokes in one text field (QUndoCommand.id()).
_MERGE_ID = 0x4A4D


class EditStack(QUndoStack):
    """An undo stack that announces each model edit its commands apply, in order."""

    #: An edit was applied to the journey (redo: the edit; undo: its inverse).
    applied = Signal(object)


class EditCommand(QUndoCommand):
    """One undoable step: applies ``edit`` on redo and its inverse on undo.

    Args:
        journey: the document the edit applies to.
        edit: the model edit.
        text: the undo text shown in menus; defaults to ``edit.label``.
        merge_key: when given, a following command with the same key (for
            example typing in the same field of the same card) merges into
            this one, so that a burst of keystrokes is one undo step.
        on_applied: called with each edit applied to the journey.
    """

    def __init__(
        self,
        journey: Journey,
        edit: Edit,
        text: str | None = None,
        merge_key: str | None = None,
        on_applied: Callable[[Edit], None] | None = None,
    ) -> None:
        super().__init__(text or getattr(edit, "label", "Edit"))
        self._journey = journey
        self._edit = edit
        self._inverse: Edit | None = None
        self._merge_key = merge_key
        self._on_applied = on_applied

    @property
    def edit(self) -> Edit:
        """The edit this command applies."""
        return self._edit

    def redo(self) -> None:
        self._inverse = self._edit.apply(self._journey)
        if self._on_applied is not None:
            self._on_applied(self._edit)

    def undo(self) -> None:
        assert self._inverse is not None
        applied = self._inverse
        self._edit = applied.apply(self._journey)
        self._inverse = None
        if self._on_applied is not None:
            self._on_applied(applied)

    def id(self) -> int:
        return _MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other._merge_key != self._merge_key:
            return False
        if not isinstance(other._edit, UpdateCard | UpdateFlow | UpdateEntity | SetInfo):
            return False
        # Keep our inverse (the value before the first keystroke); adopt the
        # newest value as what redo applies.
        self._edit = other._edit
        return True


def push_edit(
    stack: QUndoStack,
    journey: Journey,
    edit: Edit,
    text: str | None = None,
    merge_key: str | None = None,
) -> None:
    """Apply ``edit`` through the undo stack (the only way the UI changes the model)."""
    on_applied = stack.applied.emit if isinstance(stack, EditStack) else None
    stack.push(EditCommand(journey, edit, text, merge_key, on_applied))
