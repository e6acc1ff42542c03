"""Stage 1, configuration: ``site_config.yml`` → a validated ``SiteConfig``.

Takes the YAML file; gives ``load_config``, the settings dataclasses, and the ``source:`` section
(layouts, include/exclude, the effective-date chain) that says which file holds which policy.
"""

from generator.config.loading import load_config
from generator.config.paths import PathMatcher, glob_regex, identify
from generator.config.settings import (
    DEFAULT_CONFIG_FILE,
    LANGUAGE_CODE,
    EffectiveDateRule,
    Language,
    LanguagesSection,
    SiteConfig,
    SiteSection,
    control_character,
)
from generator.config.source import (
    NUMERIC_ORDERS,
    DateSource,
    DateSourceKind,
    EffectiveDateSection,
    SourceSection,
)

__all__ = [
    "DEFAULT_CONFIG_FILE",
    "LANGUAGE_CODE",
    "NUMERIC_ORDERS",
    "DateSource",
    "DateSourceKind",
    "EffectiveDateRule",
    "EffectiveDateSection",
    "Language",
    "LanguagesSection",
    "PathMatcher",
    "SiteConfig",
    "SiteSection",
    "SourceSection",
    "control_character",
    "glob_regex",
    "identify",
    "load_config",
]
