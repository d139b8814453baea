from typing import Any

from django.core.management.base import BaseCommand

from crossroads.companies.models import Company
from crossroads.matching.embeddings import company_keys, embeddings_refresh


class Command(BaseCommand):
    help = "Bring every company's and profile's vectors up to date (after changing the encoder, for instance)."

    def handle(self, *args: Any, **options: Any) -> None:
        keys = [
            key for company in Company.objects.prefetch_related("cooperation_profiles") for key in company_keys(company)
        ]
        self.stdout.write(f"{embeddings_refresh(keys)} of {len(keys)} encoded again")
