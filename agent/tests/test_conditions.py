"""Conditions and hit conditions: compiled once, refused with a reason, evaluated in a frame."""

import threading
import unittest

from dapper_agent.breakpoints.conditions import ConditionFailed, HitCondition, InvalidSetting, Trigger
from support import frame_with


class ConditionTests(unittest.TestCase):
    def test_condition_uses_the_frames_locals_and_globals(self):
        frame = frame_with(x=5)
        self.assertTrue(Trigger.parse("x > 3 and sys is not None").fires(frame))
        self.assertFalse(Trigger.parse("x > 7").fires(frame))

    def test_condition_that_does_not_compile_is_refused_with_the_reason(self):
        with self.assertRaises(InvalidSetting) as caught:
            Trigger.parse("x >")
        self.assertIn("condition 'x >' does not compile", str(caught.exception))

    def test_condition_that_raises_says_what_it_raised(self):
        trigger = Trigger.parse("undefined_name > 1")
        with self.assertRaises(ConditionFailed) as caught:
            trigger.fires(frame_with(x=1))
        self.assertEqual(str(caught.exception),
                         "condition 'undefined_name > 1' raised NameError: name 'undefined_name' is not defined")

    def test_condition_whose_truth_raises_is_a_failure_too(self):
        class Ambiguous:
            def __bool__(self):
                raise ValueError("ambiguous")
        with self.assertRaises(ConditionFailed):
            Trigger.parse("value").fires(frame_with(value=Ambiguous()))

    def test_a_condition_or_hit_condition_that_is_not_text_is_refused(self):
        for condition, hit in ((3, None), (None, 3), (["x"], None)):
            with self.subTest(condition=condition, hit=hit), self.assertRaises(InvalidSetting):
                Trigger.parse(condition, hit)

    def test_blank_condition_and_hit_condition_mean_no_trigger(self):
        self.assertIsNone(Trigger.parse("  ", ""))
        self.assertIsNone(Trigger.parse(None, None))


class HitConditionTests(unittest.TestCase):
    def hits_that_fire(self, text, upto=10):
        trigger = Trigger.parse(None, text)
        frame = frame_with()
        return [n for n in range(1, upto + 1) if trigger.fires(frame)]

    def test_grammar(self):
        self.assertEqual(self.hits_that_fire("3"), [3])
        self.assertEqual(self.hits_that_fire("==3"), [3])
        self.assertEqual(self.hits_that_fire(" > 8"), [9, 10])
        self.assertEqual(self.hits_that_fire(">=9"), [9, 10])
        self.assertEqual(self.hits_that_fire("<3"), [1, 2])
        self.assertEqual(self.hits_that_fire("<= 2"), [1, 2])
        self.assertEqual(self.hits_that_fire("%4"), [4, 8])

    def test_every_form_counts_as_the_arithmetic_says(self):
        rules = {"==": lambda h, n: h == n, ">": lambda h, n: h > n, ">=": lambda h, n: h >= n,
                 "<": lambda h, n: h < n, "<=": lambda h, n: h <= n, "%": lambda h, n: h % n == 0}
        for op, rule in rules.items():
            for n in (0, 1, 2, 7, 5000):  # 5000: %N past the cycle's limit
                if op == "%" and n == 0:
                    continue
                with self.subTest(op=op, n=n):
                    count = HitCondition("%s%d" % (op, n)).counter()
                    self.assertEqual([count() for _ in range(12000)], [rule(h, n) for h in range(1, 12001)])

    def test_anything_else_is_refused_with_the_grammar(self):
        for text in ("x", "=3", "!=3", "3.5", "> -1", "%0", ">> 2", "3 4"):
            with self.subTest(text=text), self.assertRaises(InvalidSetting) as caught:
                HitCondition(text)
            self.assertIn("hitCondition %r" % text, str(caught.exception))

    def test_hits_count_only_when_the_condition_holds(self):
        trigger = Trigger.parse("i % 2 == 0", "2")
        fired = [i for i in range(10) if trigger.fires(frame_with(i=i))]
        self.assertEqual(fired, [2])  # the second even i

    def test_count_carries_over_when_the_texts_are_the_same(self):
        frame = frame_with()
        old = Trigger.parse(None, ">2")
        old.fires(frame), old.fires(frame)
        same = Trigger.parse(None, " >2 ")
        same.inherit(old)
        self.assertTrue(same.fires(frame))
        changed = Trigger.parse(None, ">1")
        changed.inherit(old)
        self.assertFalse(changed.fires(frame))

    def test_threads_hitting_at_once_each_get_their_own_count(self):
        trigger = Trigger.parse(None, "==500")
        frame = frame_with()
        fired = []
        def hit():
            for _ in range(250):
                if trigger.fires(frame):
                    fired.append(1)
        threads = [threading.Thread(target=hit) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(fired), 1)


if __name__ == "__main__":
    unittest.main()
