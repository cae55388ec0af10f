import pytest

pytestmark = pytest.mark.browser


def test_typing_in_a_form_keeps_the_session_alive_at_most_every_five_minutes(
    demo, log_in, page, live_server
):
    log_in("joris@kiezel.example")
    page.clock.install()
    page.goto(f"{live_server.url}/account/wachtwoord/")
    pings = []
    page.on(
        "requestfinished",
        lambda request: "/account/actief/" in request.url and pings.append(request),
    )
    field = page.get_by_label("Oud wachtwoord")

    field.press_sequentially("abc")
    page.wait_for_timeout(300)
    assert pings == []  # loading the page just now was activity enough

    page.clock.fast_forward("05:01")
    with page.expect_response(lambda response: "/account/actief/" in response.url) as answer:
        field.press_sequentially("d")
    assert answer.value.status == 204
    assert answer.value.request.method == "POST"

    field.press_sequentially("efg")
    page.wait_for_timeout(300)
    assert len(pings) == 1
