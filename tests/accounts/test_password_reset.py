import re

from django.core import mail
from django.urls import reverse


def test_a_reset_link_is_mailed_and_sets_a_new_password(client, cast):
    user = cast.leraar.user
    response = client.post(reverse("accounts:password_reset"), {"email": user.email.upper()})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor Welbevinden"
    link = re.search(r"https?://testserver(/\S+)", message.body).group(1)

    response = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in response.content.decode()
    new = "mijn-nieuwe-wachtwoord"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@x.example"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_broken_reset_link_explains_what_to_do(client, cast):
    url = reverse("accounts:password_reset_confirm", args=["MQ", "ongeldig-token"])
    response = client.get(url)
    assert "Deze link werkt niet meer" in response.content.decode()
