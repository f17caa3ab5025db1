import sys
from pathlib import Path

# the crawl helpers (localsite.py) beside these tests
sys.path.insert(0, str(Path(__file__).parent))
