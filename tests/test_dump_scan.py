"""A SQL dump scanned end to end: per-table report, rows linked to their patient
across tables, damage located, no raw value anywhere."""
from __future__ import annotations

import gzip
import json

import pytest

from leaks import run_cli, scan_json

PATIENTS = """CREATE TABLE `patients` (`id` int NOT NULL, `nom` varchar(40), `prenom` varchar(40),
  `date_naissance` date, `nir` char(15), PRIMARY KEY (`id`));
INSERT INTO `patients` VALUES (1,'Durand','Léa','1985-05-02','285057512345617'),(2,'Petit','Luc','1990-01-03',NULL),(3,'Martin','Zoé','1979-11-30',NULL);
"""
# Léa's sample reveals HIV, Luc's a pregnancy test; sample 12's patient is not in the dump.
SAMPLES = """CREATE TABLE `prelevements` (`id` int, `patient_id` int, `examen` text, `resultat` text,
  CONSTRAINT `fk` FOREIGN KEY (`patient_id`) REFERENCES `patients` (`id`));
INSERT INTO `prelevements` VALUES (10,1,'Sérologie VIH 1/2','négatif'),(11,2,'Bêta-hCG','< 2 UI/L'),(12,9,'Glycémie','5,1 mmol/L'),(13,1,'Glycémie','4,9');
"""
# No declared constraint: the link is evident from the names.
PRESCRIPTIONS = """CREATE TABLE `ordonnances` (`id` int, `id_patient` int, `medicament` text);
INSERT INTO `ordonnances` VALUES (20,3,'Biktarvy 1 cp/j'),(21,3,'Doliprane');
"""


def write(tmp_path, name: str, text: str, compress: bool = False):
    path = tmp_path / name
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def by_table(findings: list[dict]) -> dict[tuple[str, int], dict]:
    return {(line["table"], line["record"]): line for line in findings}


def test_each_table_is_reported_with_its_rows_and_roles(tmp_path):
    dump = write(tmp_path, "labo.sql", PATIENTS + SAMPLES + PRESCRIPTIONS)
    code, report, _ = scan_json(tmp_path, dump)
    assert code == 0
    entry = report["inputs"][0]
    assert (entry["format"], entry["records"], entry["complete"]) == ("mysql", 9, True)
    assert [(t["name"], t["records"]) for t in entry["tables"]] == [("patients", 3), ("prelevements", 4), ("ordonnances", 2)]
    roles = {c["name"]: c["role"] for c in entry["tables"][0]["columns"]}
    assert roles == {"id": None, "nom": "last_name", "prenom": "first_name", "date_naissance": "birth_date", "nir": "nir"}
    assert report["records"]["total"] == 9


def test_a_child_row_counts_for_its_patients_person(tmp_path):
    dump = write(tmp_path, "labo.sql", PATIENTS + SAMPLES + PRESCRIPTIONS)
    _, report, findings = scan_json(tmp_path, dump)
    assert report["people"]["estimate"] == 3
    assert report["sensitivity"]["hiv"] == {"records": 2, "people": 2}  # Léa's serology, Zoé's Biktarvy
    assert report["sensitivity"]["pregnancy"] == {"records": 1, "people": 1}
    lines = by_table(findings)
    assert lines[("prelevements", 0)]["person"] == lines[("patients", 0)]["person"] is not None
    assert lines[("prelevements", 1)]["person"] == lines[("patients", 1)]["person"]
    assert lines[("ordonnances", 0)]["person"] == lines[("patients", 2)]["person"]
    assert lines[("prelevements", 0)]["categories"] == ["hiv"]
    assert ("prelevements", 2) not in lines  # no category, and its patient is not in the dump
    links = {t["name"]: t.get("links") for t in report["inputs"][0]["tables"]}
    assert links["prelevements"] == [{"column": "patient_id", "references": "patients.id", "declared": True,
                                      "rows": 4, "matched": 3, "attributed": 3}]
    assert links["ordonnances"] == [{"column": "id_patient", "references": "patients.id", "declared": False,
                                     "rows": 2, "matched": 2, "attributed": 2}]


def test_links_declared_after_the_data_are_followed(tmp_path):
    """pg_dump adds its foreign keys at the end, after every COPY block."""
    dump = write(tmp_path, "labo.sql", """SET standard_conforming_strings = on;
CREATE TABLE public.patient (id integer, nom text, prenom text, ddn date);
CREATE TABLE public.analyse (id integer, ref_patient integer, libelle text);
COPY public.patient (id, nom, prenom, ddn) FROM stdin;
7\tDurand\tLéa\t1985-05-02
\\.
COPY public.analyse (id, ref_patient, libelle) FROM stdin;
1\t7\tGroupe sanguin A Rh+
\\.
ALTER TABLE ONLY public.analyse
    ADD CONSTRAINT analyse_fk FOREIGN KEY (ref_patient) REFERENCES public.patient(id);
""")
    _, report, findings = scan_json(tmp_path, dump)
    assert report["inputs"][0]["format"] == "postgresql"
    assert report["sensitivity"]["blood_group"] == {"records": 1, "people": 1}
    lines = by_table(findings)
    assert lines[("public.analyse", 0)]["person"] == lines[("public.patient", 0)]["person"] is not None


