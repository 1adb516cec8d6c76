"""The debtor's link page and the office's complaints inbox."""
