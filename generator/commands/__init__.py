"""The commands behind ``policy-site``: each runs the pipeline's stages for one task.

``cli`` only parses arguments and turns errors into messages; these modules read the
configuration and git (through ``history``), call the pure stages, and return results.
"""
