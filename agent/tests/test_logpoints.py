"""Logpoint messages: {expression} fields with f-string rules, errors shown in place."""

import sys
import unittest

from dapper_agent.breakpoints.conditions import InvalidSetting
from dapper_agent.breakpoints.logpoints import MAX_FIELD_CHARS, LogMessage
from support import frame_with


class RenderTests(unittest.TestCase):
    def render(self, template, **names):
        return LogMessage(template).render(frame_with(**names))

    def test_fields_are_interpolated_in_the_frame(self):
        self.assertEqual(self.render("i={i} total={total * 2}", i=3, total=10), "i=3 total=20")

    def test_double_braces_are_literal(self):
        self.assertEqual(self.render("{{i}} is {i} }} {{", i=1), "{i} is 1 } {")

    def test_conversions_and_format_specs(self):
        self.assertEqual(self.render("{s!r} {x:>5.1f}|{s!a}", s="é", x=2.25), "'é'   2.2|'\\xe9'")

    def test_brackets_strings_and_comparisons_inside_fields(self):
        self.assertEqual(self.render("{d['k}']} {[1, 2][1:]} {n != 2} {'a:b'}", d={"k}": 7}, n=3),
                         "7 [2] True a:b")
        self.assertEqual(self.render("{ {'a': 1}['a'] }"), "1")

    def test_a_failing_field_shows_its_error_and_the_rest_still_renders(self):
        self.assertEqual(self.render("a={missing} b={b}", b=2),
                         "a=<NameError: name 'missing' is not defined> b=2")
        self.assertEqual(self.render("{1/0}"), "<ZeroDivisionError: division by zero>")

    def test_long_values_are_cut(self):
        text = self.render("{'x' * 100000}")
        self.assertEqual(len(text), MAX_FIELD_CHARS + 1)

    def test_text_without_fields(self):
        self.assertEqual(self.render("plain"), "plain")
        self.assertEqual(self.render(""), "")

    def test_output_event_names_source_and_line(self):
        def probe(x):
            return sys._getframe()
        body = LogMessage("x is {x}").output_event(probe(1))
        self.assertEqual(body["category"], "console")
        self.assertEqual(body["output"], "x is 1\n")
        self.assertEqual(body["line"], probe.__code__.co_firstlineno + 1)
        self.assertEqual(body["source"], {"name": "test_logpoints.py", "path": __file__})


class RefusedTests(unittest.TestCase):
    def test_unclosed_empty_bad_syntax_and_bad_conversion_are_refused(self):
        cases = {
            "x={x": "never closed",
            "x={}": "is empty",
            "x={x +}": "does not compile",
            "x={x!z}": "!r, !s or !a",
            "x={(x}": "never closed",
        }
        for template, reason in cases.items():
            with self.subTest(template=template), self.assertRaises(InvalidSetting) as caught:
                LogMessage(template)
            self.assertIn(reason, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
