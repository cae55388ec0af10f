"""The sociogram handvat's own words (cirkel 3), read from the content files."""

from __future__ import annotations

from django.utils.safestring import SafeString

from circles.content import load_files
from circles.marking import marked

HANDVAT_KEY = "sociogram"


def handvat() -> dict:
    circle = next(c for c in load_files()["circles"] if c["number"] == 3)
    return next(h for h in circle["handvatten"] if h["key"] == HANDVAT_KEY)


def step(key: str) -> dict:
    return next(s for s in handvat()["steps"] if s["key"] == key)


def reflection_labels() -> dict[str, SafeString]:
    """Stap 3's questions (the handreiking's, in quotation marks) and stap 4's
    plan question (ours, plain), marked as every handvat's questions are."""
    labels = {question["key"]: marked(question) for question in step("stap-3")["questions"]}
    labels["plan"] = marked(step("stap-4")["questions"][0])
    return labels
