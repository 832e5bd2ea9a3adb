import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an e-mail address; no username."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    updated_at = models.DateTimeField(auto_now=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()


class RoleChange(models.Model):
    """A person given a role or taken out of one: who, which role, by whom, when.

    Written by ``receivers.record_role_change`` whenever a user's groups change,
    whichever side (user or group) the change was made from. The role is kept
    by name and the person by e-mail too, so the record outlives both.
    """

    class Action(models.TextChoices):
        ADDED = "added", _("Given the role")
        REMOVED = "removed", _("Taken out of the role")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="role_changes",
        verbose_name=_("person"),
    )
    user_email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=150)
    action = models.CharField(_("change"), max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.user_email}: {self.get_action_display()} {self.role}"
