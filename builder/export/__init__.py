"""The export stage: the downloads of each document (JSON, CSV, TEI, text) and of the corpus."""