def test_a_chain_of_links_reaches_the_patient(tmp_path):
    dump = write(tmp_path, "labo.sql", PATIENTS + """
CREATE TABLE `visites` (`id` int, `patient_id` int);
INSERT INTO `visites` VALUES (50,2);
CREATE TABLE `actes` (`id` int, `visite_id` int, `libelle` text);
INSERT INTO `actes` VALUES (60,50,'Échographie T1, 12 SA');
""")
    _, report, findings = scan_json(tmp_path, dump)
    assert report["sensitivity"]["pregnancy"] == {"records": 1, "people": 1}
    lines = by_table(findings)
    assert lines[("actes", 0)]["person"] == lines[("patients", 1)]["person"] is not None


def test_two_child_tables_sharing_a_column_name_do_not_link_to_each_other(tmp_path):
    dump = write(tmp_path, "labo.sql", PATIENTS.replace("`patients`", "`dossiers`") + """
CREATE TABLE `resultats` (`id` int, `patient_id` int, `texte` text);
INSERT INTO `resultats` VALUES (1,1,'VIH positif'),(2,1,'VIH positif');
CREATE TABLE `patient_notes` (`id` int, `patient_id` int);
INSERT INTO `patient_notes` VALUES (1,1),(2,1);
""")
    _, report, findings = scan_json(tmp_path, dump)
    tables = {t["name"]: t for t in report["inputs"][0]["tables"]}
    assert "links" not in tables["resultats"]  # no "patients" table; patient_notes.patient_id is no key
    assert report["sensitivity"]["hiv"] == {"records": 2, "people": 0}
    assert all(line["person"] is None for line in findings if line["table"] == "resultats")


def test_a_compressed_dump_truncated_mid_tuple_is_read_up_to_the_cut(tmp_path):
    rows = ",".join(f"({i},'Nom{i}','VIH négatif')" for i in range(2000))
    text = "CREATE TABLE `t` (`id` int, `nom` text, `note` text);\nINSERT INTO `t` VALUES " + rows + ";\n"
    data = gzip.compress(text.encode())
    path = tmp_path / "cut.sql.gz"
    path.write_bytes(data[: len(data) // 2])
    proc = run_cli("scan", str(path), "--json", str(tmp_path / "r.json"), "--no-progress")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    entry = report["inputs"][0]
    assert entry["compression"] == "gz" and not entry["complete"]
    assert 0 < entry["records"] < 2000
    assert any("table t" in p and "line 2" in p for p in entry["problems"])
    assert any("truncated" in p for p in entry["problems"])


def test_garbage_and_unknown_statements_are_located_and_the_rest_read(tmp_path):
    dump = write(tmp_path, "labo.sql", PATIENTS + "FROBNICATE the database now;\n" + SAMPLES)
    code, report, _ = scan_json(tmp_path, dump)
    entry = report["inputs"][0]
    assert code == 1 and entry["records"] == 7
    assert entry["problems"] == ["unknown statement at line 4 skipped"]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gz"])
def test_no_raw_value_of_a_dump_reaches_any_output(tmp_path, compress):
    dump = write(tmp_path, "labo.sql" + (".gz" if compress else ""), PATIENTS + SAMPLES + PRESCRIPTIONS + """
INSERT INTO `patients` VALUES (4,'O''Brien','Anne','1970-02-02','2700275123456 8
""", compress)
    outputs = [tmp_path / n for n in ("r.json", "r.md", "r.html", "f.jsonl")]
    proc = run_cli("scan", str(dump), "--json", str(outputs[0]), "--markdown", str(outputs[1]),
                   "--html", str(outputs[2]), "--findings", str(outputs[3]))
    assert proc.returncode == 1
    seen = proc.stdout + proc.stderr + "".join(p.read_text() for p in outputs)
    for raw in ("Durand", "Léa", "Petit", "Martin", "Zoé", "285057512345617", "O'Brien", "OBrien", "2700275123456"):
        assert raw not in seen


def test_an_unbalanced_quote_loses_its_statement_only(tmp_path):
    broken = "INSERT INTO `patients` VALUES (4,'Durand,'Léa','1985-05-02',NULL);\n"
    dump = write(tmp_path, "labo.sql", PATIENTS + broken + SAMPLES)
    code, report, _ = scan_json(tmp_path, dump)
    entry = report["inputs"][0]
    assert code == 1 and not entry["complete"]
    assert {t["name"]: t["records"] for t in entry["tables"]} == {"patients": 3, "prelevements": 4}
    assert any(p.startswith("table patients:") and "line 4" in p for p in entry["problems"])


def test_binary_garbage_in_the_middle_is_skipped_and_located(tmp_path):
    path = tmp_path / "labo.sql"
    path.write_bytes(PATIENTS.encode() + bytes(range(256)) * 40 + b"\n" + SAMPLES.encode())
    code, report, _ = scan_json(tmp_path, path)
    entry = report["inputs"][0]
    assert code == 1 and entry["records"] == 7
    assert entry["problems"] and all("line" in p for p in entry["problems"])
