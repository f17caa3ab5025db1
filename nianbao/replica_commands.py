"""The replica of government portals: replica (nianbao.replica)."""

COMMANDS = ()
