"""``{% fragment_cache "name" vary … %}…{% endfragment_cache %}``: rendered once per process.

For the parts of a page that depend only on the code, the language and what
the tag names (the school's slug, a circle's number, the handreiking edition's
checksum): the circles in the menu, the pond on the home page, a circle's
texts. Rendering them is most of a page's time (issue 8), yet they change only
with a deploy or a new edition.

The HTML is kept in this process's memory, not in the shared cache, so a
deploy with changed templates can never serve old HTML. Nothing inside may
depend on the user, the session (a CSRF token), messages or the time: one
member's fragment is served to every member of the school.
"""

from collections import OrderedDict

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MAX_FRAGMENTS = 5000
_fragments: OrderedDict[tuple, str] = OrderedDict()


def clear() -> None:
    """Forget every fragment (for tests: a new edition has a checksum of its own)."""
    _fragments.clear()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, template_name: str, name: str, vary: list):
        self.nodelist = nodelist
        self.template_name = template_name
        self.name = name
        self.vary = vary

    def render(self, context) -> str:
        key = (
            self.template_name,
            self.name,
            get_language(),
            *(str(value.resolve(context)) for value in self.vary),
        )
        html = _fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            _fragments[key] = html
            if len(_fragments) > MAX_FRAGMENTS:
                _fragments.popitem(last=False)
        return mark_safe(html)


@register.tag
def fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            '{% fragment_cache %} needs a quoted name: {% fragment_cache "name" vary … %}'
        )
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentCacheNode(nodelist, parser.origin.name, bits[1][1:-1], vary)
