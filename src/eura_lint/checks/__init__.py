"""The ``python`` rule kind's checks, one module per family. Importing this package registers every
check in :data:`eura_lint.registry.CHECKS`, by the id of the rule it implements.

A check is ``function(document, rule, context) -> Iterable[Finding]``; it must be pure and build its
findings with ``rule.finding(...)``.
"""

from . import (  # noqa: F401
    completeness,
    dates,
    geography,
    identifiers,
    indicators,
    structure,
    project_lists,
)
