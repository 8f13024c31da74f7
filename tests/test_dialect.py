"""Delimiter and header sniffing, and what is not a table."""
import pytest

from scanner.dialect import looks_binary, looks_sql, sniff_dialect

ROWS = [["nom", "prenom", "ddn", "tel"], ["Durand", "Léa", "01/02/1985", "0612345678"], ["Petit", "Luc", "03/04/1990", "0712345678"]]


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_delimiter_and_header(delimiter):
    text = "\n".join(delimiter.join(r) for r in ROWS) + "\n"
    d = sniff_dialect(text)
    assert (d.delimiter, d.header, d.columns) == (delimiter, True, ROWS[0])


def test_quoted_delimiters_and_newlines_do_not_fool_the_sniffer():
    text = 'nom;commentaire;tel\nDurand;"a; b\nc; d";0612345678\nPetit;"x";0712345678\n'
    d = sniff_dialect(text)
    assert d.delimiter == ";" and d.columns == ["nom", "commentaire", "tel"]


def test_no_header_gets_generated_names():
    d = sniff_dialect("\n".join(";".join(r) for r in ROWS[1:]) + "\n")
    assert not d.header and d.columns == ["col_1", "col_2", "col_3", "col_4"]


def test_duplicate_and_empty_header_names_are_made_unique():
    d = sniff_dialect("nom;;nom\nDurand;x;0612345678\n")
    assert d.columns == ["nom", "col_2", "nom_2"]


def test_single_column_file():
    d = sniff_dialect("email\nlea.durand@example.org\nluc.petit@example.org\n")
    assert d.columns == ["email"] and d.header


def test_binary_and_sql_are_recognised():
    assert looks_binary("\x00\x01\x02\x03" * 100)
    assert looks_sql("-- MySQL dump 10.13  Distrib 10.11\n")
    assert looks_sql("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n")
    assert not looks_sql(";".join(ROWS[0]))
