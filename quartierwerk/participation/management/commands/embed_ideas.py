"""Compute the vectors of ideas that have none yet (or one from another model), e.g. after loading data."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from quartierwerk.core import similarity
from quartierwerk.participation.models import Idea
from quartierwerk.participation.services.similarity import embed_idea


class Command(BaseCommand):
    help = "Compute the multilingual vectors of ideas that have none (for similar-idea hints)."

    def handle(self, *args, **options):
        if not similarity.available():
            self.stderr.write("The embedding model is not available; hints use shared words.")
            return
        missing = Idea.objects.filter(
            Q(embedding__isnull=True) | ~Q(embedding__model=similarity.MODEL_ID)
        ).values_list("pk", flat=True)
        done = sum(embed_idea(pk) for pk in missing.iterator())
        self.stdout.write(f"{done} ideas embedded.")
