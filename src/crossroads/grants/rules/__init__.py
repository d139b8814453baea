"""Pure rules of the follow-up: no Django imports, exact cents, results the services and pages word."""
