"""The installment plan calculator and the waiver authority rule: integer fen, pure."""
