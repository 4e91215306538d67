"""The JSON API under /api/: organisations, needs, offerings, a need's matches, taxonomies."""
