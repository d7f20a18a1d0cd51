#!/usr/bin/env python3
# Issue 19 e2e (FIN-6): what a provider does with the glosa download in a spreadsheet program, done with openpyxl
# (Debian python3-openpyxl, an independent writer): every glosa accepted in full.
#   glosa_workbook.py accept DOWNLOAD OUT   fills AL (= Valor_glosa_aplicada), AM (0) and AO on every row
import sys

from openpyxl import load_workbook

wb = load_workbook(sys.argv[2])
ws = wb.active
headers = [c.value for c in ws[1]]
assert headers[37] == "Valor_aceptado_IPS" and headers[40] == "Observaciones_IPS_respuesta_a_glosa", headers
glosa = headers.index("Valor_glosa_aplicada") + 1
for row in range(2, ws.max_row + 1):
    ws.cell(row=row, column=38, value=ws.cell(row=row, column=glosa).value)  # AL
    ws.cell(row=row, column=39, value=0)  # AM
    ws.cell(row=row, column=41, value="se acepta glosa por mayor valor cobrado en la atencion")  # AO
wb.save(sys.argv[3])
