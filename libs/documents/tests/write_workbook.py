#!/usr/bin/env python3
# Writes the workbook xlsx_reader_test reads back: openpyxl (Debian python3-openpyxl) is an independent
# writer, and its files differ from libxlsxwriter's: inline strings instead of shared ones, the 1904 date
# system here, t="n" written out, a sheet that starts at C3.
import datetime
import sys

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb = Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = "Respuesta"
ws.append(["Factura", None, "Fecha", "Valor", "Activo"])
ws.append(["FE-1001", None, datetime.date(2026, 12, 5), 1500000, True])
ws.append(["Cañón ñandú", None, datetime.datetime(2023, 4, 1, 10, 30), 12.25, False])
wb.create_sheet("Otra")["C3"] = "sola"
wb.save(sys.argv[1])
