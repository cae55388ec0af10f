"""The server log: expected answers and routine PDF work write no noise."""

import logging

from django.urls import reverse


def test_a_403_is_logged_as_one_line_without_a_traceback(login, cast, caplog):
    client = login(cast.leraar)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(reverse("pyramid:start", args=[cast.school.slug]))
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage().startswith("Forbidden (Permission denied):")
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_font_subsetting_warnings_stay_out_of_the_log():
    # WeasyPrint subsets the embedded fonts of every PDF; fontTools then warns
    # about tables it drops. Errors still come through.
    subset = logging.getLogger("fontTools.subset")
    assert not subset.isEnabledFor(logging.WARNING)
    assert subset.isEnabledFor(logging.ERROR)
