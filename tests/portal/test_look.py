"""The look people trust: a vendored design system served by the platform itself, the EU emblem with the
co-funding statement on public pages, and no inline style or script (the CSP forbids them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

STATIC = Path(settings.STATICFILES_DIRS[0])
VENDOR = STATIC / "vendor" / "govuk-frontend-5.14.0"
TEMPLATES = Path(settings.STATICFILES_DIRS[0]).parent / "templates"


def test_the_design_system_is_vendored_with_its_licence_and_no_crown_font_or_image():
    css = (VENDOR / "govuk-frontend.min.css").read_text(encoding="utf-8")
    assert "MIT" in (VENDOR / "LICENSE.txt").read_text(encoding="utf-8")
    assert ".govuk-button" in css and ".govuk-error-summary" in css
    # GDS Transport is licensed for GOV.UK only; nothing is fetched from elsewhere.
    assert "GDS Transport" not in css and "@font-face" not in css
    assert "url(" not in css and "@import" not in css


@pytest.mark.parametrize(("language", "home_word"), [("nl", "nl"), ("en", "en")])
def test_public_home_carries_the_eu_emblem_and_the_co_funding_statement(client, programme, language, home_word):
    page = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{home_word}">' in page
    with translation.override(language):
        statement = gettext("Co-funded by the European Union")
        alt = gettext("Flag of the European Union")
    assert statement in page and "Interreg Vlaanderen-Nederland" in page
    assert f'src="{static("img/eu-emblem.svg")}" alt="{alt}"' in page


def test_public_call_pages_carry_the_emblem_too(client, programme):
    page = client.get(reverse("applications:calls"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Co-funded by the European Union" in page and "eu-emblem.svg" in page


def test_the_eu_emblem_is_the_flag_blue_3_to_2_with_twelve_gold_stars():
    svg = (STATIC / "img" / "eu-emblem.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 810 540"' in svg and 'fill="#003399"' in svg and 'fill="#ffcc00"' in svg
    stars = re.findall(r'<polygon points="([^"]+)"', svg)
    assert len(stars) == 12 and all(len(points.split()) == 10 for points in stars)  # five points each


def test_static_files_are_collected_and_served_by_whitenoise(tmp_path):
    """The production storage (hashed names, compressed) accepts every stylesheet (a url() to a missing file
    would fail here), and WhiteNoise serves the vendored stylesheet and the emblem from the collected files."""
    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages, WHITENOISE_AUTOREFRESH=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        css_url = static("vendor/govuk-frontend-5.14.0/govuk-frontend.min.css")
        emblem_url = static("img/eu-emblem.svg")
        assert css_url != "/static/vendor/govuk-frontend-5.14.0/govuk-frontend.min.css"  # hashed, cached for ever
        client = Client()  # a new handler: WhiteNoise reads the collected files when it starts
        css = client.get(css_url)
        emblem = client.get(emblem_url)
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    assert emblem.status_code == 200 and emblem["Content-Type"].startswith("image/svg+xml")
    assert b"govuk-button" in b"".join(css.streaming_content)


INLINE = (
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),  # a script element without src
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),  # event handler attributes
)


@pytest.mark.parametrize(
    "template", ["base.html", "500.html", "form_fields.html", "portal/home.html", "portal/dashboard.html"]
)
def test_templates_have_no_inline_style_or_script(template):
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    for pattern in INLINE:
        assert not pattern.search(source), (template, pattern.pattern)


def test_rendered_pages_have_no_inline_style_or_script(client, users):
    pages = [client.get(reverse("core:home")).content.decode()]
    client.force_login(users["applicant"])
    pages.append(client.get(reverse("core:dashboard")).content.decode())
    for page in pages:
        for pattern in INLINE:
            assert not pattern.search(page), pattern.pattern
