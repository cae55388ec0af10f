"""The four layers and where their words come from.

The layers' descriptions and intended shares are quoted from the
handreiking's verdieping "Ondersteuningspiramide" (cirkel 1); the guiding
questions are the questions of the two pyramid handvatten (fundament in
cirkel 4, bovenste-lagen in cirkel 5), read from the content files. Which
question belongs to which layer is ours: the handreiking asks the questions
of the upper three layers together (see README.md).
"""

from __future__ import annotations

import re

from pyramid.models import Layer

BOTTOM_UP = [Layer.FUNDAMENT, Layer.BASIS, Layer.EXTRA, Layer.INTENSIEF]
TOP_DOWN = list(reversed(BOTTOM_UP))

HANDVAT_KEYS = ("fundament", "bovenste-lagen")

# layer -> (handvat key, question keys); the keys are the handvatten's stable keys,
# so the answers carried over from the handvatten stay under the same key.
QUESTIONS: dict[str, tuple[str, list[str]]] = {
    Layer.FUNDAMENT: ("fundament", ["aanbod", "compleet-team", "visie", "randvoorwaarden"]),
    Layer.BASIS: (
        "bovenste-lagen",
        ["sterke-basis", "mentoraat", "lesprogramma", "pedagogische-visie"],
    ),
    Layer.EXTRA: ("bovenste-lagen", ["extra", "extra-ondersteuning-groepen"]),
    Layer.INTENSIEF: ("bovenste-lagen", ["intensief", "wel-en-niet", "externe-partners"]),
}


def guiding_questions(handvat_contents: dict[str, dict]) -> dict[str, list[dict]]:
    """Per layer, the question dicts (with label or own_label) from the handvatten's content."""
    result: dict[str, list[dict]] = {}
    for layer, (handvat_key, keys) in QUESTIONS.items():
        content = handvat_contents.get(handvat_key) or {}
        by_key = {
            q["key"]: q for step in content.get("steps", []) for q in step.get("questions", [])
        }
        result[layer] = [by_key[key] for key in keys if key in by_key]
    return result


def fundament_examples(questions: dict[str, list[dict]]) -> str:
    """The handreiking's examples of a fundament ("Denk bijvoorbeeld aan …"), for the balance."""
    for question in questions.get(Layer.FUNDAMENT, []):
        if question["key"] == "aanbod":
            return question.get("help", "")
    return ""


def handvat_intro(handvat_contents: dict[str, dict]) -> dict[str, list[dict]]:
    """The intro blocks of the two handvatten, per handvat key (quoted guidance)."""
    return {key: (handvat_contents.get(key) or {}).get("intro", []) for key in HANDVAT_KEYS}


_SHARE = re.compile(r"\((\d+\s*-\s*\d+\s*%)\)|(\d+\s*-\s*\d+\s*%)")


def layer_texts(circle_one: dict) -> dict[str, dict]:
    """The handreiking's description of each layer, its notes and intended share.

    The verdieping lists the diagram's layers top first: intensieve, extra,
    sterke basis, fundament.
    """
    for verdieping in circle_one.get("verdieping", []):
        for block in verdieping.get("blocks", []):
            if "layers" in block and len(block["layers"]) == 4:
                result = {}
                for layer, entry in zip(TOP_DOWN, block["layers"], strict=True):
                    match = _SHARE.search(entry["layer"])
                    share = (match.group(1) or match.group(2)) if match else ""
                    result[layer] = {
                        "text": entry["layer"],
                        "notes": entry.get("notes", []),
                        "share": share.replace(" ", ""),
                    }
                return result
    return {layer: {"text": "", "notes": [], "share": ""} for layer in BOTTOM_UP}


def diagram_notes(circle_one: dict) -> list[dict]:
    """What the handreiking prints with its pyramid diagram, quoted: the verdieping's
    introduction (with its footnote mark), the four annotations that belong to no
    single layer, the Three-Tier model, the NIP's expert group and the footnote
    that credits them. The layers themselves are drawn in the picture."""
    for verdieping in circle_one.get("verdieping", []):
        blocks = verdieping.get("blocks", [])
        if any("layers" in block for block in blocks):
            return [block for block in blocks if "layers" not in block]
    return []


def inverted_example(circle_five: dict) -> str:
    """The practice example of cirkel 5 about an inverted pyramid (quoted), if present."""
    for example in circle_five.get("voorbeelden", []):
        if "omgekeerde piramide" in example.get("quote", "").lower():
            return example
    return {}
