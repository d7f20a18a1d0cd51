#!/usr/bin/env python3
"""Regenerates libs/catalog/data/{cie10,departments,divipola}.csv from the public source tables in
/work/shared/data (see docs/catalogs.md). Run once by a maintainer; the outputs are committed and
compiled into the library, so nothing reads the source tables at run time."""
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SRC = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
OUT = Path(__file__).resolve().parent.parent / "data"

# ---------------------------------------------------------------- CIE-10 descriptions
# Words the source stripped of accents whose accented form is never wrong in a diagnosis text.
# Built from (a) the accented spellings the source itself still contains, (b) the Spanish rule that
# singular nouns ending in -ción/-sión/-xión carry the accent, (c) this reviewed list. Words whose
# unaccented form is also a valid word (esta/está, el/él, publico/público, continua/continúa, ...)
# are left alone.
EXTRA = {
    "vehiculo": "vehículo", "vehiculos": "vehículos", "transito": "tránsito", "area": "área",
    "areas": "áreas", "publicas": "públicas", "sindrome": "síndrome", "sindromes": "síndromes",
    "traumatico": "traumático", "traumatica": "traumática", "caida": "caída", "congenita": "congénita",
    "congenitas": "congénitas", "congenito": "congénito", "congenitos": "congénitos",
    "multiples": "múltiples", "organos": "órganos", "recien": "recién", "cronica": "crónica",
    "cronico": "crónico", "cronicas": "crónicas", "cronicos": "crónicos", "toxico": "tóxico",
    "extrano": "extraño", "muneca": "muñeca", "rinon": "riñón", "rinones": "riñones", "nino": "niño",
    "ninos": "niños", "nina": "niña", "narcoticos": "narcóticos", "biologicas": "biológicas",
    "quimicos": "químicos", "glandula": "glándula", "glandulas": "glándulas", "higado": "hígado",
    "pulmon": "pulmón", "torax": "tórax", "ulcera": "úlcera", "ulceras": "úlceras",
    "valvula": "válvula", "musculo": "músculo", "musculos": "músculos", "neumonia": "neumonía",
    "organicos": "orgánicos", "tendon": "tendón", "nefritico": "nefrítico", "oido": "oído",
    "autonomo": "autónomo", "fistula": "fístula", "corazon": "corazón", "analgesicos": "analgésicos",
    "psicotropicas": "psicotrópicas", "antirreumaticos": "antirreumáticos",
    "antipireticos": "antipiréticos", "hipnoticas": "hipnóticas", "cardiaca": "cardíaca",
    "esofago": "esófago", "utero": "útero", "region": "región", "regiones": "regiones",
    "colera": "cólera", "victima": "víctima", "automovil": "automóvil", "autobus": "autobús",
    "peaton": "peatón", "alucinogenos": "alucinógenos", "psicodislepticos": "psicodislépticos",
    "anomalias": "anomalías", "anomalia": "anomalía", "cromosomicas": "cromosómicas",
    "metabolicas": "metabólicas", "hematopoyeticos": "hematopoyéticos", "apofisis": "apófisis",
    "sintomas": "síntomas", "clinicos": "clínicos", "periodo": "período", "codigos": "códigos",
    "proposito": "propósito", "propositos": "propósitos", "cancer": "cáncer", "lipidos": "lípidos",
    "arterial": "arterial", "hipertrofica": "hipertrófica", "isquemica": "isquémica",
    "isquemico": "isquémico", "cardiopatia": "cardiopatía", "miocardiopatia": "miocardiopatía",
    "encefalopatia": "encefalopatía", "neuropatia": "neuropatía", "nefropatia": "nefropatía",
    "retinopatia": "retinopatía", "hipoglucemia": "hipoglucemia", "apendice": "apéndice",
    "vesicula": "vesícula", "cesarea": "cesárea", "feto": "feto", "cervix": "cérvix",
    "pelvico": "pélvico", "pelvica": "pélvica", "genitourinario": "genitourinario",
    "diagnostico": "diagnóstico", "diagnosticos": "diagnósticos", "medico": "médico",
    "medicos": "médicos", "medica": "médica", "quirurgico": "quirúrgico", "quirurgica": "quirúrgica",
    "quirurgicos": "quirúrgicos", "ortopedicos": "ortopédicos", "protesis": "prótesis",
    "ultimo": "último", "unico": "único", "unica": "única", "craneo": "cráneo",
    "epilepsia": "epilepsia", "oseo": "óseo", "osea": "ósea", "oseos": "óseos", "liquido": "líquido",
    "liquidos": "líquidos", "acido": "ácido", "acidos": "ácidos", "electrica": "eléctrica",
    "termica": "térmica", "mecanico": "mecánico", "mecanica": "mecánica", "atipico": "atípico",
    "atipica": "atípica", "tipico": "típico", "embrion": "embrión", "organo": "órgano",
    "sifilis": "sífilis", "vias": "vías", "via": "vía", "agresion": "agresión", "lesion": "lesión",
    "lesiones": "lesiones", "traquea": "tráquea", "laringe": "laringe", "bronquitis": "bronquitis",
    "gastritis": "gastritis", "hernia": "hernia", "intestino": "intestino", "cordon": "cordón", "hidropesia": "hidropesía", "cirugia": "cirugía",
    "abanico": "abanico", "rico": "rico", "perico": "perico", "borrico": "borrico",
}
# Short or ambiguous words never touched even when the source has an accented twin.
NEVER = {"el", "mas", "esta", "este", "como", "que", "se", "si", "solo", "de", "tu", "mi", "aun",
         "publico", "practica", "continua", "termino", "sera", "estan", "ademas", "habito", "deposito",
         "limite", "papa", "sabana", "secretaria", "animo", "calculo",
         # verbs that the -ico/-ica rule would otherwise accent (se clasifica, complica, implica)
         "clasifica", "complica", "implica", "aplica", "duplica", "indica", "fabrica", "explica",
         "publica", "replica", "critica"}

