from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "consult.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import receivers  # noqa: F401  (role changes are recorded)
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="accounts.ensure_roles")
