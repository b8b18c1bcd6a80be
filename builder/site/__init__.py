"""The site stage: MkDocs turns the Markdown into the static site; the offline copy."""
