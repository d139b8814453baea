"""Screening, assessors and conflicts of interest, assignment, scoring, ranking under the call budget, decisions."""
