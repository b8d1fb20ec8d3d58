"""Function breakpoints: names parsed, bound to code objects at the first body line,
late-bound when the module loads, ids and hit counts kept across requests."""

import importlib
import itertools
import os
import shutil
import sys
import tempfile
import textwrap
import unittest

from dapper_agent.breakpoints.conditions import InvalidSetting
from dapper_agent.breakpoints.functions import FunctionBreakpoints, body_line, parse_name

SHOP = textwrap.dedent('''\
    import functools


    def logged(fn):
        @functools.wraps(fn)
        def wrapper(*args):
            return fn(*args)
        return wrapper


    def total(prices):
        """Sum of prices."""
        result = sum(prices)
        return result


    @logged
    def checkout(cart):
        return total(cart)


    class Cart:
        def add(self, item):
            def check(value):
                return value > 0
            return check(item)

        @staticmethod
        def empty():
            return Cart()

        @property
        def size(self):
            return 0


    def one_liner(): return 1
    ''')


class ParseTests(unittest.TestCase):
    def test_forms(self):
        self.assertEqual(parse_name("total"), ((None, "total"),))
        self.assertEqual(parse_name("shop.Cart.add"),
                         ((None, "shop.Cart.add"), ("shop", "Cart.add"), ("shop.Cart", "add")))
        self.assertEqual(parse_name(" store.shop:Cart.add "), (("store.shop", "Cart.add"),))
        self.assertEqual(parse_name("Cart.add.<locals>.check")[0], (None, "Cart.add.<locals>.check"))

    def test_not_a_name_is_refused(self):
        for name in ("", "1abc", "a..b", "a:b:c", "mod:", ":f", "f()", "a-b"):
            with self.subTest(name=name), self.assertRaises(InvalidSetting):
                parse_name(name)


class BindingTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.mkdir(os.path.join(self.dir, "store"))
        open(os.path.join(self.dir, "store", "__init__.py"), "w").close()
        self.path = os.path.join(self.dir, "store", "shop.py")
        with open(self.path, "w") as f:
            f.write(SHOP)
        sys.path.insert(0, self.dir)
        self.table = FunctionBreakpoints(itertools.count(1).__next__)

    def tearDown(self):
        sys.path.remove(self.dir)
        for name in ("store", "store.shop"):
            sys.modules.pop(name, None)
        shutil.rmtree(self.dir)

    def set(self, *names, **options):
        return self.table.set([dict(options, name=n) for n in names])

    def line_of(self, text):
        return SHOP.splitlines().index(text) + 1

    def test_names_bind_when_the_module_loads(self):
        bps = self.set("total", "store.shop.checkout", "store.shop:Cart.add", "Cart.empty", "nowhere")
        self.assertFalse(any(bp.verified for bp in bps))
        self.assertIn("binds when its module loads", bps[0].to_dap()["message"])
        with open(self.path) as f:
            module_code = compile(f.read(), self.path, "exec")
        newly = self.table.bind_module("store.shop", module_code)
        self.assertEqual({bp.name for bp in newly}, {"total", "store.shop.checkout", "store.shop:Cart.add", "Cart.empty"})
        body = bps[0].to_dap()
        self.assertEqual((body["verified"], body["line"], body["source"]["path"]),
                         (True, self.line_of("    result = sum(prices)"), self.path))
        self.assertEqual(bps[1].to_dap()["line"], self.line_of("    return total(cart)"))
        self.assertEqual(bps[2].to_dap()["line"], self.line_of("        def check(value):"))
        self.assertFalse(bps[4].verified)
        total_code = bps[0].codes[0]
        self.assertEqual(self.table.at_code(total_code), (bps[0],))

    def test_names_bind_at_once_in_loaded_modules(self):
        shop = importlib.import_module("store.shop")
        bps = self.set("total", "store.shop.checkout", "Cart.size", "store.shop.Cart.empty",
                       "Cart.add.<locals>.check", "shop.total")
        self.assertEqual([bp.verified for bp in bps], [True, True, True, True, True, False])
        self.assertEqual(bps[0].codes, [shop.total.__code__])
        self.assertEqual(bps[1].codes, [shop.checkout.__wrapped__.__code__])  # not the decorator's wrapper
        self.assertEqual(bps[2].codes, [shop.Cart.size.fget.__code__])
        self.assertIs(self.table.at_code(shop.Cart.empty.__code__)[0], bps[3])

    def test_ids_stay_and_hit_counts_carry_over_while_conditions_stay(self):
        importlib.import_module("store.shop")
        first = self.set("total", "Cart.add", hitCondition=">1")
        again = self.set("Cart.add", "total", "one_liner", hitCondition=">1")
        self.assertEqual([again[0].id, again[1].id], [first[1].id, first[0].id])
        self.assertNotIn(again[2].id, (first[0].id, first[1].id))
        self.assertIs(again[1].trigger._hits, first[0].trigger._hits)

    def test_a_name_given_twice_is_two_breakpoints(self):
        importlib.import_module("store.shop")
        first = self.set("total", "total")
        self.assertNotEqual(first[0].id, first[1].id)
        again = self.table.set([{"name": "total"}, {"name": "total", "condition": "prices"}])
        self.assertEqual([bp.id for bp in again], [bp.id for bp in first])
        self.assertEqual(self.table.at_code(first[0].codes[0]), tuple(again))

    def test_bad_condition_is_unverified_with_the_reason(self):
        importlib.import_module("store.shop")
        bp, = self.set("total", condition="prices >")
        self.assertFalse(bp.verified)
        self.assertIn("does not compile", bp.to_dap()["message"])
        self.assertIsNone(self.table.at_code(sys.modules["store.shop"].total.__code__))

    def test_bare_names_are_the_users_code_only_with_just_my_code(self):
        bp, = self.set("dedent")  # textwrap.dedent is library code
        self.assertFalse(bp.verified)
        self.table.just_my_code = False
        bp, = self.set("textwrap.dedent")
        self.assertTrue(bp.verified)

    def test_main_module_is_also_named_by_its_file(self):
        with open(self.path) as f:
            module_code = compile(f.read(), self.path, "exec")
        bp, = self.set("shop.total")
        self.table.bind_module("__main__", module_code)
        self.assertTrue(bp.verified)


