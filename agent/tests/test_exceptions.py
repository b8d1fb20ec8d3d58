"""Exception breakpoints: filters, conditions, break modes by type, and what a stop reports."""

import copy
import json
import sys
import threading
import unittest

from dapper_agent.breakpoints.exceptions import ALWAYS, UNHANDLED, USER_UNHANDLED, ExceptionBreaks, format_traceback


def caught(fn, *args):
    """The exception fn raises, with its traceback."""
    try:
        fn(*args)
    except BaseException as exc:
        return exc
    raise AssertionError("%s did not raise" % fn)


def innermost(exc):
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame


def frames_of(exc):
    result, tb = [], exc.__traceback__
    while tb is not None:
        result.append(tb.tb_frame)
        tb = tb.tb_next
    return result


def fail(message="boom", limit=3):  # limit: a local that conditions read in its frame
    raise ValueError(message)


class DeepcopyFails:
    """User code that library code (copy.deepcopy) calls."""

    def __deepcopy__(self, memo):
        raise KeyError("user code failed under a library")


def breaks(**args):
    eb = ExceptionBreaks()
    results = eb.configure(args)
    assert all(r["verified"] for r in results), results
    return eb


class FilterTests(unittest.TestCase):
    def test_nothing_stops_until_the_client_configures(self):
        eb = ExceptionBreaks()
        exc = caught(fail)
        self.assertIsNone(eb.uncaught(exc))
        self.assertIsNone(eb.watches_leaving())
        eb.configure({"filters": ["uncaught"]})
        stop = eb.uncaught(exc)
        self.assertEqual((stop.break_mode, stop.frame.f_code.co_name), (UNHANDLED, "fail"))
        self.assertFalse(eb.watches_raises())
        self.assertEqual(eb.watches_leaving(), "outermost")
        eb.configure({"filters": []})
        self.assertIsNone(eb.uncaught(exc))
        self.assertIsNone(eb.watches_leaving())

    def test_raised_stops_in_user_code_where_raised(self):
        eb = breaks(filters=["raised"])
        exc = caught(fail)
        stop = eb.raised(innermost(exc), exc)
        self.assertEqual(stop.break_mode, ALWAYS)
        self.assertEqual(stop.stopped_details(), {"text": "ValueError", "description": "boom"})
        self.assertTrue(eb.watches_raises())
        self.assertEqual(eb.watches_leaving(), "every")

    def test_raised_in_library_shows_where_it_reaches_user_code(self):
        eb = breaks(filters=["raised"])
        exc = caught(json.loads, "{")
        frames = frames_of(exc)
        library_raise = frames[-1]
        self.assertIsNone(eb.raised(library_raise, exc))  # justMyCode: not in json's frame
        entering_user = frames[1]  # json.loads, leaving for caught()
        stop = eb.leaving(entering_user, exc)
        self.assertEqual((stop.break_mode, stop.frame.f_code.co_name), (ALWAYS, "caught"))
        eb.just_my_code = False
        self.assertIs(eb.raised(library_raise, exc).frame, library_raise)

    def test_user_unhandled_when_user_code_raises_into_library_code(self):
        eb = breaks(filters=["userUnhandled"])
        exc = caught(copy.deepcopy, DeepcopyFails())
        user_frame = innermost(exc)
        self.assertEqual(user_frame.f_code.co_name, "__deepcopy__")
        stop = eb.leaving(user_frame, exc)
        self.assertEqual((stop.break_mode, stop.frame), (USER_UNHANDLED, user_frame))
        self.assertEqual((eb.watches_raises(), eb.watches_leaving()), (False, "every"))
        # Between user frames it is not user-unhandled.
        inner = caught(fail)
        self.assertIsNone(eb.leaving(innermost(inner), inner))

    def test_leaving_a_threads_target_is_uncaught(self):
        eb = breaks(filters=["uncaught"])
        seen = []
        previous = threading.excepthook
        threading.excepthook = lambda args: seen.append(args.exc_value)
        try:
            thread = threading.Thread(target=fail, args=("in a thread",))
            thread.start()
            thread.join()
        finally:
            threading.excepthook = previous
        exc = seen[0]
        target = innermost(exc)
        stop = eb.leaving(target, exc)
        self.assertEqual((stop.break_mode, stop.frame), (UNHANDLED, target))
        self.assertIsNone(eb.leaving(target.f_back, exc))  # Thread.run runs the program

    def test_the_traceback_given_counts_when_the_exception_has_none_yet(self):
        # Up to 3.11 an exception being propagated has no __traceback__ until caught.
        eb = breaks(filters=["userUnhandled"])
        exc = caught(copy.deepcopy, DeepcopyFails())
        tb, user_frame = exc.__traceback__, innermost(exc)
        exc.__traceback__ = None
        stop = eb.leaving(user_frame, exc, tb)
        self.assertIs(stop.frame, user_frame)
        self.assertIn("in __deepcopy__", stop.info()["details"]["stackTrace"])

    def test_keyboard_interrupt_ends_the_program_without_a_stop(self):
        eb = breaks(filters=["uncaught", "raised"])
        exc = caught(self.interrupt)
        self.assertIsNone(eb.uncaught(exc))
        self.assertIsNotNone(eb.raised(innermost(exc), exc))

    @staticmethod
    def interrupt():
        raise KeyboardInterrupt

    def test_system_exit_zero_runs_on_unless_asked(self):
        eb = breaks(filters=["uncaught"])
        for code in (0, None):
            self.assertIsNone(eb.uncaught(caught(sys.exit, code)))
        self.assertIsNotNone(eb.uncaught(caught(sys.exit, 2)))
        eb.break_on_system_exit_zero = True
        self.assertIsNotNone(eb.uncaught(caught(sys.exit, 0)))

    def test_unknown_filter_is_refused(self):
        results = ExceptionBreaks().configure({"filters": ["uncaught", "bogus"]})
        self.assertEqual(results[0], {"verified": True})
        self.assertFalse(results[1]["verified"])
        self.assertIn("'bogus'", results[1]["message"])


