"""Pure assessment rules: ranking and allocation under a budget, consolidation of scores, assessor assignment.
No Django imports."""
