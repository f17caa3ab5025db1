"""What the monitor hands people: alert lists (terminal, CSV, JSON, Excel, static HTML with SVG charts),
evidence pages, and the Datasette plugin that serves those pages from ``nianbao serve``.

This package is the Datasette plugin (``nianbao.serve`` registers it): its hooks live in plugin.py and
are named here, so that Datasette finds the package's ``templates/`` folder by the plugin's name.
"""

from .plugin import prepare_connection, register_routes, render_cell, startup

__all__ = ["prepare_connection", "register_routes", "render_cell", "startup"]
