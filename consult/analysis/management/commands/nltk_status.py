from django.core.management.base import BaseCommand, CommandError

from consult.analysis.resources import REQUIRED, MissingResource, locate


class Command(BaseCommand):
    help = "Report which NLTK resources the analysis needs, and where each was found."

    def handle(self, *args, **options):
        missing = []
        for resource in REQUIRED:
            where = locate(resource)
            if where:
                self.stdout.write(f"present  {resource.name:32} {where}")
            else:
                missing.append(resource)
                self.stdout.write(f"MISSING  {resource.name:32} ({resource.purpose})")
        if missing:
            raise CommandError(str(MissingResource(missing)))
        self.stdout.write(self.style.SUCCESS("All NLTK resources are present."))
