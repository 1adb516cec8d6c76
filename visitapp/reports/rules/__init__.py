"""Pure figures of a report: rates and the workbook."""
