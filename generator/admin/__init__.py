"""The web editor (Sveltia CMS): its configuration derived from the registry and the schemas
(config.py), the CMS served from our own files (bundle.py) and the folder that holds both (write.py)."""
