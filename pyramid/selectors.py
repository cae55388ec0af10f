"""Reads of the pyramid app (its pages, its PDF, the circles' status hook)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _lazy

from circles import editions
from pyramid import layers
from pyramid.balance import Diagnosis, ItemFacts, diagnose
from pyramid.compare import Entry
from pyramid.models import Change, Item, Layer, LayerNote, Pyramid
from welbevinden.schools.models import SchoolYear


def years(school) -> list[SchoolYear]:
    """The school's years, newest first, each with ``has_pyramid``."""
    return list(
        SchoolYear.objects.filter(school=school)
        .annotate(has_pyramid=Exists(Pyramid.objects.filter(school_year=OuterRef("pk"))))
        .order_by("-start_year")
    )


def entries(pyramid: Pyramid) -> list[Entry]:
    return [
        Entry(id=pk, name=name, layer=layer, stopped=status == "gestopt", copied_from_id=source)
        for pk, name, layer, status, source in Item.objects.filter(pyramid=pyramid)
        .order_by("layer", "position")
        .values_list("pk", "name", "layer", "status", "copied_from_id")
    ]


def pyramid_for(school, year: SchoolYear | None) -> Pyramid | None:
    if year is None:
        return None
    last_change = Change.objects.filter(pyramid=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    return (
        Pyramid.objects.filter(school=school, school_year=year)
        .select_related("school_year")
        .annotate(last_change=Subquery(last_change))
        .first()
    )


def items_of(pyramid: Pyramid) -> list[Item]:
    return list(
        Item.objects.filter(pyramid=pyramid).select_related("owner_member__user", "owner_partner")
    )


def notes_of(pyramid: Pyramid) -> dict[str, LayerNote]:
    return {note.layer: note for note in LayerNote.objects.filter(pyramid=pyramid)}


def facts(items: list[Item]) -> list[ItemFacts]:
    return [
        ItemFacts(
            key=str(item.code),
            name=item.name,
            layer=item.layer,
            reach_kind=item.reach_kind,
            reach_value=item.reach_value,
            has_owner=bool(item.owner_member_id or item.owner_partner_id),
            has_evidence=bool(item.evidence),
            stopped=item.status == "gestopt",
        )
        for item in items
    ]


def content() -> dict:
    """The handreiking's words the pyramid shows, from the current edition (held per process)."""
    edition = editions.current()
    handvatten = {
        key: edition.handvatten[key].content
        for key in layers.HANDVAT_KEYS
        if key in edition.handvatten
    }
    circles = {n: edition.circles[n].content for n in (1, 5) if n in edition.circles}
    questions = layers.guiding_questions(handvatten)
    return {
        # Whose words these are: what the page's fragments of them are kept by.
        "edition": edition.checksum,
        "questions": questions,
        "fundament_examples": layers.fundament_examples(questions),
        "intros": layers.handvat_intro(handvatten),
        "layer_texts": layers.layer_texts(circles.get(1, {})),
        "diagram_notes": layers.diagram_notes(circles.get(1, {})),
        "inverted_example": layers.inverted_example(circles.get(5, {})),
    }


def stamp(pyramid: Pyramid) -> int:
    """The last change's id: what the open pages poll to see whether anything changed."""
    if hasattr(pyramid, "last_change"):  # annotated by pyramid_for
        return pyramid.last_change or 0
    return (
        Change.objects.filter(pyramid=pyramid).order_by("-pk").values_list("pk", flat=True).first()
        or 0
    )


def history(pyramid: Pyramid, limit: int = 200) -> list[Change]:
    return list(Change.objects.filter(pyramid=pyramid).select_related("user")[:limit])


def circle_status(membership, groups) -> dict[int | None, str]:
    """The two pyramid handvatten's status on the circle pages (circles/modules.py).

    School work has one owner (key None): what this year's pyramid holds.
    """
    counts = (
        Pyramid.objects.filter(school_id=membership.school_id, school_year__is_current=True)
        .annotate(
            items_count=Count("items", distinct=True), notes_count=Count("notes", distinct=True)
        )
        .values_list("items_count", "notes_count")
        .first()
    )
    if not counts or counts == (0, 0):
        return {None: gettext("Piramide nog niet ingevuld")}
    return {
        None: ngettext("Piramide: %(n)s aanbod", "Piramide: %(n)s aanbod", counts[0])
        % {"n": counts[0]}
    }


def chart_of(items: list[Item], words: dict):
    """The pyramid's picture (pyramid/charts.py) of these items: page, PDF, dashboard."""
    from pyramid import charts
    from pyramid.models import Layer

    return charts.pyramid(
        [
            {
                "layer": layer,
                "label": str(Layer(layer).label),
                "share": words["layer_texts"][layer]["share"],
                "names": [i.name for i in items if i.layer == layer and i.status != "gestopt"],
            }
            for layer in layers.BOTTOM_UP
        ]
    )


# The school dashboard ------------------------------------------------------------

# Our short names for the balance findings (pyramid/balance.py; all rules ours).
FINDING_TITLES = {
    "empty": _lazy("De piramide is nog leeg."),
    "fundament_empty": _lazy("Leeg fundament."),
    "fundament_thin": _lazy("Dun fundament."),
    "layer_empty": _lazy("Een laag is leeg."),
    "inverted": _lazy("Omgekeerde piramide."),
    "top_heavy": _lazy("Topzwaar."),
    "top_reaches_many": _lazy("Aanbod in de top bereikt veel leerlingen."),
    "basis_narrow": _lazy("Aanbod in de sterke basis is niet voor alle leerlingen."),
    "no_owner": _lazy("Aanbod zonder eigenaar."),
    "no_evidence": _lazy("Aanbod zonder onderbouwing."),
}


def dashboard_section(viewer, span):
    """The year's pyramid: its picture and its balance (our rules, pyramid/balance.py).
    Three queries: the pyramid, its items, and the edition's words (held per process)."""
    from django.urls import reverse

    from pyramid.balance import diagnose
    from welbevinden.dashboard.sections import Section

    pyramid = pyramid_for(viewer.school, span.year)
    url = reverse("pyramid:page", args=[viewer.school.slug])
    if span.year and not span.year.is_current:
        url += f"?jaar={span.year.code}"
    section = Section(key="pyramid", title=gettext("Ondersteuningspiramide"), url=url, wide=True)
    if pyramid is None:
        section.attention.append(
            gettext("Er is nog geen ondersteuningspiramide voor schooljaar %(year)s.")
            % {"year": span.year.name}
        )
        section.decisions.append(
            gettext("Wanneer vult het kernteam de ondersteuningspiramide in, en met wie?")
        )
        return section
    items = items_of(pyramid)
    words = content()
    diagnosis = diagnose(facts(items))
    section.data = {
        "pyramid": pyramid,
        "chart": chart_of(items, words),
        "diagnosis": diagnosis,
        "findings": [
            (FINDING_TITLES.get(f.code, f.code), [i.name for i in f.items])
            for f in diagnosis.findings
        ],
    }
    if diagnosis.shape_ok:
        section.went_well.append(
            gettext(
                "De piramide staat stevig: aanbod in het fundament en in elke laag, en de "
                "sterke basis heeft meer aanbod dan de lagen erboven."
            )
        )
    for finding in diagnosis.findings:
        if finding.code in ("no_owner", "no_evidence", "top_reaches_many", "basis_narrow"):
            continue
        section.attention.append(str(FINDING_TITLES.get(finding.code, finding.code)))
    if diagnosis.candidates:
        section.decisions.append(
            ngettext(
                "Kan dit aanbod naar de sterke basis: %(items)s?",
                "Kan een van deze onderdelen naar de sterke basis: %(items)s?",
                len(diagnosis.candidates),
            )
            % {"items": ", ".join(item.name for item in diagnosis.candidates)}
        )
    missing = [f for f in diagnosis.findings if f.code == "no_owner"]
    if missing:
        section.decisions.append(
            ngettext(
                "Wie wordt eigenaar van %(n)s aanbod zonder eigenaar?",
                "Wie worden eigenaar van %(n)s aanbod zonder eigenaar?",
                len(missing[0].items),
            )
            % {"n": len(missing[0].items)}
        )
    return section


def picture(school) -> dict | None:
    """This school year's pyramid for a report: its picture and its balance (four queries).

    None when the school has no pyramid this year.
    """
    pyramid = pyramid_for(school, school.current_year())
    if pyramid is None:
        return None
    items = items_of(pyramid)
    words = content()
    diagnosis: Diagnosis = diagnose(facts(items))
    return {
        "pyramid": pyramid,
        "chart": chart_of(items, words),
        "diagnosis": diagnosis,
        "words": words,
        "total": sum(diagnosis.counts.values()),
    }


# Our rule for the Schoolwerk's "not started": a pyramid handvat has begun when
# this year's pyramid holds aanbod or answers in its layers (the fundament for
# the one handvat, the three layers above it for the other).
_HANDVAT_LAYERS = {
    "fundament": (Layer.FUNDAMENT,),
    "bovenste-lagen": (Layer.BASIS, Layer.EXTRA, Layer.INTENSIEF),
}


def handvat_started(membership, key: str) -> bool:
    """Whether this year's pyramid has begun the handvat's layers (circles/modules.py).

    Two queries for both handvatten, kept on the membership for the request.
    """
    filled = getattr(membership, "_pyramid_layers_filled", None)
    if filled is None:
        current = {
            "pyramid__school_id": membership.school_id,
            "pyramid__school_year__is_current": True,
        }
        filled = set(
            Item.objects.filter(**current).order_by().values_list("layer", flat=True).distinct()
        ) | {
            layer
            for layer, answers in LayerNote.objects.filter(**current).values_list(
                "layer", "answers"
            )
            if any(str(value).strip() for value in (answers or {}).values())
        }
        membership._pyramid_layers_filled = filled
    return any(layer in filled for layer in _HANDVAT_LAYERS.get(key, ()))


# The board ------------------------------------------------------------------------


def board_pyramids(schools, start_year: int) -> dict[int, Diagnosis | None]:
    """Per school its pyramid's balance for the school year (None: no pyramid yet).

    Two queries whatever the number of schools: the pyramids and their items'
    light columns. The balance is our rules (``pyramid/balance.py``); the
    items' names go no further than the findings, which the board page leaves out.
    """
    pyramids = dict(
        Pyramid.objects.filter(school__in=schools, school_year__start_year=start_year)
        .order_by()
        .values_list("pk", "school_id")
    )
    items: dict[int, list[ItemFacts]] = {pk: [] for pk in pyramids}
    for row in (
        Item.objects.filter(pyramid_id__in=pyramids)
        .order_by("pk")
        .values_list(
            "pyramid_id",
            "code",
            "layer",
            "reach_kind",
            "reach_value",
            "owner_member_id",
            "owner_partner_id",
            "evidence",
            "status",
        )
    ):
        pyramid, code, layer, reach_kind, reach_value, member, partner, evidence, status = row
        items[pyramid].append(
            ItemFacts(
                key=str(code),
                name="",
                layer=layer,
                reach_kind=reach_kind,
                reach_value=reach_value,
                has_owner=bool(member or partner),
                has_evidence=bool(evidence),
                stopped=status == "gestopt",
            )
        )
    found: dict[int, Diagnosis | None] = {school.pk: None for school in schools}
    for pk, school_id in pyramids.items():
        found[school_id] = diagnose(items[pk])
    return found
