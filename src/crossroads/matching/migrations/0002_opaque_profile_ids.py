"""Opaque public ids for cooperation profiles (the sequential pk gave an anonymous profile's company away), and the
addressee's anonymity frozen on each expression of interest."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Profile = apps.get_model("matching", "CooperationProfile")
    for profile in Profile.objects.filter(public_id__isnull=True).only("pk"):
        profile.public_id = uuid.uuid4()
        profile.save(update_fields=["public_id"])
    Interest = apps.get_model("matching", "ExpressionOfInterest")
    Interest.objects.filter(target_profile__is_anonymous=True).update(target_anonymous=True)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="cooperationprofile",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="expressionofinterest",
            name="target_anonymous",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="cooperationprofile",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
