def test_smoke(personas, province_tree):
    assert len(personas) == 9
