from wagtail.query import PageQuerySet


class ConsultationPageQuerySet(PageQuerySet):
    def with_consultation(self):
        """Fetch what listings show (status needs the rounds) in a fixed query count."""
        return self.select_related("consultation").prefetch_related(
            "consultation__rounds", "consultation__services"
        )
