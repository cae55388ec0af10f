"""The pyramid's pages: the pyramid of a school year, its aanbod and answers, the history, the PDF.

Every member reads; the kernteam and IB'ers edit (README.md). Every form
works without JavaScript; htmx only adds the live refresh and in-place moves.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from circles import content, marking
from circles.models import Circle
from pyramid import board, layers, selectors, services
from pyramid.balance import diagnose
from pyramid.compare import compare as compare_entries
from pyramid.forms import ItemForm, MoveForm, NotesForm
from pyramid.models import Item, Layer, Pyramid
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once
from welbevinden.core.pagecache import cached_page
from welbevinden.reports.service import (
    ReportLimitExceeded,
    cache_key,
    pdf_response,
    report_pdf,
)
from welbevinden.schools.models import Role, SchoolYear

EDITORS = (Role.KERNTEAM, Role.IB)


def _can_edit(access: SchoolAccess) -> bool:
    return access.has_role(*EDITORS)


def _scoped_item(access: SchoolAccess, code) -> Item:
    # Items hang from a pyramid; the lookup is scoped through it to the school.
    try:
        return Item.objects.select_related("pyramid__school_year").get(
            code=code, pyramid__school=access.school
        )
    except (Item.DoesNotExist, ValueError):
        raise Http404 from None


def board_context(access: SchoolAccess, pyramid: Pyramid, request=None) -> dict:
    """What the pyramid page, its live refresh and the PDF show: a fixed number of queries.

    With the request (the board on a page, not the PDF), each item's HTML too.
    """
    items = selectors.items_of(pyramid)
    notes = selectors.notes_of(pyramid)
    words = selectors.content()
    can_edit = _can_edit(access)
    diagnosis = diagnose(selectors.facts(items))
    per_layer = {layer: [i for i in items if i.layer == layer] for layer in layers.BOTTOM_UP}
    if request is not None:
        board.items_html(
            access.school.slug, per_layer, can_edit=can_edit, csrf_token=get_token(request)
        )
    chart = selectors.chart_of(items, words)
    sections = []
    for layer in layers.TOP_DOWN:
        note = notes.get(layer)
        answers = (note.answers if note else None) or {}
        sections.append(
            {
                "layer": layer,
                "label": Layer(layer).label,
                "text": words["layer_texts"][layer],
                "items": per_layer[layer],
                "questions": words["questions"][layer],
                # Marked and answered here, once per question (the page).
                "asked": [
                    (marking.marked(question), answers.get(question["key"]))
                    for question in words["questions"][layer]
                ],
                "note": note,
                "count": diagnosis.counts[layer],
            }
        )
    return {
        "pyramid": pyramid,
        "sections": sections,
        "chart": chart,
        "diagnosis": diagnosis,
        "words": words,
        "stamp": selectors.stamp(pyramid),
        "can_edit": can_edit,
        "layers": Layer,
    }


@school_view()
@require_GET
@cached_page
def page(request, access: SchoolAccess):
    years = selectors.years(access.school)
    code = request.GET.get("jaar")
    if code:
        # The school's own years are already loaded: a code of another school's is 404.
        year = next((y for y in years if str(y.code) == code), None)
        if year is None:
            raise Http404
    else:
        year = next((y for y in years if y.is_current), None)
    pyramid = selectors.pyramid_for(access.school, year)
    context = {"year": year, "years": years, "can_edit": _can_edit(access)}
    if pyramid is None:
        context["words"] = selectors.content()
        return render(request, "pyramid/start.html", context)
    context.update(board_context(access, pyramid, request))
    start = pyramid.school_year.start_year
    context["copy_targets"] = [y for y in years if y.start_year > start and not y.has_pyramid]
    context["compare_with"] = [y for y in years if y.has_pyramid and y.start_year != start]
    return render(request, "pyramid/page.html", context)


@school_view()
@require_GET
def live(request, access: SchoolAccess, code):
    """Polled by the open page: 204 when nothing changed, else the fresh board."""
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    try:
        since = int(request.GET.get("sinds", 0))
    except ValueError:
        since = 0
    if selectors.stamp(pyramid) == since:
        return HttpResponse(status=204)
    return render(request, "pyramid/_board.html", board_context(access, pyramid, request))


@school_view(*EDITORS)
@require_POST
def start(request, access: SchoolAccess):
    year = access.school.current_year()
    code = request.POST.get("jaar")
    if code:
        year = access.get(SchoolYear, code)
    if year is None:
        messages.error(request, _("Er is nog geen schooljaar; de beheerder legt dat eerst vast."))
        return redirect("dashboard:home", access.school.slug)
    pyramid = services.start_pyramid(school=access.school, year=year, user=request.user)
    return _to_page(access, pyramid)


def _to_page(access: SchoolAccess, pyramid: Pyramid, anchor: str = ""):
    url = f"{_page_url(access, pyramid)}{anchor}"
    return redirect(url)


def _page_url(access: SchoolAccess, pyramid: Pyramid) -> str:
    return f"{reverse('pyramid:page', args=[access.school.slug])}?jaar={pyramid.school_year.code}"


def _item_form(request, access: SchoolAccess, *, instance=None, data=None, initial=None):
    return ItemForm(
        data,
        instance=instance,
        initial=initial,
        school=access.school,
        circles=list(Circle.objects.order_by("number")),
    )


@school_view()
@require_http_methods(["GET", "POST"])
@create_once
def item_add(request, access: SchoolAccess, code):
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    # Another school's object is 404 before a missing role is 403.
    access.require_role(*EDITORS)
    layer = request.GET.get("laag")
    initial = {"layer": layer if layer in Layer.values else Layer.BASIS}
    form = _item_form(request, access, data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = services.add_item(pyramid=pyramid, data=form.item_data(), user=request.user)
        messages.success(request, _("‘%(name)s’ staat in de piramide.") % {"name": item.name})
        return _to_page(access, pyramid, f"#laag-{item.layer}")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "pyramid": pyramid, "page_url": _page_url(access, pyramid)}
    return render(request, "pyramid/item_form.html", context, status=status)


@school_view()
@require_http_methods(["GET", "POST"])
def item_edit(request, access: SchoolAccess, code):
    item = _scoped_item(access, code)
    # Another school's object is 404 before a missing role is 403.
    access.require_role(*EDITORS)
    pyramid = item.pyramid
    form = _item_form(request, access, instance=item, data=request.POST or None)
    theirs = None
    if request.method == "POST" and form.is_valid():
        conflict = services.update_item(
            item=Item.objects.get(pk=item.pk),
            data=form.item_data(),
            version=form.cleaned_data.get("version") or 0,
            user=request.user,
        )
        if conflict is None:
            messages.success(request, _("Opgeslagen."))
            return _to_page(access, pyramid, f"#aanbod-{item.code}")
        theirs = Item.objects.select_related(
            "owner_member__user", "owner_partner", "updated_by"
        ).get(pk=item.pk)
        # The next save is a deliberate choice for this version over theirs.
        data = request.POST.copy()
        data["version"] = str(theirs.version)
        # The form's instance is a copy: validating it writes this person's
        # values into it, and ``theirs`` must stay theirs.
        form = _item_form(request, access, instance=Item.objects.get(pk=item.pk), data=data)
        form.is_valid()
    context = {
        "form": form,
        "item": item,
        "theirs": theirs,
        "pyramid": pyramid,
        "page_url": _page_url(access, pyramid),
    }
    status = 409 if theirs else (400 if request.method == "POST" else 200)
    return render(request, "pyramid/item_form.html", context, status=status)


@school_view()
@require_POST
def item_delete(request, access: SchoolAccess, code):
    item = _scoped_item(access, code)
    # Another school's object is 404 before a missing role is 403.
    access.require_role(*EDITORS)
    pyramid = item.pyramid
    services.delete_item(item=item, user=request.user)
    messages.success(request, _("‘%(name)s’ is uit de piramide gehaald.") % {"name": item.name})
    return _to_page(access, pyramid, f"#laag-{item.layer}")


@school_view()
@require_POST
def item_move(request, access: SchoolAccess, code):
    item = _scoped_item(access, code)
    # Another school's object is 404 before a missing role is 403.
    access.require_role(*EDITORS)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_item(
            item=item,
            user=request.user,
            layer=form.cleaned_data.get("layer") or None,
            step=form.cleaned_data.get("step") or 0,
        )
    if request.htmx:
        context = board_context(access, item.pyramid, request)
        return render(request, "pyramid/_board.html", context)
    return _to_page(access, item.pyramid, f"#aanbod-{item.code}")


@school_view()
@require_http_methods(["GET", "POST"])
def notes_edit(request, access: SchoolAccess, code, layer: str):
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    # Another school's object is 404 before a missing role is 403.
    access.require_role(*EDITORS)
    if layer not in Layer.values:
        raise Http404
    words = selectors.content()
    questions = words["questions"][layer]
    note = selectors.notes_of(pyramid).get(layer)
    initial = {**(note.answers if note else {}), "version": note.version if note else 0}
    form = NotesForm(request.POST or None, initial=initial, questions=questions)
    theirs = None
    if request.method == "POST" and form.is_valid():
        conflict = services.save_notes(
            pyramid=pyramid,
            layer=layer,
            answers=form.answers(),
            version=form.cleaned_data.get("version") or 0,
            user=request.user,
        )
        if conflict is None:
            messages.success(request, _("Antwoorden opgeslagen."))
            return _to_page(access, pyramid, f"#laag-{layer}")
        theirs = conflict.current
        data = request.POST.copy()
        data["version"] = str(theirs.version)
        form = NotesForm(data, questions=questions)
        form.is_valid()
    context = {
        "form": form,
        "pyramid": pyramid,
        "layer": layer,
        "layer_label": Layer(layer).label,
        "rows": [(q, form[q["key"]]) for q in questions],
        "theirs": theirs,
        "page_url": _page_url(access, pyramid),
    }
    status = 409 if theirs else (400 if request.method == "POST" else 200)
    return render(request, "pyramid/notes_form.html", context, status=status)


@school_view()
@require_GET
def history(request, access: SchoolAccess, code):
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    context = {
        "pyramid": pyramid,
        "changes": selectors.history(pyramid),
        "page_url": _page_url(access, pyramid),
        "layers": Layer,
    }
    return render(request, "pyramid/history.html", context)


@school_view()
@require_GET
def pdf(request, access: SchoolAccess, code):
    """The pyramid on A4 landscape, through the one report service."""
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    today = timezone.localdate()
    key = cache_key("piramide")

    def context() -> dict:
        return {
            **board_context(access, pyramid),
            "school": access.school,
            "report_title": _("Ondersteuningspiramide %(year)s") % {"year": pyramid.school_year},
            "made_on": today,
            "made_by": access.user.full_name,
            "source": content.source(),
        }

    try:
        body = report_pdf(key=key, template="pyramid/print.html", context=context)
    except ReportLimitExceeded:
        # The report service's own message speaks of groups and periods.
        message = _(
            "De PDF van deze piramide wordt te lang om te maken. Haal gestopt aanbod uit de "
            "piramide of maak lange beschrijvingen korter, en probeer het opnieuw."
        )
        return render(request, "reports/problem.html", {"message": message}, status=422)
    filename = f"ondersteuningspiramide-{access.school.slug}-{pyramid.school_year.name}.pdf"
    return pdf_response(body, filename=filename)


@school_view()
@require_POST
def copy(request, access: SchoolAccess, code):
    """This pyramid as the start of a later school year's."""
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    # Another school's object is 404 before a missing role is 403.
    access.require_role(*EDITORS)
    try:
        year = access.get(SchoolYear, request.POST.get("jaar", ""))
    except Http404:
        year = None
    if year is None or year.start_year <= pyramid.school_year.start_year:
        messages.error(request, _("Kies een later schooljaar om de piramide naar te kopiëren."))
        return _to_page(access, pyramid)
    if Pyramid.objects.filter(school_year=year).exists():
        messages.error(
            request,
            _("Schooljaar %(year)s heeft al een piramide; er is niets gekopieerd.")
            % {"year": year},
        )
        return _to_page(access, pyramid)
    copy = services.copy_pyramid(pyramid=pyramid, year=year, user=request.user)
    messages.success(
        request,
        _("De piramide staat nu ook in %(year)s; stopt er iets, zet het daar op ‘gestopt’.")
        % {"year": year},
    )
    return _to_page(access, copy)


