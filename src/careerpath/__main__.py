"""Allow ``python -m careerpath``."""

from careerpath.cli import main

if __name__ == "__main__":
    main()
