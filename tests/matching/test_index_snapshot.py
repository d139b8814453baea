"""A web process starts from the snapshot written by `manage.py matching_snapshot`, then catches up with the
rows changed or deleted after it was taken."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from crossroads.matching import index_service
from crossroads.matching.embeddings import embeddings_refresh
from crossroads.matching.engine import MatchEngine, MatchProfile
from crossroads.matching.engine.encoders import HashingEncoder
from crossroads.matching.engine.snapshot import save_snapshot
from crossroads.matching.models import Embedding
from tests.conftest import make_company

from .conftest import publish


def test_a_new_process_starts_from_the_snapshot_and_catches_up(settings, tmp_path, market, capsys):
    settings.MATCHING_SNAPSHOT_DIR = str(tmp_path)
    be_key = market["be_profile"].index_key
    before = [m.id for m in index_service.get_engine().suggest(be_key, k=5)]
    call_command("matching_snapshot")
    assert "Snapshot written" in capsys.readouterr().out

    # After the snapshot: one company deleted, one new Dutch profile that fits the Flemish request.
    bakery_key = f"c:{market['bakery'].pk}"
    market["bakery"].delete()
    newcomer = make_company("Optisort Venlo BV", country="NL", number="11223344", postcode="5911 AA", city="Venlo")
    fresh = publish(
        newcomer,
        "Aanbod: beeldherkenning voor sorteerlijnen",
        offers="Machine vision en hyperspectrale camera's die kunststoffen automatisch sorteren.",
    )
    embeddings_refresh([f"c:{newcomer.pk}", fresh.index_key])
    Embedding.objects.update(updated_at=timezone.now() + dt.timedelta(seconds=5))  # clearly after the snapshot

    index_service.reset()  # a new process
    engine = index_service.get_engine()
    assert engine.profile(bakery_key) is None
    assert engine.profile(fresh.index_key) is not None
    after = [m.id for m in engine.suggest(be_key, k=5)]
    assert fresh.index_key in after
    assert set(before) - {bakery_key} <= set(after)


def test_a_snapshot_of_another_encoder_is_ignored_and_the_table_used(settings, tmp_path, market, caplog):
    settings.MATCHING_SNAPSHOT_DIR = str(tmp_path)
    stranger = MatchEngine(HashingEncoder())
    stranger.add(MatchProfile(id="x:1", company_id="x", country="NL", description="Een profiel van elders."))
    save_snapshot(stranger, tmp_path, extra={"synced_until": timezone.now().isoformat()})
    engine = index_service.get_engine()
    assert engine.profile("x:1") is None
    assert engine.profile(market["nl_profile"].index_key) is not None
    assert "not used" in caplog.text


def test_the_command_says_when_no_directory_is_configured(settings, db):
    settings.MATCHING_SNAPSHOT_DIR = ""
    with pytest.raises(CommandError, match="MATCHING_SNAPSHOT_DIR"):
        call_command("matching_snapshot")
