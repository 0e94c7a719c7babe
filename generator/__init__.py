"""Campaign site generator: YAML records -> validated Site -> Markdown pages for MkDocs."""
