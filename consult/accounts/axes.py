"""How django-axes names the account in a sign-in attempt.

allauth authenticates with ``email=`` (its form field is ``login``); Django's
own forms use ``username=``. Lockouts key on the lower-cased address so that
changing the case does not reset the count.
"""


def username_from_attempt(request, credentials: dict | None = None) -> str:
    for source in (credentials or {}, getattr(request, "POST", {})):
        for key in ("email", "username", "login"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return ""
