"""In production, static files are served compressed and cached for as long as their name holds."""

from tests.core.test_settings import PRODUCTION, _manage

SHOW = """
from django.templatetags.static import static
from django.test import Client
for encoding in ("br", "gzip", "identity"):
    r = Client().get(static("css/app.css"), HTTP_ACCEPT_ENCODING=encoding)
    print(static("css/app.css"), r.status_code, r.get("Content-Encoding", "-"), r["Cache-Control"])
"""


def test_hashed_static_files_are_compressed_and_cached_for_years(tmp_path):
    env = {
        **PRODUCTION,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path),
    }
    collected = _manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    result = _manage("shell", "--no-imports", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    lines = [line.split(" ", 3) for line in result.stdout.strip().splitlines()]
    # The name carries a hash of the content …
    assert all(
        path.startswith("/static/css/app.") and path != "/static/css/app.css" for path, *_ in lines
    )
    # … so browsers may keep it for ten years; Brotli or gzip when they accept it.
    assert [(status, encoding) for _, status, encoding, _ in lines] == [
        ("200", "br"),
        ("200", "gzip"),
        ("200", "-"),
    ]
    assert all("max-age=315360000" in cache and "immutable" in cache for *_, cache in lines)
