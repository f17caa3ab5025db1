"""The replica of government portals: replica (nianbao.replica)."""

from __future__ import annotations

import signal
from pathlib import Path

import click


class BadInput(click.ClickException):
    exit_code = 2


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True, help="0 picks a free port.")
@click.option("--state", type=click.IntRange(1, 2), default=1, show_default=True, help="1, or 2: the later state.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--slow", "slow_seconds", type=click.FloatRange(0), default=3.0, show_default=True, help="Delay of the slow page."
)
@click.option(
    "--write-registry", type=click.Path(dir_okay=False, path_type=Path), help="Write the registry file and exit."
)
@click.option("--db", type=click.Path(dir_okay=False), expose_value=False, help="Accepted as by every command; unused.")
def replica(port, state, host, slow_seconds, write_registry):
    """Serve the bundled replica of government portals on localhost until Ctrl-C.

    Five CMS styles, defences and planted cases, generated from seeded report records; its ground truth
    at /-/truth.json and a registry for it at /-/registry.toml; POST /-/state/2 moves it to its later state.

    Example: nianbao replica --port 8750 --write-registry replica.toml
    """
    from nianbao.replica import registry_toml
    from nianbao.replica.server import make_replica

    if write_registry:
        base = f"http://{host}:{port or 8750}"
        try:
            write_registry.write_text(registry_toml(base), encoding="utf-8")
        except OSError as err:
            raise BadInput(f"cannot write {write_registry}: {err.strerror or err}") from None
        click.echo(f"registry for {base} written to {write_registry}")
        return
    try:
        server = make_replica(port=port, state=state, host=host, slow_seconds=slow_seconds)
    except OSError as err:
        raise BadInput(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    signal.signal(signal.SIGTERM, _interrupt)
    click.echo(f"replica serving {server.base_url} (state {state}); truth {server.base_url}/-/truth.json")
    click.echo(f"registry: {server.registry_path}  (also {server.base_url}/-/registry.toml)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("replica stopped")
    finally:
        server.server.server_close()


def _interrupt(*_):
    raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl-C does


COMMANDS = (replica,)
