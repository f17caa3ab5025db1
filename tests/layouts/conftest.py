"""Hypothesis profiles for the layout generator: ``ci`` (the default here, a few hundred cases in all)
and ``deep`` (many thousands: ``pytest tests/layouts --hypothesis-profile=deep``). The helper modules
beside this file are imported by the tests."""

import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

COMMON = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
# ci: the same cases on every run (a red CI is then a real change, not the draw); deep: new cases each run
settings.register_profile("ci", max_examples=150, derandomize=True, **COMMON)
settings.register_profile("deep", max_examples=2000, derandomize=False, **COMMON)
if settings.get_current_profile_name() == "default":
    settings.load_profile("ci")
