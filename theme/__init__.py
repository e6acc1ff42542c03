"""The packaged mkdocs-material overrides of policy-site (installed as ``generator.theme``)."""
