"""What the monitor hands people: alert lists (terminal, CSV, JSON, Excel, static HTML with SVG charts),
evidence pages, and the Datasette plugin that serves those pages from ``nianbao serve``."""
