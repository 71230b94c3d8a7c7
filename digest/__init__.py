"""Trade-Talk Digest: scraped trade-talk articles in, one cited digest page per round out."""

__version__ = "0.1.0"
