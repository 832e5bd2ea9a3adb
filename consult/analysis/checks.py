"""System checks: an encoder that is switched on must be there to use."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def encoder_installed(app_configs, **kwargs):
    if not settings.ANALYSIS_ENCODER:
        return []
    from .encoder import EncoderUnavailable, model_dir

    try:
        model_dir()
    except EncoderUnavailable as exc:
        return [
            Error(
                f"SB_ANALYSIS_ENCODER is on, but {exc}.",
                hint="Install it, or switch SB_ANALYSIS_ENCODER off.",
                id="analysis.E001",
            )
        ]
    return []
