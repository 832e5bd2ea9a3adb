import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from consult.accounts.models import User
from tests.conftest import with_totp

PASSWORD = "a-long-test-password-2026"  # noqa: S105 -- test data


class UserFactory(factory.django.DjangoModelFactory):
    """A verified user with no role: a respondent with an account."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Pat"
    last_name = "Person"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
            self.save()


def user_with_role(role: str | None = None, *, totp: bool = False, **kwargs) -> User:
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if totp:
        with_totp(user)
    return user


def totp_code() -> str:
    """The current code for the secret ``tests.conftest.with_totp`` sets up."""
    from consult.accounts.demo import current_totp_code

    return current_totp_code("JBSWY3DPEHPK3PXP")


def sign_in(client, user, password: str = PASSWORD):
    """Sign in through allauth's forms, as a person would, two-factor included."""
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": password}
    )
    if response.status_code == 302 and response["Location"].startswith(
        "/accounts/2fa/authenticate/"
    ):
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    return response
