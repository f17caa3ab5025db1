from nianbao.cli import cli

cli()
