"""careerpath: which data/AI role you are closest to, what you lack, and how to get there.

Kept light on purpose: importing the package must not pull in numpy, scikit-learn,
jinja2 or WeasyPrint (``careerpath --help`` has to start fast).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
