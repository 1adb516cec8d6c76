"""The debtor's link and complaints."""
