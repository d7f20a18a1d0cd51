#!/usr/bin/env python3
"""Writes a deterministic affiliate roster CSV for the AFF-4 benchmarks: N rows (default 1,000,000)
with the columns of docs/affiliates.md, document numbers 3000000000.., varied names, ages, sexes and
municipalities, plus one newborn "hijo de" every 50 rows. Usage: affiliates_roster.py <out.csv> [rows]"""
import random
import sys

FIRST_F = ["María", "Ana", "Luz", "Carmen", "Rosa", "Sofía", "Valentina", "Isabel", "Daniela", "Laura", "Ángela"]
FIRST_M = ["José", "Juan", "Carlos", "Luis", "Andrés", "Jorge", "Miguel", "Camilo", "Sebastián", "Julián", "Óscar"]
SURNAMES = ["Pérez", "Gómez", "Rodríguez", "Martínez", "Hernández", "García", "López", "Díaz", "Torres", "Ramírez",
            "Muñoz", "Castro", "Ortiz", "Suárez", "Peña", "Barrios", "Orozco", "Mendoza", "Cárdenas", "Rojas"]
MUNICIPALITIES = ["08001", "13001", "08758", "08573", "13430", "20001", "23001", "47001", "70001", "44001"]
HEADER = ("document_type,document_number,first_name,second_name,first_surname,second_surname,birth_date,sex,regime,"
          "affiliation_status,data_quality,municipality_code,address,phone,mobile,email,newborn_of_type,"
          "newborn_of_number,child_number\n")


def main():
    out_path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rnd = random.Random(20260301)
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        written = 0
        i = 0
        while written < rows:
            female = rnd.random() < 0.5
            age = rnd.randrange(0, 90)
            doc_type = "RC" if age < 7 else "TI" if age < 18 else "CC"
            number = str(3000000000 + i)
            first = rnd.choice(FIRST_F if female else FIRST_M)
            s1, s2 = rnd.choice(SURNAMES), rnd.choice(SURNAMES)
            birth = f"{2025 - age}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
            status = "active" if rnd.random() < 0.95 else "suspended"
            quality = "ok" if rnd.random() < 0.97 else "inconsistent"
            muni = rnd.choice(MUNICIPALITIES)
            out.write(f"{doc_type},{number},{first},,{s1},{s2},{birth},{'F' if female else 'M'},subsidized,{status},"
                      f"{quality},{muni},\"Calle {i % 100}, # {i % 50}-{i % 30}\",,3{i % 1000000000:09d},,,,\n")
            written += 1
            if female and age >= 18 and i % 50 == 0 and written < rows:
                out.write(f",,Hijo de {first},,{s1},{s2},2026-01-15,M,subsidized,active,ok,{muni},,,,,{doc_type},{number},1\n")
                written += 1
            i += 1


if __name__ == "__main__":
    main()
