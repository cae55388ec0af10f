"""A lead-in is never left hanging: wherever a text ends on a colon, its list follows."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from circles import content
from circles.models import Handvat, Scope

# A handvat done in a module of its own (leads_to) has no handvat page: its
# page redirects, and the module's tests cover its texts.
HANDVAT_KEYS = [
    handvat["key"]
    for circle in content.load_files()["circles"]
    for handvat in circle.get("handvatten", [])
    if not handvat.get("leads_to")
]
BLOCKS = {"p", "li", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption"}


class _TextBlocks(HTMLParser):
    """The text blocks of a page's <main>, each noting whether a list follows it."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.open: list[dict] = []
        self.blocks: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag in ("ul", "ol"):
            # A list right after a lead-in, or inside the item that leads in.
            for block in self.open:
                block["followed"] = True
            if self.blocks:
                self.blocks[-1]["followed"] = True
        if tag in BLOCKS:
            self.open.append({"tag": tag, "text": "", "followed": False})

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag in BLOCKS and self.open and self.open[-1]["tag"] == tag:
            block = self.open.pop()
            block["text"] = " ".join(block["text"].split())
            if block["text"]:
                self.blocks.append(block)

    def handle_data(self, data):
        if self.open:
            self.open[-1]["text"] += data


def hanging_lead_ins(html: str) -> list[str]:
    parser = _TextBlocks()
    parser.feed(html)
    return [b["text"] for b in parser.blocks if b["text"].endswith(":") and not b["followed"]]


def test_the_check_finds_a_hanging_lead_in():
    assert hanging_lead_ins("<main><p>Bijvoorbeeld:</p><p>Verder.</p></main>") == ["Bijvoorbeeld:"]
    assert hanging_lead_ins("<main><p>Bijvoorbeeld:</p><ul><li>een</li></ul></main>") == []


@pytest.mark.parametrize("key", HANDVAT_KEYS)
def test_no_handvat_page_ends_a_text_block_on_a_colon(key, cast, login):
    # The IB'er cannot start school or group rounds: the page shows the
    # handreiking's text without a form, so every list must be in that text.
    client = login(cast.ib)
    handvat = Handvat.objects.get(key=key)
    if handvat.scope == Scope.GROUP:
        url = reverse("circles:group_handvat", args=[cast.school.slug, cast.group.code, key])
    else:
        url = reverse("circles:handvat", args=[cast.school.slug, key])
    # A handvat that leads into a module (circles.modules) is checked on the module's page.
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert hanging_lead_ins(response.content.decode()) == []


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_no_circle_page_ends_a_text_block_on_a_colon(number, cast, login):
    response = login(cast.leraar).get(reverse("circles:circle", args=[cast.school.slug, number]))
    assert hanging_lead_ins(response.content.decode()) == []


def test_the_booklets_layout_pointer_is_a_link_to_that_handvat(cast, login):
    client = login(cast.leraar)
    url = reverse(
        "circles:group_handvat",
        args=[cast.school.slug, cast.group.code, "sociaal-emotioneel-leren"],
    )
    page = client.get(url).content.decode()
    assert "rechtsonder" not in page
    assert reverse("circles:handvat", args=[cast.school.slug, "ken-je-leerlingen"]) in page


def test_a_handvat_without_an_intro_shows_its_questions_to_those_who_only_read(
    cast, login, school_handvatten_as_rounds
):
    page = login(cast.leraar).get(reverse("circles:handvat", args=[cast.school.slug, "teamagenda"]))
    assert "Welke doelen stellen jullie als team voor de gehele school?" in page.content.decode()
