"""The commands of ``policy-site``, one module each; ``generator.cli`` parses and prints."""
