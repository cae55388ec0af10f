"""Reading the handreiking's content from the YAML files in content/handreiking/.

Pure Python (no Django models), so the content can be checked on its own.
The schema is described in content/SCHEMA.md.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content" / "handreiking"
SOURCE_FILE = (
    Path(__file__).resolve().parent
    / "content"
    / "source"
    / "handreiking-preventief-werken-aan-welbevinden.txt"
)
SCOPES = {"personal", "group", "school"}
# A step may belong to another owner than its handvat: a personal step of a
# school handvat (the teacher's own goals), or a shared step after a personal
# preparation (what a pair or trio of colleagues agrees to share).
STEP_SCOPES = SCOPES | {"shared"}
QUESTION_TYPES = {"text", "scale", "choices", "per_item", "sentence", "rating", "plan"}


class ContentError(ValueError):
    """The content files break the schema; the message says where."""


@lru_cache(maxsize=4)
def load_files(directory: Path = CONTENT_DIR) -> dict:
    """All parts: {'inleiding': {...}, 'circles': [circle, ...]} sorted by number."""
    inleiding = yaml.safe_load((directory / "inleiding.yaml").read_text(encoding="utf-8"))
    circles = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("cirkel-*.yaml"))
    ]
    circles.sort(key=lambda circle: circle["number"])
    content = {"inleiding": inleiding, "circles": circles}
    validate(content)
    return content


def checksum(directory: Path = CONTENT_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def validate(content: dict) -> None:
    numbers = [circle["number"] for circle in content["circles"]]
    if numbers != [1, 2, 3, 4, 5, 6]:
        raise ContentError(f"Expected circles 1-6, found {numbers}.")
    handvat_keys: set[str] = set()
    for circle in content["circles"]:
        for handvat in circle.get("handvatten", []):
            where = f"cirkel {circle['number']}, handvat {handvat.get('key')!r}"
            if handvat["key"] in handvat_keys:
                raise ContentError(f"{where}: the key is used twice.")
            handvat_keys.add(handvat["key"])
            if handvat.get("scope") not in SCOPES:
                raise ContentError(f"{where}: scope must be one of {sorted(SCOPES)}.")
            if not handvat.get("steps"):
                raise ContentError(f"{where}: has no steps.")
            question_keys: set[str] = set()
            for step in handvat["steps"]:
                if step.get("scope", handvat["scope"]) not in STEP_SCOPES:
                    allowed = sorted(STEP_SCOPES)
                    raise ContentError(f"{where}: a step's scope must be one of {allowed}.")
                for question in step.get("questions", []):
                    qwhere = f"{where}, question {question.get('key')!r}"
                    if question.get("type") not in QUESTION_TYPES:
                        raise ContentError(f"{qwhere}: unknown type {question.get('type')!r}.")
                    if question["key"] in question_keys:
                        raise ContentError(f"{qwhere}: the key is used twice.")
                    question_keys.add(question["key"])
                    has_label = question.get("label") or question.get("own_label")
                    if not has_label and question["type"] != "sentence":
                        raise ContentError(f"{qwhere}: needs a label or own_label.")


def parts(handvat: dict) -> list[str]:
    """The scopes a handvat's steps are filled in for; the handvat's own scope first."""
    found = [handvat["scope"]]
    for step in handvat["steps"]:
        scope = step.get("scope", handvat["scope"])
        if scope not in found:
            found.append(scope)
    return found


def steps_for(handvat: dict, scope: str) -> list[dict]:
    """The steps a round of this scope fills in.

    A round whose scope no step has (from before a handvat's steps were
    split between owners) shows every step, so no answer becomes unreachable.
    """
    steps = [s for s in handvat["steps"] if s.get("scope", handvat["scope"]) == scope]
    return steps or handvat["steps"]


def questions(handvat: dict) -> list[dict]:
    return [question for step in handvat["steps"] for question in step.get("questions", [])]


def label(item: dict) -> str:
    """The text to show for a question, option or item: the handreiking's or ours."""
    return item.get("label") or item.get("own_label") or ""


