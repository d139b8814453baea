"""Every page links the privacy statement; signed-in people find their data export, the secretariat the requests."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_footer_links_privacy_for_everyone_and_export_when_signed_in(client, users):
    page = client.get(reverse("applications:calls")).content.decode()
    assert reverse("privacy:notice") in page
    assert reverse("privacy:my_data") not in page
    client.force_login(users["applicant"])
    page = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("privacy:my_data") in page
    assert reverse("privacy:requests") not in page


def test_secretariat_sees_the_erasure_requests_in_the_menu(client, users):
    client.force_login(users["secretariat"])
    assert reverse("privacy:requests") in client.get(reverse("core:dashboard")).content.decode()
