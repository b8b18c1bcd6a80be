"""The read and dedupe stages: seeds read as bytes and text, their sidecars, the YAML files maintainers write, duplicates told."""
