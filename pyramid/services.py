"""Writes of the pyramid: each change is version-checked and recorded in the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from pyramid.models import Change, ChangeAction, Item, LayerNote, Pyramid

ITEM_FIELDS = (
    "layer",
    "name",
    "description",
    "circles",
    "target_group",
    "reach_kind",
    "reach_value",
    "frequency",
    "owner_member",
    "owner_partner",
    "evidence",
    "evidence_url",
    "status",
    "notes",
)


@dataclass
class Conflict:
    """Someone else saved first: their version, to show next to this person's input."""

    current: Item | LayerNote


def _log(pyramid, action, subject, *, user, layer="", fields=()) -> None:
    Change.objects.create(
        pyramid=pyramid,
        action=action,
        subject=subject[:200],
        layer=layer,
        fields=list(fields),
        user=user,
    )


def start_pyramid(*, school, year, user) -> Pyramid:
    pyramid, _created = Pyramid.objects.get_or_create(
        school=school, school_year=year, defaults={"created_by": user}
    )
    return pyramid


def _next_position(pyramid_id: int, layer: str) -> int:
    last = Item.objects.filter(pyramid_id=pyramid_id, layer=layer).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


@transaction.atomic
def add_item(*, pyramid: Pyramid, data: dict, user) -> Item:
    item = Item(pyramid=pyramid, updated_by=user, **data)
    item.position = _next_position(pyramid.pk, item.layer)
    item.save()
    _log(pyramid, ChangeAction.ADDED, item.name, user=user, layer=item.layer)
    return item


@transaction.atomic
def update_item(*, item: Item, data: dict, version: int, user) -> Conflict | None:
    current = Item.objects.select_for_update().get(pk=item.pk)
    if current.version != version:
        return Conflict(current=current)
    changed = [name for name in ITEM_FIELDS if getattr(current, name) != data.get(name)]
    if not changed:
        return None
    moved = "layer" in changed
    for name in ITEM_FIELDS:
        setattr(current, name, data.get(name))
    if moved:
        current.position = _next_position(current.pyramid_id, current.layer)
    current.version += 1
    current.updated_by = user
    current.save()
    action = ChangeAction.MOVED if changed == ["layer"] else ChangeAction.EDITED
    _log(current.pyramid, action, current.name, user=user, layer=current.layer, fields=changed)
    item.__dict__.update(current.__dict__)
    return None


@transaction.atomic
def delete_item(*, item: Item, user) -> None:
    _log(item.pyramid, ChangeAction.DELETED, item.name, user=user, layer=item.layer)
    item.delete()


@transaction.atomic
def move_item(*, item: Item, user, layer: str | None = None, step: int = 0) -> None:
    """To another layer (at its end), or one place up (-1) or down (+1) within its layer."""
    item = Item.objects.select_for_update().select_related("pyramid").get(pk=item.pk)
    if layer and layer != item.layer:
        item.layer = layer
        item.position = _next_position(item.pyramid_id, layer)
        item.version += 1
        item.updated_by = user
        item.save()
        _log(item.pyramid, ChangeAction.MOVED, item.name, user=user, layer=layer, fields=["layer"])
        return
    siblings = list(Item.objects.filter(pyramid=item.pyramid, layer=item.layer))
    index = next(i for i, other in enumerate(siblings) if other.pk == item.pk)
    target = index + step
    if step == 0 or not 0 <= target < len(siblings):
        return
    siblings.insert(target, siblings.pop(index))
    for position, other in enumerate(siblings):
        if other.position != position:
            Item.objects.filter(pk=other.pk).update(position=position)
    # A new order is not a change of the item's content: no version bump, so
    # someone editing its text at the same time is not sent into a conflict.
    _log(
        item.pyramid,
        ChangeAction.MOVED,
        item.name,
        user=user,
        layer=item.layer,
        fields=["position"],
    )


@transaction.atomic
def save_notes(
    *, pyramid: Pyramid, layer: str, answers: dict, version: int, user
) -> Conflict | None:
    note, _ = LayerNote.objects.select_for_update().get_or_create(pyramid=pyramid, layer=layer)
    if note.version != version:
        return Conflict(current=note)
    cleaned = {key: value for key, value in answers.items() if value}
    if cleaned == note.answers:
        return None
    note.answers = cleaned
    note.version += 1
    note.updated_by = user
    note.save()
    _log(pyramid, ChangeAction.NOTES, layer, user=user, layer=layer)
    return None


@transaction.atomic
def copy_pyramid(*, pyramid: Pyramid, year, user) -> Pyramid:
    """This pyramid as the start of a later year's: its running and planned aanbod, its answers.

    Stopped aanbod stays behind (it shows as stopped in the comparison).
    """
    copy = Pyramid.objects.create(
        school=pyramid.school, school_year=year, created_by=user, copied_from=pyramid
    )
    items = [
        Item(
            pyramid=copy,
            copied_from=item,
            updated_by=user,
            position=item.position,
            **{name: getattr(item, name) for name in ITEM_FIELDS},
        )
        for item in Item.objects.filter(pyramid=pyramid).exclude(status="gestopt")
    ]
    Item.objects.bulk_create(items)
    LayerNote.objects.bulk_create(
        LayerNote(pyramid=copy, layer=note.layer, answers=note.answers, updated_by=user)
        for note in LayerNote.objects.filter(pyramid=pyramid)
    )
    _log(copy, ChangeAction.COPIED, str(pyramid.school_year), user=user)
    return copy