def looping(n):
    for i in range(n):
        n -= 1
    while n < 3:
        n += 1
    return n


def looping_while(n):
    while n > 0:
        n -= 1
    return n


class CallStartTests(unittest.TestCase):
    def entered(self, fn, *args):
        """How many line events of one call of fn call_starts() names fn's breakpoint for."""
        table = FunctionBreakpoints(itertools.count(1).__next__)
        table.just_my_code = False
        bp, = table.set([{"name": fn.__qualname__}])
        self.assertTrue(bp.verified)
        hits = []

        def local(frame, event, arg):
            if event == "line" and table.call_starts(frame, frame.f_lineno):
                hits.append(frame.f_lineno)
            return local
        sys.settrace(lambda frame, event, arg: local if frame.f_code is fn.__code__ else None)
        try:
            fn(*args)
        finally:
            sys.settrace(None)
        return hits

    def test_a_call_enters_once_even_when_a_loop_comes_back_to_the_first_line(self):
        self.assertEqual(self.entered(looping, 4), [looping.__code__.co_firstlineno + 1])
        if sys.version_info >= (3, 10):  # 3.9 jumps back to a while loop's first instruction
            self.assertEqual(self.entered(looping_while, 3), [looping_while.__code__.co_firstlineno + 1])


class BodyLineTests(unittest.TestCase):
    def test_first_body_line_after_decorators_and_a_long_signature(self):
        code = compile("@a\n@b\ndef f(x,\n      y):\n    '''doc'''\n    return x\n", "<t>", "exec")
        f = next(c for c in code.co_consts if hasattr(c, "co_code"))
        self.assertIn(body_line(f), (5, 6))  # the docstring line on older Pythons
        one = compile("def g(): return 1\n", "<t>", "exec")
        g = next(c for c in one.co_consts if hasattr(c, "co_code"))
        self.assertEqual(body_line(g), 1)


if __name__ == "__main__":
    unittest.main()
