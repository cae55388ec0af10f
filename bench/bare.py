"""Bare Django: settings, URL conf and one view rendering a 10-line template.

The page benchmark serves this under the same gunicorn set-up as the app, so
each page's throughput can be given as a share of what Django itself does on
this machine in the same run. No database, no middleware, no apps.
"""

from pathlib import Path

from django.shortcuts import render
from django.urls import path

SECRET_KEY = "bench-bare-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
USE_TZ = True
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
    }
]


def bare(request):
    items = ["Cirkel 1", "Cirkel 2", "Cirkel 3", "Cirkel 4", "Cirkel 5", "Cirkel 6"]
    return render(request, "bare.html", {"title": "Bare Django", "items": items})


urlpatterns = [path("", bare)]
