from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from circles import marking
from sociogram import questions

register = template.Library()

STATUS_LABELS = {
    "populair": _("populair"),
    "afgewezen": _("afgewezen"),
    "genegeerd": _("genegeerd"),
    "controversieel": _("controversieel"),
    "gemiddeld": _("gemiddeld"),
}


@register.filter
def score(value: float) -> str:
    """A z-score with one decimal and a real minus sign, Dutch decimal comma."""
    text = f"{value:+.1f}".replace(".", ",").replace("-", "−")
    return "0,0" if text in ("+0,0", "−0,0") else text


@register.filter
def percent(value: float) -> str:
    return f"{round(value * 100)} %"


@register.filter
def status_label(value: str | None) -> str:
    return STATUS_LABELS.get(value, _("niet ingedeeld")) if value else _("niet ingedeeld")


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def question_text(question: dict) -> str:
    """A sociogram question: the handreiking's words in quotation marks, a
    question the teacher reworded as theirs, with the handreiking's beside it."""
    if not questions.is_reworded(question):
        return marking.quote(question["text"])
    return format_html(
        '{} <span class="small text-body-secondary">({} {})</span>',
        question["text"],
        _("aangepast; in de handreiking:"),
        marking.quote(questions.original(question["key"])),
    )
