"""The case import file: its columns, how each cell is read, and the errors a dispatcher sees.

Layout: ONE sheet (the first sheet of an .xlsx) or ONE .csv file, one row per debt, header in line 1.
Itemized statement lines sit in the same row, in repeated column groups ``line1_*`` .. ``line24_*``; a
file needs only as many groups as its longest statement. Column order is free; header names are matched
without regard to case, surrounding spaces, or spaces/hyphens instead of underscores.

===================  ========  ==============================================================
column               required  content
===================  ========  ==============================================================
contract_no          yes       contract number, at most 40 characters, unique in the file; the key:
                               importing a contract that exists updates it, never duplicates it
debtor_name          yes       at most 80 characters
id_last4                       last 4 characters of the ID card: 4 digits, or 3 digits and X
birth_year                     4 digits, 1900 .. this year
phone                yes       mobile or landline; +86 optional (CN is the default region)
phone2                         a second number, same rules
address              yes       street address, at most 255 characters
district, city                 at most 40 characters each
lat, lon                       decimal degrees, both or neither (-90..90, -180..180); without them the
                               debtor is flagged for a pin on the map
creditor, product              at most 80 / 40 characters
principal            yes       amount in yuan, at most 2 decimals
opened_on                      date the loan was opened
agent_username                 username of the field agent (role agent) who gets the case
night_worker                   是/否, yes/no, true/false, 1/0 (blank = no)
lineN_due_date       (1)       date the line fell due; N = 1 .. 24
lineN_kind                     installment | interest | late_fee | fee, or 分期 / 本金 / 利息 / 罚息 /
                               滞纳金 / 费用 / 手续费 (blank = installment)
lineN_amount_due     (1)       amount in yuan, at most 2 decimals
lineN_amount_paid              amount in yuan already paid on that line (blank = 0), not above due
===================  ========  ==============================================================

(1) The header must contain line1_due_date and line1_amount_due, and every group it contains must have
its due_date and amount_due columns. A group whose four cells are all blank is ignored; a row needs at
least one line.

Amounts: ``1234.5``, ``1,234.50``, ``¥1234.50`` or a number cell; never negative, never more than 2
decimals (``1.50`` and ``1.500`` are fine, ``1.505`` is not). Dates: ``2026-05-01``, ``2026/5/1``
(an optional time of day is ignored) or a real date cell. Blank rows are skipped.

Errors are :class:`RowError` values: ``line`` as a spreadsheet user sees it (header = line 1; 0 = the
file as a whole), ``column`` the header name (or the column letter of an unnamed column), ``code`` (its
text is the message ``import.error.<code>``) and ``params`` for the message. Verifier values (ID digits,
birth year) are never copied into an error.

This package is pure: bytes in, typed rows and errors out. The database checks (agents, existing
contracts, teams) and the writing are in :mod:`visitapp.cases.services.importer`.
"""

from visitapp.cases.rules.importing.cells import *  # noqa: F403
from visitapp.cases.rules.importing.readers import *  # noqa: F403
from visitapp.cases.rules.importing.rows import *  # noqa: F403
