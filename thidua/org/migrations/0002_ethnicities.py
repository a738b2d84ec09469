"""The 54 ethnic groups of Viet Nam with the codes of the General Statistics Office (Quyết định 121-TCTK/PPCĐ)."""

from django.db import migrations

from thidua.core.vietnamese import fold

ETHNICITIES = [
    ("01", "Kinh", "Việt"), ("02", "Tày", ""), ("03", "Thái", ""), ("04", "Hoa", "Hán"),
    ("05", "Khơ-me", "Khmer"), ("06", "Mường", ""), ("07", "Nùng", ""), ("08", "Mông", "H'Mông, Hmông, Mèo"),
    ("09", "Dao", "Mán"), ("10", "Gia-rai", "Jrai"), ("11", "Ngái", ""), ("12", "Ê-đê", "Ê Đê, Rhade"),
    ("13", "Ba-na", "Bahnar"), ("14", "Xơ-đăng", "Xê Đăng"), ("15", "Sán Chay", "Cao Lan, Sán Chỉ"),
    ("16", "Cơ-ho", "K'Ho"), ("17", "Chăm", "Chàm"), ("18", "Sán Dìu", ""), ("19", "Hrê", ""),
    ("20", "Mnông", "M'Nông"), ("21", "Ra-glai", "Raglai"), ("22", "Xtiêng", "Stiêng"),
    ("23", "Bru-Vân Kiều", "Bru, Vân Kiều"), ("24", "Thổ", ""), ("25", "Giáy", ""), ("26", "Cơ-tu", "Katu"),
    ("27", "Gié-Triêng", "Giẻ Triêng"), ("28", "Mạ", ""), ("29", "Khơ-mú", "Khmu"), ("30", "Co", "Cor"),
    ("31", "Tà-ôi", "Ta Ôi"), ("32", "Chơ-ro", "Chơ Ro"), ("33", "Kháng", ""), ("34", "Xinh-mun", "Xinh Mun"),
    ("35", "Hà Nhì", ""), ("36", "Chu-ru", "Chu Ru"), ("37", "Lào", ""), ("38", "La Chí", ""), ("39", "La Ha", ""),
    ("40", "Phù Lá", ""), ("41", "La Hủ", ""), ("42", "Lự", ""), ("43", "Lô Lô", ""), ("44", "Chứt", ""),
    ("45", "Mảng", ""), ("46", "Pà Thẻn", ""), ("47", "Cơ Lao", "Co Lao"), ("48", "Cống", ""), ("49", "Bố Y", ""),
    ("50", "Si La", ""), ("51", "Pu Péo", ""), ("52", "Brâu", ""), ("53", "Ơ-đu", "Ơ Đu"), ("54", "Rơ-măm", "Rơ Măm"),
]


def load(apps, schema_editor):
    Ethnicity = apps.get_model("org", "Ethnicity")
    Ethnicity.objects.bulk_create(
        Ethnicity(code=code, name=name, other_names=other, name_folded=fold(f"{name} {other}"))
        for code, name, other in ETHNICITIES
    )


def unload(apps, schema_editor):
    apps.get_model("org", "Ethnicity").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
