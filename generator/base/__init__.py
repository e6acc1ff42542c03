"""What every stage stands on: the error tree, the permanent URL layout, dates, language
codes and the catalogues of the site's words, the content cache.

Takes nothing from the pipeline; gives ``errors``, ``urls``, ``dates``, ``languages``,
``catalogues`` and ``cache``, imported as
modules (``from generator.base import urls``).
"""
