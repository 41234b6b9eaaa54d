"""`python -m sitrep ...` runs the same CLI as the `sitrep` command."""

from sitrep.cli import main

main()
