#!/usr/bin/env python3
# Issue 19 e2e: what a provider does with the portfolio template in a spreadsheet program, done with openpyxl
# (Debian python3-openpyxl, an independent writer and reader).
#   portfolio_workbook.py fill TEMPLATE OUT   appends the demo invoices FE1..FE3 and one bad row
#   portfolio_workbook.py read RESULT         prints each row of the result as tab-separated values
import datetime
import sys

from openpyxl import load_workbook

if sys.argv[1] == "fill":
    wb = load_workbook(sys.argv[2])
    ws = wb.active
    for i in range(1, 4):
        ws.append(["FE%d" % i, "FE", i, datetime.date(2026, 1, i), 1000000, 400000])
    ws.append(["FE999", "FE", "99999", "31/02/2026", 10, 10])
    wb.save(sys.argv[3])
else:
    wb = load_workbook(sys.argv[2])
    for row in wb.active.iter_rows(values_only=True):
        print("\t".join("" if v is None else str(v) for v in row))
