from ._cli.entry import run

run()
