"""The annotate stage: the maintainers' notes and the glossary anchored to the words they are about."""