ACCENTED = str.maketrans("aeiou", "áéíóú")


def accent_vowel(stem: str) -> str:
    """Puts the written accent on the last vowel of stem (the stressed one of an esdrújula), or on the
    strong vowel of a final diphthong (hidráulico, not hidraúlico)."""
    i = max(stem.rfind(v) for v in "aeiou")
    if i > 0 and stem[i] in "iu" and stem[i - 1] in "aeo":
        i -= 1
    if i > 0 and stem[i] == "u" and stem[i - 1] in "qg":  # 'que', 'gui': the u is silent
        return stem
    return stem[:i] + stem[i].translate(ACCENTED) + stem[i + 1:]


def by_rule(lw: str) -> str:
    """Spanish spelling rules with no exception in diagnosis texts: singular -ción/-sión/-xión; the
    unstressed Greek suffix -ico (crónico, idiopática, hipertrófica); -ículo (testículo, vesícula);
    -patía, -tomía, -grafía, -logía."""
    if len(lw) > 5 and lw.endswith(("cion", "sion", "xion")):
        return lw[:-3] + "ión"
    m = re.fullmatch(r"(.*[aeiou])([^aeiou]+)(ic[oa]s?)", lw)
    if m and len(lw) >= 7 and lw not in NEVER and not re.search(r"[áéíóú]", lw) and m.group(1)[-1] in "aeiou":
        return accent_vowel(m.group(1)) + m.group(2) + m.group(3)
    m = re.fullmatch(r"(.*)(icul[oa]s?)", lw)
    if m and len(lw) >= 7:
        return m.group(1) + "í" + m.group(2)[1:]
    m = re.fullmatch(r"(.*)(pat|tom|graf|log)(ias?)", lw)
    if m and len(lw) >= 7:
        return m.group(1) + m.group(2) + "í" + m.group(3)[1:]
    return lw



