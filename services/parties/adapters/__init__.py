"""List adapters: one parser per official list format, all producing ParsedList."""
