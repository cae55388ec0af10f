"""Per item: how many chose what, whether the team disagrees. Pure Python."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

ANSWERS = ("goed", "aandacht", "prioriteit", "weet-niet")
# How far apart two answers lie; "weet ik niet" is no opinion.
_RANK = {"goed": 0, "aandacht": 1, "prioriteit": 2}


@dataclass(frozen=True)
class Spread:
    counts: dict[str, int]
    total: int

    @property
    def disagreement(self) -> bool:
        """Members chose answers two steps apart (goed next to prioriteit), or
        no answer has a majority among those with an opinion."""
        ranks = [_RANK[a] for a, n in self.counts.items() if n and a in _RANK]
        if not ranks:
            return False
        if max(ranks) - min(ranks) >= 2:
            return True
        opinions = sum(n for a, n in self.counts.items() if a in _RANK)
        return max(self.counts[a] for a in _RANK) * 2 <= opinions and len(ranks) > 1

    @property
    def most_chosen(self) -> str | None:
        best = max(ANSWERS, key=lambda a: self.counts[a])
        return best if self.counts[best] else None


def spread(answers: list[str]) -> Spread:
    counts = Counter(a for a in answers if a in ANSWERS)
    return Spread({a: counts.get(a, 0) for a in ANSWERS}, sum(counts.values()))
