"""Turn the public view into site files: Markdown pages, feeds and downloads (no MkDocs here)."""
