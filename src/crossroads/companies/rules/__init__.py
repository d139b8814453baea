"""Pure rules for the company registry: size and SME status, undertaking in difficulty, de minimis,
eligibility as a CrossRoads partner. No Django imports; every number comes from `ProgrammeRules`."""
