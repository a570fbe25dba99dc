import pytest

from stadtdialog.sortition.algorithm import InvalidInput, load_instance

CATEGORIES = "category,feature,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,0,2\nage,old,0,2\n"
RESPONDENTS = "id,gender,age\na,female,young\nb,male,old\nc,female,old\n"


def write(tmp_path, respondents=RESPONDENTS, categories=CATEGORIES):
    (tmp_path / "respondents.csv").write_text(respondents, encoding="utf-8")
    (tmp_path / "categories.csv").write_text(categories, encoding="utf-8")
    return tmp_path / "respondents.csv", tmp_path / "categories.csv"


def messages(tmp_path, k=2, **files):
    with pytest.raises(InvalidInput) as error:
        load_instance(*write(tmp_path, **files), k)
    return [str(issue) for issue in error.value.issues]


def test_valid_files_load(tmp_path):
    instance = load_instance(*write(tmp_path), 2)
    assert instance.n == 3
    assert instance.respondents[2].features == {"gender": "female", "age": "old"}


def test_unknown_values_all_reported_with_line_and_column(tmp_path):
    text = "id,gender,age\na,female,young\nb,x,old\nc,female,ancient\nd,y,young\n"
    found = messages(tmp_path, respondents=text)
    assert "respondents.csv, Zeile 3, Spalte 'gender': unbekannter Wert 'x'" in found
    assert "respondents.csv, Zeile 4, Spalte 'age': unbekannter Wert 'ancient'" in found
    assert "respondents.csv, Zeile 5, Spalte 'gender': unbekannter Wert 'y'" in found


def test_missing_column(tmp_path):
    found = messages(tmp_path, respondents="id,gender\na,female\n")
    assert found == ["respondents.csv, Zeile 1, Spalte 'age': Spalte fehlt"]


def test_duplicate_ids_name_both_lines(tmp_path):
    text = "id,gender,age\na,female,young\nb,male,old\na,female,old\n"
    assert messages(tmp_path, respondents=text) == [
        "respondents.csv, Zeile 4, Spalte 'id': doppelte Kennung 'a' (bereits in Zeile 2)"
    ]


def test_quota_problems(tmp_path):
    text = "category,feature,min,max\ngender,female,3,2\ngender,male,2,2\nage,young,zwei,2\nage,old,0,0\n"
    found = messages(tmp_path, categories=text)
    assert "categories.csv, Zeile 2, Spalte 'max': Minimum 3 ist größer als Maximum 2" in found
    assert "categories.csv, Zeile 4, Spalte 'min': keine ganze Zahl: 'zwei'" in found
    assert any("Merkmal 'gender': die Minima ergeben zusammen 5" in m for m in found)
    assert any("Merkmal 'age': die Maxima ergeben zusammen nur 0" in m for m in found)


def test_errors_in_both_files_are_collected(tmp_path):
    found = messages(
        tmp_path,
        categories=CATEGORIES.replace("1,2\ngender,male", "x,2\ngender,male"),
        respondents=RESPONDENTS + "d,female,old\nd,other,old\n",
    )
    assert any(m.startswith("categories.csv, Zeile 2, Spalte 'min'") for m in found)
    assert any(m.startswith("respondents.csv, Zeile 6, Spalte 'id'") for m in found)
    assert any(m.startswith("respondents.csv, Zeile 6, Spalte 'gender'") for m in found)


def test_respondents_without_id_column_get_numbers(tmp_path):
    instance = load_instance(*write(tmp_path, respondents="gender,age\nfemale,young\nmale,old\n"), 2)
    assert [p.id for p in instance.respondents] == ["1", "2"]
