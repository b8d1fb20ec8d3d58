"""A value's children, one page at a time: start and count select the page, and a page
costs what it holds, however large the container."""

import collections
import unittest

from dapper_agent.inspection import children
from dapper_agent.inspection.children import GROUP
from dapper_agent.inspection.timebox import TimeBox
from dapper_agent.inspection.variables import UNPAGED_LIMIT, ValueNode, View


def rows(found):
    return [(child.name, child.value) for child in found]


class CountingKeyText:
    """A key_text that counts the keys it was asked to show."""

    def __init__(self):
        self.calls = 0

    def __call__(self, key):
        self.calls += 1
        return "<key %d>" % self.calls


class SequencePageTests(unittest.TestCase):
    def test_a_list_page_starts_at_start_and_holds_count_items(self):
        found = children.page(list(range(100)), "xs", 10, 3)
        self.assertEqual(rows(found), [("10", 10), ("11", 11), ("12", 12)])
        self.assertEqual([c.evaluate_name for c in found], ["xs[10]", "xs[11]", "xs[12]"])
        self.assertFalse(any(c.read_only for c in found))

    def test_a_page_past_the_end_is_short_or_empty(self):
        self.assertEqual(rows(children.page([1, 2, 3], "xs", 2, 10)), [("2", 3)])
        self.assertEqual(children.page([1, 2, 3], "xs", 5, 10), [])

    def test_the_items_of_a_tuple_cannot_be_assigned(self):
        found = children.page((1, 2, 3), "t", 1, 5)
        self.assertEqual(rows(found), [("1", 2), ("2", 3)])
        self.assertTrue(all(c.read_only for c in found))

    def test_a_deque_pages_from_its_start(self):
        found = children.page(collections.deque(range(100)), "q", 95, 10)
        self.assertEqual([c.value for c in found], [95, 96, 97, 98, 99])

    def test_a_huge_range_pages_without_being_built(self):
        size = 10 ** 15  # no machine could hold it as a list
        self.assertEqual(children.shape(range(size)), (size, 0))
        found = children.page(range(size), "r", size - 2, 10)
        self.assertEqual(rows(found), [(str(size - 2), size - 2), (str(size - 1), size - 1)])

    def test_a_range_too_long_for_len_has_no_children_rather_than_failing(self):
        self.assertEqual(children.shape(range(10 ** 20)), (0, 0))

    def test_a_subclass_is_read_without_its_own_methods(self):
        class Sneaky(list):
            def __getitem__(self, index):
                raise AssertionError("the subclass's __getitem__ ran")

            __iter__ = __len__ = __getitem__

        self.assertEqual(children.shape(Sneaky([1, 2])), (2, 0))
        self.assertEqual(rows(children.page(Sneaky([1, 2]), "s", 0, 5)), [("0", 1), ("1", 2)])


class MappingAndSetPageTests(unittest.TestCase):
    def test_a_dict_pages_in_insertion_order_from_either_end(self):
        mapping = {"k%d" % i: i for i in range(1000)}
        self.assertEqual(rows(children.page(mapping, "d", 0, 2)), [("'k0'", 0), ("'k1'", 1)])
        found = children.page(mapping, "d", 997, 10)
        self.assertEqual(rows(found), [("'k997'", 997), ("'k998'", 998), ("'k999'", 999)])
        self.assertEqual(found[0].evaluate_name, "d['k997']")

    def test_a_page_of_a_huge_dict_shows_only_the_keys_on_it(self):
        mapping = {object(): i for i in range(200000)}  # keys with no literal: key_text names them
        for start in (0, 100000, 199990):
            with self.subTest(start=start):
                key_text = CountingKeyText()
                found = children.page(mapping, "d", start, 10, key_text=key_text)
                self.assertEqual([c.value for c in found], list(range(start, start + 10)))
                self.assertEqual(key_text.calls, 10)

    def test_a_dict_subclass_is_read_without_its_own_methods(self):
        class Sneaky(dict):
            def items(self):
                raise AssertionError("the subclass's items ran")

            __iter__ = __getitem__ = keys = values = items

        self.assertEqual(rows(children.page(Sneaky(a=1), "s", 0, 5)), [("'a'", 1)])

    def test_a_set_pages_by_position_and_cannot_be_assigned(self):
        found = children.page({5, 6, 7}, "s", 1, 1)
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].name, "1")
        self.assertTrue(found[0].read_only)
        self.assertEqual(children.shape(frozenset(range(50))), (0, 50))

    def test_the_filter_gives_only_the_children_of_its_kind(self):
        self.assertEqual(children.page([1, 2], "xs", 0, None, filter="named"), [])
        self.assertEqual(children.page({1: 2}, "d", 0, None, filter="indexed"), [])


class ObjectPageTests(unittest.TestCase):
    def test_an_object_lists_its_groups_first_then_its_attributes_by_name(self):
        class Point:
            def __init__(self):
                self.y, self.x = 1, 2

            def norm(self):
                return 0

        found = children.page(Point(), "p", 0, None)
        self.assertEqual([(c.name, c.kind) for c in found],
                         [("special variables", GROUP), ("function variables", GROUP), ("x", "data"), ("y", "data")])
        self.assertEqual(found[2].evaluate_name, "p.x")
        self.assertEqual(rows(children.page(Point(), "p", 2, 1)), [("x", 2)])


class UnpagedRequestTests(unittest.TestCase):
    class Agent:
        client, options = {}, {}

    def test_asking_for_every_child_of_a_huge_list_gives_the_first_ones_and_says_how_many_are_left(self):
        view = View(self.Agent(), None, TimeBox(1.0), {})
        found, left_out = view.children(ValueNode(None, list(range(5000)), "xs"))
        self.assertEqual(len(found), UNPAGED_LIMIT)
        self.assertEqual(found[-1].value, UNPAGED_LIMIT - 1)
        self.assertEqual(left_out, 5000 - UNPAGED_LIMIT)

    def test_a_page_asked_for_is_given_whole(self):
        view = View(self.Agent(), None, TimeBox(1.0), {})
        found, left_out = view.children(ValueNode(None, list(range(5000)), "xs"), 4000, 1000)
        self.assertEqual((found[0].value, len(found), left_out), (4000, 1000, 0))


if __name__ == "__main__":
    unittest.main()
