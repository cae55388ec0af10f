"""The board's items as HTML (``pyramid/_board.html``), built in Python.

A performance reason (issue 24): the board lists every item of the pyramid,
each with its details and, for the kernteam and IB'ers, its links, move
buttons and layer select. As template tags that was most of the board's
rendering; here it is one ``format_html`` per item, with the same markup.
"""

from __future__ import annotations

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pyramid.models import Item, Layer

# Any code: a link reversed once with it, then swapped for each item's.
ANY_CODE = "00000000-0000-0000-0000-000000000000"

_ITEM = """<li class="pyramid-item{}" id="aanbod-{}">
  <div class="d-flex flex-wrap justify-content-between gap-2">
    <div class="item-body">
      <strong>{}</strong>
      <span class="badge status-{}">{}</span>
      <div class="small text-body-secondary">
        {}
      </div>
      {}
    </div>
    {}
  </div>
</li>
"""

_ACTIONS = (
    '<div class="item-actions d-flex flex-wrap gap-1 align-items-start">\n'
    '      <a class="btn btn-sm btn-outline-primary" href="{}">{}'
    '<span class="visually-hidden"> {}</span></a>\n'
    '      <form method="post" action="{}" hx-post="{}" hx-target="#piramide-bord"'
    ' hx-swap="outerHTML" class="d-flex flex-wrap gap-1">\n'
    '        <input type="hidden" name="csrfmiddlewaretoken" value="{}">\n'
    "        {}\n"
    "        {}\n"
    '        <label class="visually-hidden" for="laag-{}">{}</label>\n'
    '        <select class="form-select form-select-sm w-auto" name="layer" id="laag-{}">\n'
    "          {}\n"
    "        </select>\n"
    '        <button class="btn btn-sm btn-outline-primary">{}</button>\n'
    "      </form>\n"
    "    </div>"
)

_STEP = (
    '<button class="btn btn-sm btn-outline-primary" name="step" value="{}" title="{}">'
    '<i class="bi bi-arrow-{}" aria-hidden="true"></i>'
    '<span class="visually-hidden">{}</span></button>'
)


def _meta(item: Item, words: dict) -> SafeString:
    """The line under an item's name: for whom, reach, how often, owner, evidence, circles."""
    meta = []
    if item.target_group:
        meta.append(format_html("{} · ", item.target_group))
    if reach_label := item.reach_label:
        meta.append(format_html("{}: {} · ", words["reach"], reach_label))
    if item.frequency:
        meta.append(format_html("{} · ", item.frequency))
    if owner_name := item.owner_name:
        meta.append(format_html("{}: {}", words["owner"], owner_name))
    else:
        meta.append(conditional_escape(words["no_owner"]))
    if item.evidence:
        meta.append(format_html(" · {}", item.get_evidence_display()))
        if item.evidence_url:
            meta.append(
                format_html(
                    ' (<a href="{}" rel="noopener">{}</a>)', item.evidence_url, words["link"]
                )
            )
    if item.circles:
        numbers = ", ".join(conditional_escape(c) for c in item.circles)
        meta.append(format_html(" · {} {}", words["circle"], numbers))
    return mark_safe("".join(meta))


def items_html(
    slug: str, per_layer: dict[str, list[Item]], *, can_edit: bool, csrf_token: str
) -> None:
    """Set ``item.html`` on every item: its ``<li>`` on the board."""
    words = {
        "reach": _("bereik"),
        "owner": _("eigenaar"),
        "no_owner": _("nog geen eigenaar"),
        "link": _("link"),
        "circle": _("cirkel"),
    }
    if can_edit:
        edit_url = reverse("pyramid:item_edit", args=[slug, ANY_CODE])
        move_url = reverse("pyramid:item_move", args=[slug, ANY_CODE])
        choices = [(value, str(label)) for value, label in Layer.choices]
        selects = {
            layer: format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if value == layer else "", label)
                    for value, label in choices
                ),
            )
            for layer, _label in choices
        }
        edit, move = _("Wijzigen"), _("Verplaats")
        up_title, down_title = _("Omhoog in de lijst"), _("Omlaag in de lijst")
        up, down, layer_of = (
            _("%(name)s omhoog in de lijst"),
            _("%(name)s omlaag in de lijst"),
            _("Laag van %(name)s"),
        )
    for items in per_layer.values():
        last = len(items) - 1
        for index, item in enumerate(items):
            code = str(item.code)
            actions = ""
            if can_edit:
                name = {"name": conditional_escape(item.name)}
                item_move = move_url.replace(ANY_CODE, code)
                actions = format_html(
                    _ACTIONS,
                    edit_url.replace(ANY_CODE, code),
                    edit,
                    item.name,
                    item_move,
                    item_move,
                    csrf_token,
                    format_html(_STEP, "-1", up_title, "up", mark_safe(up % name)) if index else "",
                    format_html(_STEP, "1", down_title, "down", mark_safe(down % name))
                    if index < last
                    else "",
                    code,
                    mark_safe(layer_of % name),
                    code,
                    selects[item.layer],
                    move,
                )
            description = ""
            if item.description:
                description = format_html(
                    '<p class="small mb-0">{}</p>', linebreaksbr(item.description, autoescape=True)
                )
            item.html = format_html(
                _ITEM,
                " is-stopped" if item.status == "gestopt" else "",
                code,
                item.name,
                item.status,
                item.get_status_display(),
                _meta(item, words),
                description,
                actions,
            )
