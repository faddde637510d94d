"""`python -m schoolnet_xl` runs the CLI."""

from schoolnet_xl.cli import main

main()
