from django import template
from django.utils.html import conditional_escape, format_html

from circles import marking
from circles.content import label

register = template.Library()


@register.filter
def answer_lines(value, question) -> list[str]:
    """An answer as readable lines (for earlier rounds, read-only views and conflicts)."""
    if value in (None, "", [], {}):
        return []
    kind = question.get("type")
    if kind in ("text", "sentence"):
        prefix = f"{question['prefix']} " if kind == "sentence" else ""
        return [f"{prefix}{value}"]
    if kind == "scale":
        return [next((label(o) for o in question["options"] if o["key"] == value), str(value))]
    if kind == "choices":
        chosen = [label(o) for o in question["options"] if o["key"] in value.get("selected", [])]
        if value.get("other"):
            chosen.append(value["other"])
        return chosen
    if kind == "per_item":
        columns = {c["key"]: label(c) for c in question["columns"]}
        return [
            f"{label(item)} — {columns.get(value[item['key']], '')}"
            for item in question["items"]
            if value.get(item["key"])
        ]
    if kind == "rating":
        return [
            f"{label(item)}: {value[item['key']]}"
            for item in question["items"]
            if value.get(item["key"])
        ]
    if kind == "plan":
        parts = [value.get("wat", ""), value.get("wanneer", ""), value.get("met_wie", "")]
        line = " · ".join(part for part in parts if part)
        return [line] if line else []
    return [str(value)]


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
