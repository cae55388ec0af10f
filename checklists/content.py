"""The shipped checklists (``content/*.yaml``) as plain data.

Read once per process: the files are part of the release. Pure Python, so
the faithfulness test can walk them without a database.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content"
ORDER = ["beginsituatie", "gedragsverwachtingen", "sociale-veiligheid", "fundament"]
# Fields that hold no text for people to read.
NOT_TEXT = {"key", "version", "url", "handvat", "derived", "circle"}


@cache
def checklists() -> dict[str, dict]:
    found = {}
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[data["key"]] = data
    return {key: found[key] for key in ORDER if key in found} | found


def get(key: str) -> dict | None:
    return checklists().get(key)


def items(checklist: dict) -> list[dict]:
    return [item for section in checklist["sections"] for item in section["items"]]


def item_label(item: dict) -> str:
    return item.get("label") or item.get("own_label", "")


def texts(data=None, path: str = "", own: bool = False):
    """Every text in the checklists as (path, text, ours)."""
    if data is None:
        for key, checklist in checklists().items():
            yield from texts(checklist, key)
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NOT_TEXT:
                continue
            yield from texts(value, f"{path}.{key}", own or key.startswith("own_"))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, f"{path}[{index}]", own)
    elif isinstance(data, str):
        yield path, data, own
