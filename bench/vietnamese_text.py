"""How fast the Vietnamese text functions are: fold, sort_key and name_sort_key over 100,000 names."""

import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from thidua.core.vietnamese import fold, name_sort_key, sort_key

FAMILY = ["Nguyễn", "Trần", "Lò", "Lường", "Giàng", "Vàng", "Tao", "Đèo", "Phạm", "Hoàng", "Lý", "Chẻo"]
MIDDLE = ["Văn", "Thị", "A", "Seo", "Thị Thu", "Đức", "Minh", "Quang"]
GIVEN = ["Anh", "Ánh", "Ân", "Bình", "Dũng", "Đức", "Hà", "Hạnh", "Hương", "Lự", "Mỷ", "Ý", "Ước", "Thắm"]


def names(count: int) -> list[str]:
    rng = random.Random(2022)
    return [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(count)]


def measure(label: str, func, items) -> None:
    start = time.perf_counter()
    for item in items:
        func(item)
    elapsed = time.perf_counter() - start
    print(f"{label:<16} {len(items):>7,} names  {elapsed:6.3f} s  {len(items) / elapsed:>10,.0f} names/s")


if __name__ == "__main__":
    sample = names(100_000)
    measure("fold", fold, sample)
    measure("sort_key", sort_key, sample)
    measure("name_sort_key", name_sort_key, sample)
    start = time.perf_counter()
    sorted(sample, key=name_sort_key)
    print(f"sort by name      100,000 names  {time.perf_counter() - start:6.3f} s")
