"""Archive-level checks, alert lists, outputs and the scheduler."""
