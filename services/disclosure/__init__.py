"""The disclosure service: versioned NSPM-33 disclosures, certification, and their checks."""
