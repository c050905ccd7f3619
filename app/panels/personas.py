"""The Personas dialog: add, rename, recolour, describe and remove personas."""

from __future__ import annotations

from app.model.edits import AddPersona, Edit, RemovePersona
from app.model.journey import Persona
from app.panels.entity_dialog import EntityDialog


class PersonasDialog(EntityDialog):
    """Edits the map's personas; removing one unscopes the cards that named it."""

    what = "persona"
    plural = "personas"
    text_fields = (("description", "Description"), ("goals", "Goals"))

    def entities(self) -> list[Persona]:
        return list(self.journey.personas)

    def new_entity(self, entity_id: str, color: str) -> Persona:
        return Persona(entity_id, "New persona", color=color)

    def add_edit(self, entity: Persona) -> Edit:
        return AddPersona(entity)

    def remove_edit(self, entity_id: str) -> Edit:
        return RemovePersona(entity_id)

    def users(self, entity_id: str) -> int:
        return sum(entity_id in card.personas for card in self.journey.cards)