class FilterConditionTests(unittest.TestCase):
    def test_condition_is_evaluated_in_the_stopping_frame(self):
        eb = breaks(filterOptions=[{"filterId": "raised", "condition": "limit > 2"}])
        exc = caught(fail)
        self.assertIsNotNone(eb.raised(innermost(exc), exc))
        eb = breaks(filterOptions=[{"filterId": "raised", "condition": "limit > 5"}])
        self.assertIsNone(eb.raised(innermost(exc), exc))

    def test_condition_that_raises_stops_and_says_so(self):
        eb = breaks(filterOptions=[{"filterId": "uncaught", "condition": "nope"}])
        stop = eb.uncaught(caught(fail))
        self.assertIn("condition 'nope' raised NameError", stop.problem)

    def test_condition_that_does_not_compile_is_refused(self):
        results = ExceptionBreaks().configure({"filterOptions": [{"filterId": "raised", "condition": "x ="}]})
        self.assertFalse(results[0]["verified"])
        self.assertIn("does not compile", results[0]["message"])


class ExceptionOptionTests(unittest.TestCase):
    def options(self, *pairs):
        return [{"path": [{"names": ["Python Exceptions"]}, {"names": names}], "breakMode": mode}
                for names, mode in pairs]

    def test_never_for_a_type_overrides_the_filters(self):
        eb = breaks(filters=["raised", "uncaught"], exceptionOptions=self.options((["StopIteration"], "never")))
        stop_iteration = caught(lambda: next(iter(())))
        self.assertIsNone(eb.raised(innermost(stop_iteration), stop_iteration))
        self.assertIsNone(eb.uncaught(stop_iteration))
        value_error = caught(fail)
        self.assertIsNotNone(eb.raised(innermost(value_error), value_error))

    def test_the_closest_class_in_the_mro_wins(self):
        eb = breaks(filters=[], exceptionOptions=self.options(
            (["Exception"], "always"), (["builtins.LookupError"], "never"), (["KeyError"], "unhandled")))
        self.assertEqual(set(eb.modes_for(KeyError)), {UNHANDLED})
        self.assertEqual(set(eb.modes_for(IndexError)), set())
        self.assertEqual(set(eb.modes_for(ValueError)), {ALWAYS, UNHANDLED})
        self.assertEqual(eb.modes_for(KeyboardInterrupt), {})  # not an Exception: no filter set

    def test_category_wide_and_negated_options(self):
        eb = breaks(filters=[], exceptionOptions=[
            {"path": [{"names": ["Python Exceptions"]}], "breakMode": "userUnhandled"},
            {"path": [{"names": ["Python Exceptions"]}, {"names": ["ValueError"], "negate": True}],
             "breakMode": "never"},
        ])
        self.assertEqual(set(eb.modes_for(ValueError)), {USER_UNHANDLED, UNHANDLED})
        self.assertEqual(set(eb.modes_for(KeyError)), set())

    def test_bad_break_mode_is_refused(self):
        results = ExceptionBreaks().configure({"exceptionOptions": [{"breakMode": "sometimes"}]})
        self.assertFalse(results[0]["verified"])
        self.assertIn("'sometimes'", results[0]["message"])


def chained():
    try:
        fail("first")
    except ValueError as exc:
        raise RuntimeError("second") from exc


def raise_here():
    """An exception caught where it was raised: its traceback holds only this frame,
    as when stopped on raise."""
    try:
        raise LookupError("just raised")
    except LookupError as exc:
        return exc, sys._getframe()


class InfoTests(unittest.TestCase):
    def test_info_has_the_full_traceback_with_chained_causes(self):
        eb = breaks(filters=["uncaught"])
        stop = eb.uncaught(caught(chained))
        info = stop.info()
        self.assertEqual(info["exceptionId"], "RuntimeError")
        self.assertEqual(info["description"], "second")
        self.assertEqual(info["breakMode"], "unhandled")
        trace = info["details"]["stackTrace"]
        self.assertIn("ValueError: first", trace)
        self.assertIn("direct cause of the following exception", trace)
        self.assertTrue(trace.rstrip().endswith("RuntimeError: second"), trace)
        self.assertIn('in fail\n    raise ValueError(message)', trace)
        inner = info["details"]["innerException"][0]
        self.assertEqual((inner["typeName"], inner["message"]), ("ValueError", "first"))

    def test_traceback_of_a_just_raised_exception_includes_its_callers(self):
        exc, frame = raise_here()
        trace = format_traceback(exc, exc.__traceback__, frame)
        self.assertIn("in test_traceback_of_a_just_raised_exception_includes_its_callers", trace)
        self.assertIn("in raise_here", trace)

    def test_type_names_are_qualified_outside_builtins(self):
        exc = caught(json.loads, "{")
        stop = breaks(filters=["uncaught"]).uncaught(exc)
        self.assertEqual(stop.info()["exceptionId"], "json.decoder.JSONDecodeError")
        self.assertEqual(stop.stopped_details()["text"], "json.decoder.JSONDecodeError")

    def test_an_unprintable_exception_still_reports(self):
        class Unprintable(Exception):
            def __str__(self):
                raise RuntimeError("no")
        stop = breaks(filters=["uncaught"]).uncaught(caught(lambda: (_ for _ in ()).throw(Unprintable())))
        self.assertEqual(stop.stopped_details()["description"], "<unprintable Unprintable>")
        self.assertIn("Unprintable", stop.info()["details"]["stackTrace"])


if __name__ == "__main__":
    unittest.main()
