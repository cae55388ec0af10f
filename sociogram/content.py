"""The sociogram handvat's own words (cirkel 3), read from the content files."""

from __future__ import annotations

from circles.content import label, load_files

HANDVAT_KEY = "sociogram"


def handvat() -> dict:
    circle = next(c for c in load_files()["circles"] if c["number"] == 3)
    return next(h for h in circle["handvatten"] if h["key"] == HANDVAT_KEY)


def step(key: str) -> dict:
    return next(s for s in handvat()["steps"] if s["key"] == key)


def reflection_labels() -> dict[str, str]:
    """Stap 3's questions (the handreiking's) and stap 4's plan question (ours)."""
    labels = {question["key"]: label(question) for question in step("stap-3")["questions"]}
    labels["plan"] = label(step("stap-4")["questions"][0])
    return labels