@school_view()
@require_GET
def compare(request, access: SchoolAccess, code):
    """Two years side by side: added, stopped, no longer in the pyramid, moved between layers."""
    pyramid = access.get(Pyramid, code, Pyramid.objects.select_related("school_year"))
    others = Pyramid.objects.filter(school=access.school).exclude(pk=pyramid.pk)
    other_code = request.GET.get("met")
    if other_code:
        other = _pyramid_of_year(access, others, other_code)
    else:
        other = (
            others.filter(school_year__start_year__lt=pyramid.school_year.start_year)
            .select_related("school_year")
            .order_by("-school_year__start_year")
            .first()
        )
    if other is None:
        messages.info(
            request, _("Er is nog geen piramide van een ander schooljaar om mee te vergelijken.")
        )
        return _to_page(access, pyramid)
    earlier, later = sorted([pyramid, other], key=lambda p: p.school_year.start_year)
    comparison = compare_entries(selectors.entries(earlier), selectors.entries(later))
    context = {
        "pyramid": pyramid,
        "earlier": earlier,
        "later": later,
        "comparison": comparison,
        "layers": Layer,
        "page_url": _page_url(access, pyramid),
        "years": [y for y in selectors.years(access.school) if y.has_pyramid],
    }
    return render(request, "pyramid/compare.html", context)


def _pyramid_of_year(access: SchoolAccess, pyramids, year_code) -> Pyramid:
    year = access.get(SchoolYear, year_code)
    found = pyramids.filter(school_year=year).select_related("school_year").first()
    if found is None:
        raise Http404
    return found
