from django import template

from circles.content import label

register = template.Library()


@register.filter
def answer_text(value, question) -> str:
    """An answer as readable text (for earlier rounds, read-only views and conflicts)."""
    if value in (None, "", [], {}):
        return ""
    kind = question.get("type")
    if kind in ("text", "sentence"):
        prefix = f"{question['prefix']} " if kind == "sentence" else ""
        return f"{prefix}{value}"
    if kind == "scale":
        return next((label(o) for o in question["options"] if o["key"] == value), str(value))
    if kind == "choices":
        chosen = [label(o) for o in question["options"] if o["key"] in value.get("selected", [])]
        if value.get("other"):
            chosen.append(value["other"])
        return "; ".join(chosen)
    if kind == "per_item":
        columns = {c["key"]: label(c) for c in question["columns"]}
        return "; ".join(
            f"{label(item)}: {columns.get(value[item['key']], '')}"
            for item in question["items"]
            if value.get(item["key"])
        )
    if kind == "rating":
        return "; ".join(
            f"{label(item)}: {value[item['key']]}"
            for item in question["items"]
            if value.get(item["key"])
        )
    if kind == "plan":
        parts = [value.get("wat", "")]
        if value.get("wanneer"):
            parts.append(value["wanneer"])
        if value.get("met_wie"):
            parts.append(value["met_wie"])
        return " · ".join(part for part in parts if part)
    return str(value)


@register.filter
def own_or_label(item) -> str:
    return label(item)


@register.filter
def get_answer(answers: dict, key: str):
    return (answers or {}).get(key)
