from django import template
from django.utils.html import conditional_escape, format_html

from circles import marking
from circles.answers import read_answer

register = template.Library()


@register.filter
def answer_lines(value, question) -> list[str]:
    """An answer as readable lines (for earlier rounds, read-only views and conflicts)."""
    return read_answer(question, value).as_lines()


@register.filter
def answer_text(value, question) -> str:
    return "; ".join(answer_lines(value, question))


@register.filter
def get_answer(answers: dict, key: str):
    return (answers or {}).get(key)


# The handreiking's words and ours (see circles/marking.py) ----------------------


@register.filter
def marked(item: dict) -> str:
    return marking.marked(item)


@register.filter
def quoted(text: str) -> str:
    return marking.quote(text)


@register.filter
def with_note(block: dict) -> str:
    """A paragraph with its footnote mark after the words the handreiking marks."""
    text, note = block["p"], block.get("note")
    if not note or note["after"] not in text:
        return conditional_escape(text)
    before, after = text.split(note["after"], 1)
    return format_html(
        '{}{}<sup><a href="#voetnoot-{}" id="voetnootmark-{}" class="footnote-mark">{}</a></sup>{}',
        before,
        note["after"],
        note["number"],
        note["number"],
        note["number"],
        after,
    )
