"""Circle pages, the handreiking's introduction, and "Mijn handvatten"."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from circles import editions, modules, permissions, selectors
from circles.models import Circle, Edition, Plan, Round, Scope
from circles.services import mark_plan_done
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Role


@school_view()
@require_GET
@cached_page
def circle_page(request, access: SchoolAccess, number: int):
    content = editions.current()
    circle = content.circles.get(number)
    if circle is None:
        raise Http404
    handvatten = content.handvatten_of(circle)
    groups = selectors.groups_for_group_work(access.membership)
    rounds = selectors.rounds_for(access.membership, groups, circle=circle)
    statuses = selectors.statuses(access.membership, handvatten, rounds, groups)
    modules.apply_statuses(access.membership, handvatten, statuses, groups)
    context = {
        "edition": content.checksum,
        "circle": circle,
        "content": circle.content,
        "items": [(handvat, statuses[handvat.id]) for handvat in handvatten],
        "groups": groups,
        "Scope": Scope,
    }
    if circle.number == 6:
        context.update(
            partners=access.school.partners.all(),
            school_context=getattr(access.school, "context", None),
            can_edit_context=access.has_role(Role.KERNTEAM, Role.BEHEERDER),
        )
    return render(request, "circles/circle.html", context)


@require_GET
def about(request):
    """The handreiking's introduction; public, like the handreiking itself."""
    edition = Edition.objects.order_by("-loaded_at").first()
    circles = Circle.objects.order_by("number")
    introduction = edition.introduction if edition else {}
    own_titles = [s["own_title"] for s in introduction.get("sections", []) if s.get("own_title")]
    context = {"introduction": introduction, "all_circles": circles, "own_titles": own_titles}
    return render(request, "circles/about.html", context)


@school_view()
@require_GET
@cached_page
def mine(request, access: SchoolAccess):
    groups = selectors.groups_for_group_work(access.membership)
    handvatten = editions.current().live_handvatten()
    rounds = selectors.rounds_for(access.membership, groups)
    statuses = selectors.statuses(access.membership, handvatten, rounds, groups)
    circles = {}
    slug = access.school.slug
    for handvat in handvatten:
        entry = circles.setdefault(
            handvat.circle.number, {"circle": handvat.circle, "total": 0, "done": 0, "items": []}
        )
        for status in statuses[handvat.id]:
            entry["total"] += 1
            entry["done"] += bool(status.completed)
            if status.current or status.completed:
                entry["items"].append((handvat, status, _item_url(slug, handvat, status)))
    context = {
        "progress": [circles[number] for number in sorted(circles)],
        "plans": selectors.open_plans(access.membership, limit=50),
    }
    return render(request, "circles/mine.html", context)


def _item_url(slug: str, handvat, status) -> str:
    """Where an item of Mijn handvatten leads (reversed here, not by a tag per item)."""
    if status.current and not handvat.content.get("leads_to"):
        return reverse("circles:round", args=[slug, status.current.code])
    if status.group:
        return reverse("circles:group_handvat", args=[slug, status.group.code, handvat.key])
    return reverse("circles:handvat", args=[slug, handvat.key])


@school_view()
@require_POST
def plan_done(request, access: SchoolAccess, code):
    # A plan is ticked off by whoever may fill in its round now; someone
    # else's personal plan does not exist for this user (404).
    plans = Plan.objects.filter(round__in=Round.objects.visible_to(access.membership))
    plan = access.get(Plan, code, plans.select_related("round__group"))
    permissions.require_edit(access, plan.round)
    mark_plan_done(plan=plan)
    messages.success(request, _("Goed gedaan! Je plan staat nu als afgerond genoteerd."))
    target = "circles:mine" if request.POST.get("terug") == "mijn" else "dashboard:home"
    return redirect(target, access.school.slug)
