"""A replica of Chinese government portals publishing annual reports, served on localhost (tests, demo, benchmarks)."""
