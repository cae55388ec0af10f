"""What the climate log asks, read from the handreiking's content files.

The four-level scale, the question about time and about proactive or reactive
work are those of the groepsklimaat handvat (cirkel 3); the group phases are
cirkel 3's own list ("Groepsvorming verloopt in fases"). Nothing is copied
into Python: a new edition of the content files changes the log's words too,
and the stable keys keep every entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from circles.content import label, load_files

HANDVAT_KEY = "groepsklimaat"
# Cirkel 2's and 3's handvatten, offered as a "next step".
NEXT_STEP_CIRCLES = (2, 3)
# Werkvormen the handreiking names (cirkel 2 and 3), in its own words.
WERKVORMEN = {
    "gouden-weken": "gouden weken",
    "cooperatieve-werkvormen": "coöperatieve werkvormen",
    "over-de-streep": "spel Over de streep",
    "gevoelsthermometer": "gevoelsthermometer",
}


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    quoted: bool  # the handreiking's words, or ours (an own_label)
    value: int = 0  # the scale's position, 1 = lowest

    def as_item(self) -> dict:
        # The shape the ``marked`` filter reads.
        return {"label": self.text} if self.quoted else {"own_label": self.text}


def _circle(number: int) -> dict:
    return next(c for c in load_files()["circles"] if c["number"] == number)


def _handvat() -> dict:
    return next(h for h in _circle(3)["handvatten"] if h["key"] == HANDVAT_KEY)


def _question(key: str) -> dict:
    for step in _handvat()["steps"]:
        for question in step["questions"]:
            if question["key"] == key:
                return question
    raise KeyError(key)


def _options(question_key: str) -> tuple[Option, ...]:
    return tuple(
        Option(o["key"], label(o), bool(o.get("label")), value=index)
        for index, o in enumerate(_question(question_key)["options"], start=1)
    )


@lru_cache(maxsize=1)
def levels() -> tuple[Option, ...]:
    """ "negatief en veel gedoe" (1) … "positief en elkaar versterkend" (4)."""
    return _options("klimaat")


@lru_cache(maxsize=1)
def time_options() -> tuple[Option, ...]:
    return _options("voldoende")


@lru_cache(maxsize=1)
def approach_options() -> tuple[Option, ...]:
    return _options("proactief")


def question_label(key: str) -> dict:
    return _question(key)


@lru_cache(maxsize=1)
def phases() -> tuple[Option, ...]:
    """Forming … Reforming, each with the handreiking's one-line explanation."""
    found = []
    for block in _circle(3)["onderbouwing"]:
        for line in block.get("list", []):
            if not isinstance(line, str):
                continue
            name, _, _rest = line.partition(":")
            word = name.split(" ")[0]
            if word in {"Forming", "Storming", "Norming", "Performing", "Reforming"}:
                found.append(Option(word.lower(), line, True, value=len(found) + 1))
    return tuple(found)


@lru_cache(maxsize=1)
def next_steps() -> tuple[Option, ...]:
    """Handvatten of cirkel 2 and 3 (their titles) and the werkvormen the handreiking names."""
    options = [
        Option(f"handvat:{h['key']}", h["title"], True)
        for number in NEXT_STEP_CIRCLES
        for h in _circle(number)["handvatten"]
        if h["key"] != HANDVAT_KEY
    ]
    options += [Option(f"werkvorm:{key}", text, True) for key, text in WERKVORMEN.items()]
    return tuple(options)


def find(options: tuple[Option, ...], key: str) -> Option | None:
    return next((o for o in options if o.key == key), None)


def intro() -> list[dict]:
    return _handvat().get("intro", [])


CONVERSATION_HANDVAT_KEY = "medeverantwoordelijk"


@lru_cache(maxsize=1)
def class_questions() -> tuple[Option, ...]:
    """The handreiking's questions for a class conversation (medeverantwoordelijk, step 2)."""
    handvat = next(h for h in _circle(3)["handvatten"] if h["key"] == CONVERSATION_HANDVAT_KEY)
    for step in handvat["steps"]:
        for question in step["questions"]:
            if question["key"] == "klasvragen":
                return tuple(
                    Option(o["key"], label(o), bool(o.get("label"))) for o in question["options"]
                )
    raise KeyError("klasvragen")


def class_conversation_step() -> dict:
    handvat = next(h for h in _circle(3)["handvatten"] if h["key"] == CONVERSATION_HANDVAT_KEY)
    return {"handvat_title": handvat["title"], **handvat["steps"][1]}


# The groepsklimaat handvat's questions the log does not store as fields: "Vind
# je dit voldoende …" asks about the "momenten" question before it, and the two
# style sentences and "Wat doe je als …" are asked beside the note, not lost.
MOMENTS_KEY = "momenten"
REFLECTION_KEYS = ("kan-ik-goed", "vind-ik-lastiger", "vastlopen")


def reflection_questions() -> list[dict]:
    """The style sentences (as "… (vul aan)") and "Wat doe je als …", quoted."""
    found = []
    for key in REFLECTION_KEYS:
        question = _question(key)
        if question.get("label"):
            found.append({"label": question["label"]})
        if question.get("prefix"):
            found.append({"label": f"{question['prefix']}... (vul aan)"})
    return found


@lru_cache(maxsize=1)
def thermometer_passage() -> str:
    """Cirkel 2's line on the gevoelsthermometer (sociaal-emotioneel leren), as it stands."""
    blocks = [b for h in _circle(2)["handvatten"] for b in h.get("intro", [])]
    for block in blocks:
        for line in block.get("list", []):
            if isinstance(line, str) and "gevoelsthermometer" in line:
                return line
    raise KeyError("gevoelsthermometer")
