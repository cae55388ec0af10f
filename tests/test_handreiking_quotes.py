"""Every string the app shows as the handreiking's, wherever it lives, is the
handreiking's own (issue 22, point 11), and is shown as a quote.

Three homes: the content files (YAML, circles and checklists), Python modules
that hold quoted words (the sociogram's questions, the climate log's
werkvormen), and templates (a literal text inside ``<q class="hr">`` or a
``<blockquote>``). The seed is compared normalised (white space, hyphenation,
page furniture: ``circles.content.occurs_in_source``).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from checklists import content as checklists_content
from circles import content, marking
from circles.climate import content as climate_content
from sociogram import questions
from sociogram.templatetags.sociogram_tags import question_text
from tests.circles.test_content import _seed_file

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# A literal text the template marks as the handreiking's.
_TRANS = r'\{%\s*trans\s+"([^"]+)"\s*%\}'
IN_Q = re.compile(r'<q class="hr">\s*(?:' + _TRANS + r"|([^<{]+?))\s*</q>")
IN_BLOCKQUOTE = re.compile(r"<blockquote\b.*?</blockquote>", re.S)
# A quotation's attribution (who said it, where) is ours.
ATTRIBUTION = re.compile(r"<(footer|figcaption)\b.*?</\1>", re.S)
# The legend shows what quotation marks look like; it quotes nothing.
NOT_QUOTES = {"Tussen aanhalingstekens"}


def template_quotes() -> list[tuple[str, str]]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(TEMPLATES))
        for match in IN_Q.finditer(text):
            found.append((name, (match.group(1) or match.group(2)).strip()))
        for block in IN_BLOCKQUOTE.findall(text):
            found += [(name, t) for t in re.findall(_TRANS, ATTRIBUTION.sub("", block))]
    return [(name, t) for name, t in found if t not in NOT_QUOTES]


def python_quotes() -> list[tuple[str, str]]:
    return [(f"sociogram.questions:{key}", text) for key, text, _ in questions.DEFAULTS] + [
        (f"circles.climate.content.WERKVORMEN:{key}", text)
        for key, text in climate_content.WERKVORMEN.items()
    ]


def content_quotes() -> list[tuple[str, str]]:
    circles = [(path, text) for path, text, ours in content.content_texts() if not ours]
    checklists = [(path, text) for path, text, ours in checklists_content.texts() if not ours]
    return circles + checklists


def test_every_string_shown_as_the_handreikings_occurs_in_it():
    source = content.squashed_source(_seed_file())
    templates, python = template_quotes(), python_quotes()
    # The walks reach what they should: a template quote of each kind, every module.
    assert ("checklists/agenda.html", "Hoe betrekken jullie ouders/leerlingen bij de doelen?") in (
        templates
    )
    assert ("sociogram/notes.html", "sociaal zwakkere leerlingen") in templates
    assert len(python) == 10
    everything = content_quotes() + python + templates
    assert len(everything) > 400
    missing = [
        (where, text) for where, text in everything if not content.occurs_in_source(text, source)
    ]
    assert missing == []


def test_the_template_walk_catches_a_paraphrase_and_text_outside_the_seed():
    source = content.squashed_source(_seed_file())
    html = '<q class="hr">{% trans "sociaal kwetsbare leerlingen" %}</q>'
    (text,) = [m.group(1) for m in IN_Q.finditer(html)]
    assert not content.occurs_in_source(text, source)


def test_the_python_quotes_are_rendered_as_quotes():
    for question in questions.defaults():
        assert str(question_text(question)).startswith('<q class="hr">')
    werkvormen = [o for o in climate_content.next_steps() if o.key.startswith("werkvorm:")]
    assert werkvormen and all(str(marking.marked(o.as_item())).startswith("<q") for o in werkvormen)


def test_a_missing_seed_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path / "project")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have shared/"):
        _seed_file()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        _seed_file()


def test_the_circle_pages_quote_the_kernboodschap_as_it_stands(login, cast):
    # The lead quote was capitalised ("Creëer een groep …"): the handreiking has "creëer"
    # after a colon. A quote shows the handreiking's words as they stand, case included.
    import html

    from django.urls import reverse

    source = content.squashed_source(_seed_file())
    client = login(cast.leraar)
    for number in range(1, 7):
        page = client.get(reverse("circles:circle", args=[cast.school.slug, number]))
        quotes = [html.unescape(q) for q in re.findall(r'<q class="hr">([^<]+)</q>', page.text)]
        assert quotes, number
        shown = [q for q in quotes if q not in NOT_QUOTES]
        assert [q for q in shown if not content.occurs_in_source(q, source)] == [], number
