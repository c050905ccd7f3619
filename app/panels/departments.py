"""The Departments dialog: add, rename, recolour and remove owner departments."""

from __future__ import annotations

from app.model.edits import AddDepartment, Edit, RemoveDepartment
from app.model.journey import Department
from app.panels.entity_dialog import EntityDialog


class DepartmentsDialog(EntityDialog):
    """Edits the map's departments; removing one leaves its cards without owner."""

    what = "department"
    plural = "departments"

    def entities(self) -> list[Department]:
        return list(self.journey.departments)

    def new_entity(self, entity_id: str, color: str) -> Department:
        return Department(entity_id, "New department", color)

    def add_edit(self, entity: Department) -> Edit:
        return AddDepartment(entity)

    def remove_edit(self, entity_id: str) -> Edit:
        return RemoveDepartment(entity_id)

    def users(self, entity_id: str) -> int:
        return len(self.journey.cards_owned_by(entity_id))
