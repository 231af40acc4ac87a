"""Terminology checks: confusable terms, anatomy consistency, definitions, spelling."""
