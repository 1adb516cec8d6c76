"""Reports and case review for the office: what happened in a period, by outcome, agent, team and segment."""
