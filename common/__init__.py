"""Primitives shared by every service: settings, errors, logging, names, HTTP, cache, DB."""