def case_like(src: str, dst: str) -> str:
    if src.isupper() and len(src) > 1:
        return dst.upper()
    if src[:1].isupper():
        return dst[:1].upper() + dst[1:]
    return dst


def build_accent_map(texts):
    accented = Counter()
    for t in texts:
        for w in re.findall(r"[^\W\d_]+", t):
            if re.search(r"[áéíóúñü]", w.lower()):
                accented[w.lower()] += 1
    fold = str.maketrans("áéíóúñü", "aeiounu")
    mapping = defaultdict(set)
    for w in accented:
        mapping[w.translate(fold)].add(w)
    out = {k: next(iter(v)) for k, v in mapping.items() if len(v) == 1 and k not in NEVER}
    out.update(EXTRA)
    return out


def restore(text: str, amap) -> str:
    text = re.sub(r"\s{2,}", ", ", text.strip())  # the source replaced ", " by two spaces

    def word(m):
        w = m.group(0)
        lw = w.lower()
        if lw in NEVER:
            return w
        if lw in amap:
            return case_like(w, amap[lw])
        return case_like(w, by_rule(lw)) if by_rule(lw) != lw else w
    return re.sub(r"[^\W\d_]+", word, text)


def cie10():
    rows = list(csv.DictReader(open(SRC / "cie10_co.csv", encoding="utf-8")))
    amap = build_accent_map(r["DESCRIPCION_COD_4"] for r in rows)
    with open(OUT / "cie10.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "description", "chapter", "category"])
        for r in rows:
            code = r["COD_4"].strip().upper()
            if len(code) == 3:
                code += "X"  # RIPS writes 3-character categories without subdivisions as A90X
            w.writerow([code, restore(r["DESCRIPCION_COD_4"], amap), int(r["CAPITULO"]), r["COD_3"].strip()])
    return len(rows)


# ---------------------------------------------------------------- DIVIPOLA
MUNI_WORDS = {
    w.split("=")[0]: w.split("=")[1] for w in """
ABREGO=ÁBREGO ABRIAQUI=ABRIAQUÍ ACACIAS=ACACÍAS ACANDI=ACANDÍ ACHI=ACHÍ AGUILA=ÁGUILA AGUSTIN=AGUSTÍN
ALBAN=ALBÁN ALCALA=ALCALÁ ALEJANDRIA=ALEJANDRÍA AMAGA=AMAGÁ ANDALUCIA=ANDALUCÍA ANDRES=ANDRÉS
ANGEL=ÁNGEL ANGELOPOLIS=ANGELÓPOLIS ANORI=ANORÍ ANZA=ANZÁ ANZOATEGUI=ANZOÁTEGUI APARTADO=APARTADÓ
APIA=APÍA ARBELAEZ=ARBELÁEZ ARIGUANI=ARIGUANÍ ASIS=ASÍS BAGADO=BAGADÓ BAHIA=BAHÍA BALCON=BALCÓN
BARBARA=BÁRBARA BAUDO=BAUDÓ BELALCAZAR=BELALCÁZAR BELEN=BELÉN BELTRAN=BELTRÁN BERRIO=BERRÍO
BOGOTA=BOGOTÁ BOJACA=BOJACÁ BOJAYA=BOJAYÁ BOLIVAR=BOLÍVAR BOYACA=BOYACÁ BRICENO=BRICEÑO
BURITICA=BURITICÁ CACERES=CÁCERES CACHIRA=CÁCHIRA CACOTA=CÁCOTA CAGUAN=CAGUÁN CAJIBIO=CAJIBÍO
CAJICA=CAJICÁ CALARCA=CALARCÁ CANASGORDAS=CAÑASGORDAS CAPARRAPI=CAPARRAPÍ CAQUEZA=CÁQUEZA
CARACOLI=CARACOLÍ CARCASI=CARCASÍ CARRENO=CARREÑO CARURU=CARURÚ CERETE=CERETÉ CERTEGUI=CÉRTEGUI
CHACHAGUI=CHACHAGÜÍ CHAGUANI=CHAGUANÍ CHAIRA=CHAIRÁ CHALAN=CHALÁN CHAMEZA=CHÁMEZA CHARALA=CHARALÁ
CHIA=CHÍA CHIGORODO=CHIGORODÓ CHIMA=CHIMÁ CHINACOTA=CHINÁCOTA CHINCHINA=CHINCHINÁ CHINU=CHINÚ
CHIPATA=CHIPATÁ CHIQUINQUIRA=CHIQUINQUIRÁ CHIQUIZA=CHÍQUIZA CHIRIGUANA=CHIRIGUANÁ CHITAGA=CHITAGÁ
CHIVATA=CHIVATÁ CHOACHI=CHOACHÍ CHOCONTA=CHOCONTÁ CHUCURI=CHUCURÍ CIENAGA=CIÉNAGA CIENEGA=CIÉNEGA
COCORNA=COCORNÁ COLON=COLÓN COLOSO=COLOSÓ COMBITA=CÓMBITA CONCEPCION=CONCEPCIÓN CONSACA=CONSACÁ
CONTRATACION=CONTRATACIÓN CONVENCION=CONVENCIÓN CORDOBA=CÓRDOBA CORDOBAS=CÓRDOBAS COVENAS=COVEÑAS
CRISTOBAL=CRISTÓBAL CUBARA=CUBARÁ CUCUNUBA=CUCUNUBÁ CUCUTA=CÚCUTA CUERQUIA=CUERQUÍA CUITIVA=CUÍTIVA
CURITI=CURITÍ CURUMANI=CURUMANÍ DARIEN=DARIÉN DISTRACCION=DISTRACCIÓN DONMATIAS=DONMATÍAS
EBEJICO=EBÉJICO ELIAS=ELÍAS ENTRERRIOS=ENTRERRÍOS FACATATIVA=FACATATIVÁ FLORIAN=FLORIÁN
FOMEQUE=FÓMEQUE FUNDACION=FUNDACIÓN FUQUENE=FÚQUENE FUSAGASUGA=FUSAGASUGÁ GACHALA=GACHALÁ
GACHANCIPA=GACHANCIPÁ GACHANTIVA=GACHANTIVÁ GACHETA=GACHETÁ GAITAN=GAITÁN GALAN=GALÁN
GAMBITA=GÁMBITA GAMEZA=GÁMEZA GARZON=GARZÓN GENOVA=GÉNOVA GIRON=GIRÓN GOMEZ=GÓMEZ GONZALEZ=GONZÁLEZ
GUACARI=GUACARÍ GUACHENE=GUACHENÉ GUACHETA=GUACHETÁ GUAMUEZ=GUAMUÉZ GUAPOTA=GUAPOTÁ GUATAPE=GUATAPÉ
GUATAQUI=GUATAQUÍ GUATICA=GUÁTICA GUAVATA=GUAVATÁ GUAYATA=GUAYATÁ GUEPSA=GÜEPSA GUICAN=GÜICÁN
GUTIERREZ=GUTIÉRREZ GUZMAN=GUZMÁN HACARI=HACARÍ HERRAN=HERRÁN IBAGUE=IBAGUÉ IMUES=IMUÉS
INIRIDA=INÍRIDA INZA=INZÁ IQUIRA=ÍQUIRA ITAGUI=ITAGÜÍ JAMBALO=JAMBALÓ JAMUNDI=JAMUNDÍ JARDIN=JARDÍN
JERICO=JERICÓ JERONIMO=JERÓNIMO JERUSALEN=JERUSALÉN JESUS=JESÚS JOAQUIN=JOAQUÍN JORDAN=JORDÁN
JOSE=JOSÉ JUNIN=JUNÍN LANDAZURI=LANDÁZURI LEJANIAS=LEJANÍAS LERIDA=LÉRIDA LIBANO=LÍBANO LLORO=LLORÓ
LOPEZ=LÓPEZ LUCIA=LUCÍA MAGANGUE=MAGANGUÉ MAGUI=MAGÜÍ MALAGA=MÁLAGA MANATI=MANATÍ MANI=MANÍ
MAPIRIPAN=MAPIRIPÁN MARIA=MARÍA MARIPI=MARIPÍ MARTIN=MARTÍN MEDELLIN=MEDELLÍN MILAN=MILÁN
MISTRATO=MISTRATÓ MITU=MITÚ MONGUI=MONGUÍ MONIQUIRA=MONIQUIRÁ MONITOS=MOÑITOS MONTANA=MONTAÑA
MONTANITA=MONTAÑITA MONTELIBANO=MONTELÍBANO MONTERIA=MONTERÍA MURINDO=MURINDÓ MUTATA=MUTATÁ
NARINO=NARIÑO NATAGA=NÁTAGA NECHI=NECHÍ NECOCLI=NECOCLÍ NEMOCON=NEMOCÓN NOROSI=NOROSÍ NOVITA=NÓVITA
NUNCHIA=NUNCHÍA NUQUI=NUQUÍ OCANA=OCAÑA OICATA=OICATÁ OROCUE=OROCUÉ PAEZ=PÁEZ PATIA=PATÍA
PAUJIL=PAUJÍL PAYAN=PAYÁN PENOL=PEÑOL PENON=PEÑÓN PIENDAMO=PIENDAMÓ PIJINO=PIJIÑO PINON=PIÑÓN
PIOJO=PIOJÓ PLAYON=PLAYÓN POPAYAN=POPAYÁN POTOSI=POTOSÍ PURACE=PURACÉ PURIFICACION=PURIFICACIÓN
PURISIMA=PURÍSIMA QUIBDO=QUIBDÓ QUINCHIA=QUINCHÍA QUIPAMA=QUÍPAMA RAMIRIQUI=RAMIRIQUÍ RAQUIRA=RÁQUIRA
REPELON=REPELÓN ROSALIA=ROSALÍA RETEN=RETÉN RIO=RÍO RIOFRIO=RIOFRÍO RONDON=RONDÓN SACHICA=SÁCHICA SAHAGUN=SAHAGÚN
SALDANA=SALDAÑA SAMACA=SAMACÁ SAMANA=SAMANÁ SAMPUES=SAMPUÉS SANDONA=SANDONÁ SEBASTIAN=SEBASTIÁN
SESQUILE=SESQUILÉ SIBATE=SIBATÉ SIMITI=SIMITÍ SINCE=SINCÉ SIPI=SIPÍ SOATA=SOATÁ SOCOTA=SOCOTÁ
SONSON=SONSÓN SOPETRAN=SOPETRÁN SOPO=SOPÓ SORACA=SORACÁ SOTAQUIRA=SÓTAQUIRÁ SOTARA=SOTARÁ
SUAREZ=SUÁREZ SUPATA=SUPATÁ SUPIA=SUPÍA SURATA=SURATÁ SUSACON=SUSACÓN SUTAMARCHAN=SUTAMARCHÁN
TABLON=TABLÓN TADO=TADÓ TAMESIS=TÁMESIS TARAZA=TARAZÁ TIBANA=TIBANÁ TIBU=TIBÚ TIMANA=TIMANÁ
TIMBIO=TIMBÍO TIMBIQUI=TIMBIQUÍ TINJACA=TINJACÁ TITIRIBI=TITIRIBÍ TOCANCIPA=TOCANCIPÁ TOGUI=TOGÜÍ
TOLU=TOLÚ TOMAS=TOMÁS TOPAGA=TÓPAGA TORIBIO=TORIBÍO TUBARA=TUBARÁ TUCHIN=TUCHÍN TULUA=TULUÁ
TUNIA=TUNÍA TUQUERRES=TÚQUERRES TURBANA=TURBANÁ TURMEQUE=TURMEQUÉ UBATE=UBATÉ UMBITA=ÚMBITA
UNGUIA=UNGUÍA UNION=UNIÓN URABA=URABÁ USIACURI=USIACURÍ VALPARAISO=VALPARAÍSO VEGACHI=VEGACHÍ
VELEZ=VÉLEZ VIANI=VIANÍ VIGIA=VIGÍA VILLAGOMEZ=VILLAGÓMEZ VILLAMARIA=VILLAMARÍA
VILLAPINZON=VILLAPINZÓN VIOTA=VIOTÁ YACOPI=YACOPÍ YALI=YALÍ YOLOMBO=YOLOMBÓ YONDO=YONDÓ
ZAPAYAN=ZAPAYÁN ZENON=ZENÓN ZIPACON=ZIPACÓN ZIPAQUIRA=ZIPAQUIRÁ
""".split()
}
MUNI_WORDS["SOTAQUIRA"] = "SOTAQUIRÁ"
LOWER = {"DE", "DEL", "LA", "LAS", "LOS", "EL", "Y"}


def municipality_name(raw: str) -> str:
    if raw == "BOGOTA, D.C.":
        return "Bogotá, D.C."
    out = []
    for i, tok in enumerate(re.split(r"(\s+|-)", raw)):
        if not tok.strip() or tok == "-":
            out.append(tok)
            continue
        word = MUNI_WORDS.get(tok, tok)
        if i > 0 and tok in LOWER:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return "".join(out)


# SPEC §8 regionals. Departments served by the EPS map whole; Bolívar is split by its ZODES
# (Zonas de Desarrollo Económico y Social, Ordenanza 2001): see docs/catalogs.md.
BOLIVAR = {
    "bolivar": "13001 13052 13062 13140 13222 13433 13620 13647 13673 13683 13760 13836 13838 13873",
    "bolivar_norte": "13212 13244 13248 13442 13654 13657 13894",
    "bolivar_centro": "13006 13188 13300 13430 13440 13458 13468 13549 13650 13655 13780 13810",
    "bolivar_sur": "13030 13042 13074 13160 13268 13473 13490 13580 13600 13667 13670 13688 13744",
}
DEPT_REGIONAL = {"08": "atlantico", "47": "magua", "44": "magua", "70": "sucre", "23": "cordoba"}
SUBSIDY_CITIES = {"13001", "08001"}  # AUT-4: Cartagena and Barranquilla


def divipola():
    depts = list(csv.DictReader(open(SRC / "departments.csv", encoding="utf-8")))
    with open(OUT / "departments.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "description"])
        for d in depts:
            w.writerow([d["code"].zfill(2), d["name"]])
    bol = {c: reg for reg, codes in BOLIVAR.items() for c in codes.split()}
    rows = list(csv.DictReader(open(SRC / "divipola_municipalities.csv", encoding="utf-8")))
    seen = set()
    with open(OUT / "divipola.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "description", "department_code", "regional", "subsidy_city"])
        for r in rows:
            code = str(int(r["codigo_centro_poblado"]) // 1000).zfill(5)
            assert code not in seen, code
            seen.add(code)
            dept = code[:2]
            regional = bol.get(code, "") if dept == "13" else DEPT_REGIONAL.get(dept, "")
            assert dept != "13" or regional, code
            w.writerow([code, municipality_name(r["nombre_municipio"]), dept, regional,
                        "true" if code in SUBSIDY_CITIES else "false"])
    assert sum(len(v.split()) for v in BOLIVAR.values()) == 46
    return len(rows)


if __name__ == "__main__":
    print("cie10", cie10())
    print("divipola", divipola())
