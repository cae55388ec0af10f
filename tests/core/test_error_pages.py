from django.template.loader import get_template
from django.test import RequestFactory
from django.views.defaults import server_error


def test_the_500_page_renders_on_its_own_in_dutch():
    response = server_error(RequestFactory().get("/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in content
    assert "Naar de startpagina" in content


def test_the_500_page_goes_through_gettext_and_not_through_base_html():
    # base.html needs the request and the database, which may be what failed.
    source = get_template("500.html").template.source
    assert "{% load i18n %}" in source
    assert "{% trans " in source
    assert "extends" not in source
    text_outside_tags = [
        line for line in source.splitlines() if "Er ging" in line and "{% trans" not in line
    ]
    assert text_outside_tags == []
