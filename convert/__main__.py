"""``python -m convert``: the same command line as ``artconv``."""

from convert.cli import run

if __name__ == "__main__":
    run()
