"""Gongshi (公示): a student union's versioned YAML records -> a checked public transparency site."""

__version__ = "0.1.0"
