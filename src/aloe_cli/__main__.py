"""`python -m aloe_cli` runs the command line."""

from aloe_cli.launcher import main

main()
