"""The search stage: the site's sharded search index."""
