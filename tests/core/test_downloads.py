"""Every download button downloads: an htmx request for a file is sent on to it."""

from django.urls import reverse


def test_an_htmx_request_for_the_agenda_pdf_is_redirected_to_the_download(client, cast):
    client.force_login(cast.kernteam.user)
    url = reverse("checklists:agenda_pdf", args=[cast.school.slug])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == url
    assert not response.content.startswith(b"%PDF")
    download = client.get(response["HX-Redirect"])
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")


def test_pages_and_fragments_for_htmx_are_left_alone(client, cast):
    client.force_login(cast.kernteam.user)
    response = client.get(
        reverse("checklists:agenda", args=[cast.school.slug]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "HX-Redirect" not in response
