"""The sociogram's questions: the handreiking's six (stap 1), quoted word for word.

The teacher may reword a question for the age of the pupils (the handreiking
says so: "pas de vraagstelling zo nodig aan"), turn questions off, and pick
which ones feed "liked most" and "liked least". The negative questions are
off unless the teacher turns them on (SOCIOMETRY.md, Ethics).
"""

from __future__ import annotations

POSITIVE, NEGATIVE = "+", "-"

# (key, the handreiking's wording, polarity)
DEFAULTS = (
    ("speel-graag", "Met wie speel je graag?", POSITIVE),
    ("speel-niet", "Met wie speel je liever niet?", NEGATIVE),
    ("zit-graag", "Naast wie zou je graag willen zitten in de klas?", POSITIVE),
    ("zit-niet", "Naast wie zou je liever niet in de klas willen zitten?", NEGATIVE),
    ("werk-graag", "Met wie werk je graag samen?", POSITIVE),
    ("werk-niet", "Met wie werk je liever niet samen?", NEGATIVE),
)
KEYS = tuple(key for key, _text, _polarity in DEFAULTS)
MAX_TEXT = 160


def defaults() -> list[dict]:
    return [
        {"key": key, "text": text, "polarity": polarity, "on": polarity == POSITIVE, "feeds": True}
        for key, text, polarity in DEFAULTS
    ]


def original(key: str) -> str:
    return next(text for k, text, _p in DEFAULTS if k == key)


def is_reworded(question: dict) -> bool:
    return question["text"] != original(question["key"])


def feeding(questions: list[dict], polarity: str) -> set[str]:
    """The keys of the questions asked that count for LM (+) or LL (-)."""
    return {
        q["key"] for q in questions if q.get("on") and q.get("feeds") and q["polarity"] == polarity
    }
