"""The site's URLs, walked from the root resolver, and example paths for them."""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

# Code that is ours: a URL whose view or URLconf lives here must be in the table.
OWN_MODULES = ("consult.", "surveys.", "cms.")


@dataclass(frozen=True)
class Route:
    route: str  # the concatenated pattern, e.g. "respond/<uuid:round_id>/"
    name: str | None  # namespaced, e.g. "surveys:start"
    view: str  # dotted path of the view
    own: bool

    @property
    def key(self) -> str:
        return self.name or self.route


def walk(resolver=None, prefix="", namespace=None, own=False, project=False):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            conf = pattern.urlconf_name
            conf_name = conf if isinstance(conf, str) else getattr(conf, "__name__", "")
            yield from walk(
                pattern,
                prefix + str(pattern.pattern),
                ns,
                own or conf_name.startswith(OWN_MODULES),
                # i18n_patterns(...): its routes are the project URLconf's own.
                project=isinstance(pattern.pattern, LocalePrefixPattern),
            )
        else:
            name = pattern.name and (
                f"{namespace}:{pattern.name}" if namespace else pattern.name
            )
            view = pattern.lookup_str
            is_own = (
                own
                or view.startswith(OWN_MODULES)
                # Defined directly in the project URLconf (not via include).
                or resolver is get_resolver()
                or project
            )
            yield Route(prefix + str(pattern.pattern), name, view, is_own)


_CONVERTER_EXAMPLES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "x"}


def example_path(route: str) -> str:
    """A concrete path for a route, with dummy arguments (for prefix sweeps)."""
    path = re.sub(
        r"<(?:(\w+):)?\w+>",
        lambda m: _CONVERTER_EXAMPLES.get(m.group(1) or "str", "1"),
        route,
    )
    path = path.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?:[^)]*\)\*", "", path)  # optional repeats
    path = re.sub(r"\(\?P<\w+>[^()]*\)", "1", path)
    path = re.sub(r"\([^()]*\)", "1", path)
    path = path.replace(".*", "1").replace(r"\.", ".").replace("\\", "")
    path = re.sub(r"[()?*+]", "", path)
    return "/" + path
