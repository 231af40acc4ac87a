"""healthlint: a content-quality linter for consumer health articles.

The Python API returns the same report objects the CLI serialises::

    import healthlint
    report = healthlint.check_text("# Back pain\n\nRest helps.", format="markdown")
    for finding in report.findings:
        print(finding.line, finding.rule, finding.message)
"""

__version__ = "0.1.0"

from healthlint import collector

with collector.paused():  # the modules build tens of thousands of lasting objects
    from healthlint.engine import check_paths, check_text

__all__ = ["__version__", "check_paths", "check_text"]
