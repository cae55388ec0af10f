from django.contrib import admin

from welbevinden.schools import services
from welbevinden.schools.models import (
    Board,
    BoardMembership,
    Group,
    Invitation,
    Membership,
    Pupil,
    RoleChange,
    RoleChangeVia,
    School,
    SchoolYear,
)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "board"]
    list_filter = ["board"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(BoardMembership)
class BoardMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "board", "role", "is_active"]
    list_filter = ["board", "role", "is_active"]
    raw_id_fields = ["user"]


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["school", "start_year", "is_current"]
    list_filter = ["school"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "school",
        "is_active",
        *[f"is_{r}" for r in ("beheerder", "kernteam", "ib", "directie", "leraar")],
    ]
    list_filter = ["school", "is_active"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        # Staff changing roles here shows up in the school's role log too.
        before = set(Membership.objects.get(pk=obj.pk).roles) if change else set()
        super().save_model(request, obj, form, change)
        services.log_role_changes(
            membership=obj, before=before, after=obj.roles, by=request.user, via=RoleChangeVia.ADMIN
        )


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """The role log, read-only: a log that can be edited proves nothing."""

    list_display = ["changed_at", "school", "membership", "role", "granted", "changed_by", "via"]
    list_filter = ["school", "role", "via"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "school_year"]
    list_filter = ["school"]
    filter_horizontal = ["teachers"]


@admin.register(Pupil)
class PupilAdmin(admin.ModelAdmin):
    list_display = ["display_name", "school", "archived_at"]
    list_filter = ["school"]
    search_fields = ["display_name", "lvs_number"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "school", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["school"]
    exclude = ["token_hash"]
