import uuid

from django import template
from django.utils.html import format_html

from welbevinden.core.once import FIELD, token_of

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context):
    """The hidden one-time token of a create form (welbevinden/core/once.py). A form sent
    back with errors keeps the token it was sent with, so its corrected send still counts
    as the first."""
    request = context.get("request")
    token = token_of(request) if request is not None and request.method == "POST" else None
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token or uuid.uuid4())
