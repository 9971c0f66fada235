import random

from editor.engine.prefixsums import PrefixSums


def test_prefix_sums_follow_point_updates():
    rng = random.Random(7)
    values = [0] * 50
    sums = PrefixSums(50)
    for _ in range(300):
        index, value = rng.randrange(50), rng.randint(-5, 5)
        values[index] += value
        sums.add(index, value)
        count = rng.randint(0, 50)
        assert sums.prefix(count) == sum(values[:count])
