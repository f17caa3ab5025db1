"""The monitor's commands: monitor, alerts, schedule, demo (nianbao.monitor)."""

COMMANDS = ()
