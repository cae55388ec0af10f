"""The climate log's entry card (``climate/_entry.html``), its text parts built in Python.

A performance reason (issue 24): the group's log lists every entry of the
school year, and these parts took about half of the page's rendering as template
tags. The markup is the card's as before; the fragment keeps the frame and the
actions that depend on the reader.
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from circles.marking import marked

register = template.Library()


@register.filter
def entry_card(entry) -> dict[str, SafeString]:
    """The heading, the byline and the fields (the ``<dl>``'s content) of a climate entry."""
    level = entry.level_option
    level_value = level.value if level else 0
    heading = format_html(
        '{} · <span class="badge climate-level level-{}">{}</span> {}',
        date_format(entry.day, "l j F Y"),
        level_value,
        level_value,
        marked(level.as_item()) if level else "",
    )
    author = entry.author.full_name if entry.author_id and entry.author else ""
    byline = conditional_escape(author or _("onbekend"))
    if entry.is_private:
        byline = format_html(
            '{} · <i class="bi bi-lock" aria-hidden="true"></i> {}', byline, _("alleen jij")
        )
    fields = []
    if entry.phase_option:
        fields.append(format_html("<dt>{}</dt><dd>{}</dd>", _("Fase"), capfirst(entry.phase)))
    time, approach = entry.time_option, entry.approach_option
    if time or approach:
        fields.append(
            format_html(
                "<dt>{}</dt><dd>{}{}{}</dd>",
                _("Groepsdynamiek"),
                time.text if time else "",
                " · " if time and approach else "",
                approach.text if approach else "",
            )
        )
    if entry.went_well:
        fields.append(
            format_html(
                '<dt>{}</dt><dd class="text-prewrap">{}</dd>', _("Wat ging goed"), entry.went_well
            )
        )
    if entry.worries:
        fields.append(
            format_html('<dt>{}</dt><dd class="text-prewrap">{}</dd>', _("Zorgen"), entry.worries)
        )
    if entry.has_action:
        step = (
            format_html('<span class="text-prewrap">{}</span>', entry.next_step)
            if entry.next_step
            else ""
        )
        option = entry.next_option
        if option:
            step = format_html(
                '{}{}<span class="small">{} {}</span>',
                step,
                mark_safe("<br>") if entry.next_step else "",
                _("Uit de handreiking:"),
                marked(option.as_item()),
            )
        if entry.followed_up_at:
            day = date_format(timezone.localtime(entry.followed_up_at), "j F")
            followed = format_html(
                '<i class="bi bi-check2-circle" aria-hidden="true"></i> {}',
                mark_safe(_("Opgevolgd op %(day)s") % {"day": conditional_escape(day)}),
            )
        else:
            followed = conditional_escape(_("Nog niet opgevolgd"))
        fields.append(
            format_html(
                '<dt>{}</dt><dd>{}\n      <br><span class="small">{}</span></dd>',
                _("Volgende stap"),
                step,
                followed,
            )
        )
    if entry.carried_over:
        fields.append(
            format_html(
                '<dt>{}</dt><dd class="text-prewrap small">{}</dd>',
                _("Uit het handvat"),
                entry.carried_over,
            )
        )
    return {"heading": heading, "byline": byline, "fields": mark_safe("\n    ".join(fields))}
