"""Fixtures for the blocks tests: the Tiền Giang 2022 table, as issued and as the documents applied it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TIEN_GIANG_CSV = FIXTURES / "tien_giang_2022_bang_diem_chuan.csv"


@pytest.fixture
def tien_giang_csv() -> Path:
    return TIEN_GIANG_CSV


@pytest.fixture
def tien_giang_table():
    from thidua.blocks.table_import import read_csv

    return read_csv(
        TIEN_GIANG_CSV,
        title="Bảng điểm chuẩn thi đua Phòng TN&MT cấp huyện, Sở TN&MT Tiền Giang",
        year=2022,
        total_points=Decimal(100),
    )


@pytest.fixture
def tien_giang_applied(tien_giang_table):
    from thidua.blocks.examples.tien_giang_2022 import as_applied

    return as_applied(tien_giang_table)
