"""The granting body named on the de minimis aid of the programme's grants becomes programme data (it was a constant
in the decisions service); the programme already installed keeps the name it used."""

from typing import Any

from django.db import migrations, models

BEFORE = "CrossRoads Vlaanderen-Nederland (Interreg VI)"


def keep_the_name_in_use(apps: Any, schema_editor: Any) -> None:
    apps.get_model("programme", "Programme").objects.filter(granting_body="").update(granting_body=BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0006_privacy_retention"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="granting_body",
            field=models.CharField(
                blank=True,
                help_text="Named on the de minimis aid the programme's grants add to each company's ledger.",
                max_length=200,
                verbose_name="granting body",
            ),
        ),
        migrations.RunPython(keep_the_name_in_use, migrations.RunPython.noop),
    ]
