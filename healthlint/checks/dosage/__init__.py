"""Dosage checks: how doses are written (ISMP), whether they add up, and
whether medicines carry the names the reader's pharmacy uses.

Every rule reads the one dose-mention analysis (healthlint.analysis.doses)."""

from __future__ import annotations

ISMP_2021 = "ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (Institute for Safe Medication Practices, 2021)"
JOINT_COMMISSION = "The Joint Commission Official 'Do Not Use' List"
BNF = "British National Formulary (BNF) and BNF for Children, NICE"
FDA_OTC = "FDA OTC Drug Facts labels (21 CFR 201.66)"
NHS_MEDICINES = "NHS.uk Medicines A to Z"
