"""Profile titles announce what they are by a kind shown in the reader's language (no stored "Gezocht: "); the
addressee who answered an expression of interest; each company's answer to an introduction."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# The Dutch announcements the demo used to store in titles, and the kind each stands for.
PREFIXES = (("Gezocht: ", "seek"), ("Aanbod: ", "offer"))


def titles_to_kinds(apps, schema_editor):  # type: ignore[no-untyped-def]
    profile_model = apps.get_model("matching", "CooperationProfile")
    for profile in profile_model.objects.filter(title_kind=""):
        for prefix, kind in PREFIXES:
            if profile.title.startswith(prefix) and len(profile.title) > len(prefix):
                profile.title, profile.title_kind = profile.title[len(prefix) :], kind
                profile.save(update_fields=["title", "title_kind"])
                break


def kinds_to_titles(apps, schema_editor):  # type: ignore[no-untyped-def]
    profile_model = apps.get_model("matching", "CooperationProfile")
    for prefix, kind in PREFIXES:
        for profile in profile_model.objects.filter(title_kind=kind):
            profile.title = (prefix + profile.title)[:160]
            profile.save(update_fields=["title"])


def replies_for_introductions(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Introductions made before answers existed wait for both companies' answer."""
    introduction_model = apps.get_model("matching", "Introduction")
    reply_model = apps.get_model("matching", "IntroductionReply")
    for intro in introduction_model.objects.all():
        for company_id in (intro.company_a_id, intro.company_b_id):
            reply_model.objects.get_or_create(introduction=intro, company_id=company_id)


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0001_initial"),
        ("matching", "0002_opaque_profile_ids"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="cooperationprofile",
            name="title_kind",
            field=models.CharField(
                blank=True,
                choices=[("offer", "On offer"), ("seek", "Wanted")],
                help_text="Shown before the title in the reader's language, for example “Wanted: …”.",
                max_length=5,
                verbose_name="the title announces",
            ),
        ),
        migrations.AddField(
            model_name="expressionofinterest",
            name="responded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="IntroductionReply",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("waiting", "No answer yet"),
                            ("interested", "Interested"),
                            ("not_interested", "Not interested"),
                        ],
                        default="waiting",
                        max_length=14,
                        verbose_name="answer",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note to the adviser")),
                (
                    "phone",
                    models.CharField(blank=True, max_length=40, verbose_name="telephone number for the other company"),
                ),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "company",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="companies.company"
                    ),
                ),
                (
                    "introduction",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="replies", to="matching.introduction"
                    ),
                ),
            ],
            options={
                "verbose_name": "answer to an introduction",
                "verbose_name_plural": "answers to introductions",
                "ordering": ["introduction", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("introduction", "company"), name="unique_introduction_reply")
                ],
            },
        ),
        migrations.RunPython(titles_to_kinds, kinds_to_titles),
        migrations.RunPython(replies_for_introductions, migrations.RunPython.noop),
    ]
