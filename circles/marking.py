"""How the handreiking's words are told apart from ours on every page.

The convention (explained by ``templates/circles/_legend.html``): the
handreiking's words stand in quotation marks (a ``<q>`` element, so the marks
are text, not only colour), and longer passages in a quotation block with the
source under it; our own prompts, options and labels are plain text.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from circles.content import is_quoted, label


def quote(text: str) -> SafeString:
    return format_html('<q class="hr">{}</q>', text)


def marked(item: dict) -> SafeString:
    """A question's, option's or item's text, quoted when it is the handreiking's."""
    text = label(item)
    return quote(text) if is_quoted(item) else format_html("{}", text)
