"""The safe repr: bounded in length, in time and in depth; never raising; never running
the program's code where a builtin rendering will do."""

import collections
import unittest

from dapper_agent.inspection.saferepr import LIMIT, MAX_DEPTH, SafeRepr
from dapper_agent.inspection.timebox import TimeBox


def text_of(value, **options):
    return SafeRepr(TimeBox(2.0, 0.2), **options)(value)


class LengthTests(unittest.TestCase):
    def test_long_text_is_cut_and_says_its_true_length(self):
        text = text_of("x" * 5000)
        self.assertLess(len(text), LIMIT + 40)
        self.assertTrue(text.endswith("...' (5000 characters)"), text[-40:])

    def test_a_huge_list_shows_its_first_items_and_its_length(self):
        text = text_of(list(range(1000000)))
        self.assertTrue(text.startswith("[0, 1, 2, "))
        self.assertLess(len(text), LIMIT + 40)
        self.assertTrue(text.endswith(", ...] (1000000 items)"), text[-40:])

    def test_a_long_repr_of_the_programs_own_is_cut_with_its_length(self):
        class Verbose:
            def __repr__(self):
                return "y" * 3000

        text = text_of(Verbose())
        self.assertLess(len(text), LIMIT + 40)
        self.assertTrue(text.endswith("... (3000 characters)"))

    def test_a_limit_of_the_request_bounds_the_text(self):
        self.assertEqual(text_of("abcdefgh", limit=4), "'abcd...' (8 characters)")


class NumberTests(unittest.TestCase):
    def test_a_huge_int_is_shown_in_hex_with_its_bit_count(self):
        text = text_of(1 << 5000)
        self.assertTrue(text.startswith("0x1000"))
        self.assertTrue(text.endswith("... (5001 bits)"), text[-30:])

    def test_an_int_of_ordinary_size_is_decimal(self):
        self.assertEqual(text_of(2 ** 2000), str(2 ** 2000))
        self.assertEqual(text_of(-42), "-42")

    def test_the_hex_format_shows_ints_in_hex(self):
        self.assertEqual(text_of(255, hex=True), "0xff")
        self.assertEqual(text_of([10, 11], hex=True), "[0xa, 0xb]")


class HostileReprTests(unittest.TestCase):
    def test_a_repr_that_raises_is_shown_with_what_it_raised(self):
        class Broken:
            def __repr__(self):
                raise ValueError("nope")

        text = text_of(Broken())
        self.assertTrue(text.startswith("<"), text)
        self.assertIn("Broken object at 0x", text)
        self.assertTrue(text.endswith("; __repr__ raised ValueError: nope>"), text)

    def test_a_repr_that_exits_or_interrupts_does_not_escape(self):
        for exc in (SystemExit(3), KeyboardInterrupt()):
            class Escaping:
                def __repr__(self, exc=exc):
                    raise exc

            with self.subTest(exc=type(exc).__name__):
                self.assertIn("__repr__ raised %s" % type(exc).__name__, text_of(Escaping()))

    def test_a_repr_that_returns_no_text_is_reported(self):
        class NotText:
            def __repr__(self):
                return 5

        self.assertIn("__repr__ raised TypeError", text_of(NotText()))

    def test_a_slow_repr_is_abandoned_and_not_waited_for_again(self):
        calls = []

        class Slow:
            def __repr__(self):
                calls.append(1)
                while True:
                    pass

        slow_types = {}
        box = TimeBox(5.0, 0.1)
        first = SafeRepr(box, slow_types=slow_types)(Slow())
        self.assertIn("__repr__ abandoned after 0.1 s", first)
        second = SafeRepr(TimeBox(5.0, 0.1), slow_types=slow_types)(Slow())
        self.assertIn("__repr__ not called: it took longer than 0.1 s before", second)
        self.assertEqual(len(calls), 1)

    def test_a_bound_method_does_not_call_its_objects_repr(self):
        class Owner:
            def __repr__(self):
                raise AssertionError("the object's __repr__ ran")

            def method(self):
                pass

        text = text_of(Owner().method)
        self.assertTrue(text.startswith("<bound method "), text)
        self.assertIn("Owner.method of <", text)
        self.assertIn("Owner object at 0x", text)


class ContainerTests(unittest.TestCase):
    def test_a_list_that_contains_itself_shows_the_cycle(self):
        items = [1]
        items.append(items)
        self.assertEqual(text_of(items), "[1, [...]]")

    def test_a_dict_that_contains_itself_shows_the_cycle(self):
        mapping = {"a": 1}
        mapping["self"] = mapping
        self.assertEqual(text_of(mapping), "{'a': 1, 'self': {...}}")

    def test_nesting_deeper_than_the_limit_is_elided(self):
        value = 1
        for _ in range(MAX_DEPTH + 3):
            value = [value]
        self.assertEqual(text_of(value), "[" * MAX_DEPTH + "[...]" + "]" * MAX_DEPTH)

    def test_builtin_containers_read_as_python_writes_them(self):
        self.assertEqual(text_of({"a": (1,), "b": {2}}), "{'a': (1,), 'b': {2}}")
        self.assertEqual(text_of(set()), "set()")
        self.assertEqual(text_of(frozenset({1})), "frozenset({1})")
        self.assertEqual(text_of(collections.defaultdict(int)), "defaultdict(<class 'int'>, {})")
        self.assertEqual(text_of(collections.deque([1, 2], maxlen=3)), "deque([1, 2], maxlen=3)")

    def test_a_subclass_is_rendered_without_its_own_iteration(self):
        class Sneaky(list):
            def __iter__(self):
                raise AssertionError("the subclass's __iter__ ran")

        self.assertEqual(text_of(Sneaky([1, 2])), "[1, 2]")

    def test_a_subclass_with_its_own_repr_gets_it(self):
        class Named(dict):
            def __repr__(self):
                return "Named!"

        self.assertEqual(text_of(Named(a=1)), "Named!")
        self.assertEqual(text_of([Named()]), "[Named!]")


if __name__ == "__main__":
    unittest.main()
