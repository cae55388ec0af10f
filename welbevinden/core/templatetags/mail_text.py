"""Filters for plain-text e-mail templates.

Plain-text mail is rendered with autoescape off (HTML entities would show as
``&#x27;``), so text that people typed goes through ``one_line`` instead: a
name can never start a line or a paragraph of its own in the mail.
"""

from django import template

from welbevinden.text import one_line as _one_line

register = template.Library()


@register.filter
def one_line(value) -> str:
    return _one_line(value)