def is_quoted(item: dict) -> bool:
    """Whether a question's, option's or item's text is the handreiking's (``label``)."""
    return bool(item.get("label"))


def source() -> dict:
    """The publication: title, subtitle, publisher, edition and links (inleiding.yaml)."""
    data = load_files()["inleiding"]["source"]
    return {
        "title": data["title"],
        "subtitle": data["subtitle"],
        "publisher": data["own_publisher"],
        "edition": data.get("own_edition") or "",
        "url": data["url"],
        "url_label": data["own_url_label"],
        "theory_url": data["theory"]["url"],
        "theory_label": data["theory"]["own_label"],
    }


# Quoted or ours ---------------------------------------------------------------

# Fields that hold no running text (keys, addresses, flags).
NOT_TEXT = {"key", "type", "scope", "url", "number", "other", "handvat", "step", "leads_to"}
OWN_PREFIX = "own_"


def texts(node, path: str = ""):
    """Every text in the content as (path, field, text).

    The marking rule of the content files: a text in a field whose name
    starts with ``own_`` is ours; every other text is quoted from the
    handreiking, word for word.
    """
    if isinstance(node, dict):
        for field, value in node.items():
            if field in NOT_TEXT:
                continue
            where = f"{path}.{field}" if path else field
            if isinstance(value, str):
                yield where, field, value
            else:
                yield from texts(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                yield f"{path}[{index}]", path.rsplit(".", 1)[-1], value
            else:
                yield from texts(value, f"{path}[{index}]")


def content_texts(content: dict | None = None):
    """(path, text, ours) for every text of every content file."""
    content = content or load_files()
    parts = [("inleiding", content["inleiding"])] + [
        (f"cirkel-{circle['number']}", circle) for circle in content["circles"]
    ]
    for name, part in parts:
        for path, field, text in texts(part, name):
            ours = field.startswith(OWN_PREFIX) or f".{OWN_PREFIX}" in path
            yield path, text, ours


# Faithfulness ------------------------------------------------------------------

_SQUASH_DROP = str.maketrans("", "", "\ufffd•\u00ad")


def squash(text: str) -> str:
    """Text without white space or bullet characters, to compare across line breaks."""
    return "".join(text.translate(_SQUASH_DROP).split())


def squashed_source(path: Path = SOURCE_FILE) -> str:
    """The source, squashed; twice over: as printed, and with words that the PDF
    hyphenated at a line end joined again ("animatiefilm-\npjes")."""
    # Lines that are only a URL are the PDF's link annotations; they are
    # printed wherever a page ended, sometimes inside a sentence.
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.strip().startswith(("http://", "https://")))
    joined = re.sub(r"-\n\s*(?=[a-zà-ÿ])", "", text)
    return squash(text) + "\n" + squash(joined)


MIN_PIECE = 12
MAX_GAP = 400
MAX_GAPS = 2


def occurs_in_source(text: str, source: str) -> bool:
    """Whether ``text`` is copied from the source, allowing for extraction damage.

    The text must be the source's own words in the source's order. It may
    skip at most two short stretches of the source: the page furniture (a
    running head, a page number, a diagram label) or a footnote digit that
    the PDF printed inside a sentence. Nothing may be added or changed.
    """
    wanted = squash(text)
    if not wanted:
        return True
    if wanted in source:
        return True
    gaps, rest, window_start = 0, wanted, 0
    first = True
    while rest:
        # The longest prefix of what is left that occurs (in the allowed window).
        low, high, found_at = 0, len(rest), -1
        while low < high:
            middle = (low + high + 1) // 2
            at = _find(source, rest[:middle], window_start, first)
            if at >= 0:
                low, found_at = middle, at
            else:
                high = middle - 1
        if low == len(rest):
            return True
        if low < MIN_PIECE:
            return False
        gaps += 0 if first else 1
        if gaps > MAX_GAPS:
            return False
        window_start = found_at + low
        rest = rest[low:]
        first = False
    return True


def _find(source: str, piece: str, window_start: int, anywhere: bool) -> int:
    if anywhere:
        return source.find(piece)
    at = source.find(piece, window_start, window_start + MAX_GAP + len(piece))
    return at
