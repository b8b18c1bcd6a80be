"""The render stage, publishing: documents and people into Markdown pages through the Jinja2 templates."""
