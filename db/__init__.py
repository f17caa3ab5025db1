"""The archive: schema, migrations and the only code that writes SQL (besides the scheduler's job store)."""
