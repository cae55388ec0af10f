"""Texts in the templates that Django renders wrongly without a word of warning."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
BLOCK = re.compile(r"\{% blocktrans(?:late)?\b.*?%\}(.*?)\{% endblocktrans(?:late)? %\}", re.S)


def test_no_blocktrans_uses_a_filter_or_an_attribute_inside():
    """Inside {% blocktrans %} only plain names work: ``{{ word|capfirst }}`` renders
    as nothing (the beheer overview said "en leerlingen"). Filter in ``with``."""
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for block in BLOCK.findall(path.read_text()):
            found += [
                f"{path.relative_to(TEMPLATES)}: {{{{{v}}}}}"
                for v in re.findall(r"\{\{(.*?)\}\}", block)
                if "|" in v or "." in v
            ]
    assert found == []
