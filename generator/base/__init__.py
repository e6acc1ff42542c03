"""What every stage stands on: the error tree, the permanent URL layout, dates, the content cache.

Takes nothing from the pipeline; gives ``errors``, ``urls``, ``dates`` and ``cache``, imported as
modules (``from generator.base import urls``).
"""
