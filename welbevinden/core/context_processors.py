from django.conf import settings

from welbevinden.core.pond import CIRCLES


def shell(request):
    """What the base layout needs: the circles, the current school, the switcher."""
    context = {
        "circles": CIRCLES,
        "access": getattr(request, "school_access", None),
        "invitation_valid_days": settings.INVITATION_VALID_DAYS,
    }
    user = getattr(request, "user", None)
    if context["access"] is not None:
        context["my_memberships"] = context["access"].memberships
    elif user is not None and user.is_authenticated:
        # Lazy: evaluated only when a page draws the school switcher.
        context["my_memberships"] = (
            user.memberships.filter(is_active=True)
            .select_related("school")
            .order_by("school__name")
        )
    return context
