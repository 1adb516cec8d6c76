"""Pure rules of cases: the score and its strategy, the itemized statement, the import file format."""
