"""The command-line front end: argparse over the same controllers as the GUI."""
