#!/usr/bin/python3
"""Independent reader of the finance downloads (issue 18, FIN-3): openpyxl for .xlsx, Python's csv module
for .csv. Prints the file as JSON on stdout, each cell with its type as the reader sees it, so the C++ test
checks what a spreadsheet user would get, not what our writer meant to write.

  read_payment_file.py xlsx <file>
  read_payment_file.py csv <file> <separator>
"""
import csv
import datetime
import json
import sys


def xlsx(path):
    import openpyxl  # Debian python3-openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if v is None:
                cells.append({"t": "empty"})
            elif isinstance(v, datetime.datetime):
                cells.append({"t": "date", "v": v.date().isoformat(), "f": c.number_format})
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                kind = "int" if float(v).is_integer() else "float"
                cells.append({"t": kind, "v": int(v) if kind == "int" else v, "f": c.number_format})
            else:
                cells.append({"t": "str", "v": str(v)})
        rows.append(cells)
    return {"sheets": book.sheetnames, "rows": rows}


def csv_file(path, separator):
    with open(path, "rb") as f:
        raw = f.read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=separator, quotechar='"', strict=True))
    return {"bom": bom, "rows": rows}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    out = xlsx(path) if kind == "xlsx" else csv_file(path, sys.argv[3])
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
