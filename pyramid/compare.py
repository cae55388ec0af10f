"""Two school years' pyramids side by side: what was added, stopped, dropped, moved (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    layer: str
    stopped: bool = False
    copied_from_id: int | None = None


@dataclass
class Comparison:
    added: list[Entry] = field(default_factory=list)  # only in the later year
    dropped: list[Entry] = field(default_factory=list)  # only in the earlier year
    stopped: list[tuple[Entry, Entry]] = field(default_factory=list)  # running, then stopped
    moved: list[tuple[Entry, Entry]] = field(default_factory=list)  # another layer
    same: list[tuple[Entry, Entry]] = field(default_factory=list)


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def compare(earlier: list[Entry], later: list[Entry]) -> Comparison:
    """Items are matched by their copy link, else by name (case and spacing aside)."""
    by_id = {entry.id: entry for entry in earlier}
    by_name: dict[str, list[Entry]] = {}
    for entry in earlier:
        by_name.setdefault(_key(entry.name), []).append(entry)
    matched: set[int] = set()
    result = Comparison()
    for entry in later:
        before = by_id.get(entry.copied_from_id) if entry.copied_from_id else None
        if before is None or before.id in matched:
            before = next(
                (e for e in by_name.get(_key(entry.name), []) if e.id not in matched), None
            )
        if before is None:
            result.added.append(entry)
            continue
        matched.add(before.id)
        if entry.stopped and not before.stopped:
            result.stopped.append((before, entry))
        elif entry.layer != before.layer:
            result.moved.append((before, entry))
        else:
            result.same.append((before, entry))
    result.dropped = [entry for entry in earlier if entry.id not in matched]
    return result
