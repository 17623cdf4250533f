"""One module per extractor, each a registered spaCy factory."""
