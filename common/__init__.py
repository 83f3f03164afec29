"""Primitives shared by every service: settings base, errors, logging, names, HTTP, cache, database."""
