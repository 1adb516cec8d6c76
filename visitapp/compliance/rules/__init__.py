"""Pure compliance rules: the policy decision, the SMS templates' check, the notice's wording."""
