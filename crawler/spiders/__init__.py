"""One base spider per portal platform, and a few lines per portal on top of it."""
