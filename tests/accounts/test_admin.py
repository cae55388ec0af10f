import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils.functional import Promise

from welbevinden.accounts.models import User

# Fields nobody reads in a form or the admin by their own name.
UNNAMED = {"id", "code"}


def test_the_admin_fieldsets_go_through_gettext():
    admin = site._registry[User]
    titles = [title for title, _ in admin.fieldsets if title is not None]
    assert titles
    assert all(isinstance(title, Promise) for title in titles)


@pytest.mark.parametrize("app_label", ["accounts", "schools"])
def test_every_field_has_a_dutch_name(app_label):
    missing = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config(app_label).get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and field.name not in UNNAMED
        # Django's own default is a plain str; ours go through gettext_lazy.
        and not isinstance(field.verbose_name, Promise)
    ]
    assert missing == []


def test_the_user_admin_page_opens(client, db):
    staff = User.objects.create_superuser("staf@welbevinden.example", "een-lang-wachtwoord")
    client.force_login(staff)
    response = client.get(reverse("admin:accounts_user_change", args=[staff.pk]))
    assert response.status_code == 200
    assert "Rechten" in response.content.decode()
