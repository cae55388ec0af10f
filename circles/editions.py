"""The handreiking's circles and handvatten as this process holds them, per edition.

Their texts change only when an edition is loaded (``load_handreiking``),
yet every circle page, handvat page and Mijn handvatten read them, with
their large JSON texts. So they are read from the database once per edition
and process, and pages key what they draw from them by the edition's
checksum (see ``{% fragment_cache %}``).

Which edition is current is kept in the "editions" cache (shared by every
server when REDIS_URL is set, else per process), falling back to one small
query. Loading an edition calls
``forget``: with a shared cache every server switches at once; with the
per-process cache the other processes follow within EDITION_CHECK_SECONDS.
The objects are shared between requests: read them, never change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import caches

from circles import modules
from circles.models import Circle, Edition, Handvat

EDITION_CACHE_KEY = "circles:edition"
EDITION_CHECK_SECONDS = 60


@dataclass(frozen=True)
class Content:
    checksum: str
    circles: dict[int, Circle]
    # The live handvatten by key, in the handreiking's order.
    handvatten: dict[str, Handvat]

    def live_handvatten(self) -> list[Handvat]:
        return list(self.handvatten.values())

    def handvatten_of(self, circle: Circle) -> list[Handvat]:
        return [h for h in self.handvatten.values() if h.circle_id == circle.pk]

    @cached_property
    def _by_id(self) -> dict[int, Handvat]:
        return {handvat.pk: handvat for handvat in self.handvatten.values()}

    def live_handvat(self, pk: int) -> Handvat | None:
        """The live handvat with this id, or None (a retired one: read it from the database)."""
        return self._by_id.get(pk)


_loaded: dict[str, Content] = {}


def current_checksum() -> str:
    cache = caches["editions"]
    checksum = cache.get(EDITION_CACHE_KEY)
    if checksum is None:
        latest = Edition.objects.order_by("-loaded_at").values_list("checksum", flat=True)
        checksum = latest.first() or ""
        cache.set(EDITION_CACHE_KEY, checksum, EDITION_CHECK_SECONDS)
    return checksum


def current() -> Content:
    """The current edition's circles and live handvatten."""
    checksum = current_checksum()
    content = _loaded.get(checksum)
    if content is None:
        circles = {circle.number: circle for circle in Circle.objects.order_by("number")}
        by_id = {circle.pk: circle for circle in circles.values()}
        handvatten = {}
        for handvat in Handvat.objects.filter(retired=False).order_by("circle__number", "position"):
            handvat.circle = by_id[handvat.circle_id]
            handvatten[handvat.key] = handvat
        content = Content(checksum, circles, handvatten)
        _loaded.clear()
        _loaded[checksum] = content
    return content


def forget() -> None:
    """A new edition was loaded: read it again (and which handvat leads where)."""
    caches["editions"].delete(EDITION_CACHE_KEY)
    _loaded.clear()
    modules.forget_statuses()
