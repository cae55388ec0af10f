"""The pupil's side: a code instead of an account, one question per screen, once.

Privacy rules (README.md): the pupil sees the classmates' first names and
nothing else of the school; never a result or anyone's answers. Pages are not
stored by the browser (``no-store``, a shared class tablet) and no referrer
leaves the app (``same-origin``: ``no-referrer`` would make the browser send
``Origin: null`` with the page's own form, which Django's CSRF check refuses,
rightly; the pages link to nothing outside the app). Wrong codes are counted
per IP address (a class shares one), on POST only, and stop after
SOCIOGRAM_CODE_FAILURE_LIMIT in 15 minutes.
"""

from __future__ import annotations

import random
from collections import Counter
from functools import wraps

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sociogram import services
from sociogram.models import CODE_ALPHABET, CODE_LENGTH, Respondent, State
from welbevinden.accounts.throttling import QUARTER, Throttle, client_ip
from welbevinden.core import pagecache

WRONG_CODES = Throttle("sociogram-code", "SOCIOGRAM_CODE_FAILURE_LIMIT", QUARTER)
SESSION_KEY = "sociogram_pupil"


def pupil_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _normalise(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def _current(request) -> Respondent | None:
    """The respondent this browser entered a code for, while that code still works."""
    held = request.session.get(SESSION_KEY)
    if not held:
        return None
    respondent = (
        Respondent.objects.select_related("sociogram__school")
        .filter(pk=held.get("id"), answer_code=held.get("code"), answered_at__isnull=True)
        .filter(sociogram__state=State.OPEN)
        .first()
    )
    if respondent is None:
        request.session.pop(SESSION_KEY, None)
    else:
        # The answers stored next make only this school's pages stale.
        pagecache.writes_to(respondent.sociogram.school.slug)
    return respondent


@pupil_page
@require_http_methods(["GET", "POST"])
def start(request):
    """The code page. Only a POST tries a code: the QR code's link (a GET) fills the
    code in, so no other page (an image on the school's network) can spend the
    school's wrong-code allowance, and a GET cannot be used to guess codes."""
    if request.method == "GET":
        typed = request.GET.get("code", "")[:20]
        return render(request, "sociogram/pupil_start.html", {"typed": typed, "error": ""})
    typed = request.POST.get("code", "")[:20]
    error = ""
    status = 200
    if typed:
        ip = client_ip(request)
        # Counted before the code is looked up, so parallel guesses cannot
        # all get in under the limit; a right code gives its count back.
        if not WRONG_CODES.take(ip):
            error = _("Te vaak een verkeerde code. Wacht een kwartier of vraag je juf of meester.")
            status = 429
        else:
            code = _normalise(typed)
            respondent = None
            if len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET):
                respondent = (
                    Respondent.objects.filter(
                        answer_code=code, answered_at__isnull=True, sociogram__state=State.OPEN
                    )
                    .only("pk", "answer_code")
                    .first()
                )
            if respondent is None:
                error = _(
                    "Deze code klopt niet of werkt niet meer. Kijk goed of vraag je juf of meester."
                )
                status = 400
            else:
                WRONG_CODES.give_back(ip)
                request.session.cycle_key()
                request.session[SESSION_KEY] = {"id": respondent.pk, "code": code, "answers": {}}
                return redirect("sociogram:pupil_question")
    context = {"typed": typed, "error": error}
    return render(request, "sociogram/pupil_start.html", context, status=status)


def _classmates(respondent: Respondent) -> list[tuple[int, str]]:
    everyone = list(
        Respondent.objects.filter(sociogram_id=respondent.sociogram_id)
        .select_related("pupil")
        .order_by("pk")
    )
    firsts = Counter(r.first_name for r in everyone)
    # Two pupils with one first name keep their initial, so a choice is never ambiguous.
    others = [
        (r.pk, r.first_name if firsts[r.first_name] == 1 else r.pupil.display_name)
        for r in everyone
        if r.pk != respondent.pk
    ]
    # A random order per pupil (names high on a list get more votes), the same
    # on every question and reload.
    random.Random(respondent.code.int).shuffle(others)
    return others


@pupil_page
@require_http_methods(["GET", "POST"])
def question(request):
    respondent = _current(request)
    if respondent is None:
        return redirect("sociogram:pupil_start")
    sociogram = respondent.sociogram
    asked = sociogram.asked
    try:
        number = min(max(int(request.GET.get("vraag", "1")), 1), len(asked))
    except ValueError:
        number = 1
    current = asked[number - 1]
    classmates = _classmates(respondent)
    held = request.session[SESSION_KEY]
    chosen = set(held["answers"].get(current["key"], []))
    error = ""
    if request.method == "POST":
        ids = {pk for pk, _name in classmates}
        try:
            chosen = {int(x) for x in request.POST.getlist("gekozen")}
        except ValueError:
            chosen = set()
        chosen &= ids
        if sociogram.max_choices and len(chosen) > sociogram.max_choices:
            error = _("Kies hoogstens %(n)s namen.") % {"n": sociogram.max_choices}
        else:
            held["answers"][current["key"]] = sorted(chosen)
            request.session.modified = True
            if request.POST.get("terug") and number > 1:
                return redirect(f"{request.path}?vraag={number - 1}")
            if number < len(asked):
                return redirect(f"{request.path}?vraag={number + 1}")
            try:
                done = services.submit_online(
                    sociogram=sociogram, respondent_id=respondent.pk, answers=held["answers"]
                )
            except services.AnswerError as problem:
                error = str(problem)
            else:
                request.session.pop(SESSION_KEY, None)
                if not done:
                    return redirect("sociogram:pupil_start")
                return redirect("sociogram:pupil_done")
    context = {
        "question": current,
        "number": number,
        "count": len(asked),
        "classmates": classmates,
        "chosen": chosen,
        "max_choices": sociogram.max_choices,
        "error": error,
        "last": number == len(asked),
    }
    return render(request, "sociogram/pupil_question.html", context, status=400 if error else 200)


@pupil_page
@require_GET
def done(request):
    return render(request, "sociogram/pupil_done.html")
