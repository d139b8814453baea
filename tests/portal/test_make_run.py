"""`make run` serves at an address and tells it: the site's links (CROSSROADS_SITE_URL) and the banner's logins use
the port it listens on."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def test_make_run_sets_the_site_address_to_the_host_and_port_it_serves():
    text = MAKEFILE.read_text(encoding="utf-8")
    assert "run: export CROSSROADS_SITE_URL = http://$(HOST):$(PORT)" in text
    recipe = re.search(r"^run: \$\(STAMP\).*?(?=^\S)", text, re.S | re.M)
    assert recipe is not None
    assert "runserver $(HOST):$(PORT)" in recipe.group(0)
    assert "load_demo --logins-only" in recipe.group(0) and "$$CROSSROADS_SITE_URL" in recipe.group(0)


@override_settings(CROSSROADS_SITE_URL="http://127.0.0.1:8123")
def test_the_banner_prints_the_demo_logins_at_the_served_address():
    out = StringIO()
    call_command("load_demo", "--logins-only", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/accounts/login/" in text and ":8000" not in text
    assert "ondernemer@crossroads.example" in text and "secretariaat@crossroads.example" in text
