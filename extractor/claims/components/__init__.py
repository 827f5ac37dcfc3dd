"""spaCy components that find claims; importing this package registers them."""

from extractor.claims.components import assemble, attribution, catalog_matcher, dates, quantities

__all__ = ["assemble", "attribution", "catalog_matcher", "dates", "quantities"]
