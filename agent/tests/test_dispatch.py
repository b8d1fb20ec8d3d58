"""Every request gets an answer: arguments of the wrong type or range are refused by
their schema before a handler sees them, and a handler's failure is its response."""

import unittest
from unittest import mock

from dapper_agent.agent import Agent
from dapper_agent.errors import BAD_ARGUMENTS, UNREADABLE
from dapper_agent.handlers import arguments
from dapper_agent.transport.wire import Unreadable


class RecordingChannel:
    def __init__(self):
        self.responses = []
        self.events = []

    def respond(self, request, body=None):
        self.responses.append((request["seq"], True, body))

    def respond_error(self, request, text, error_id=0):
        self.responses.append((request["seq"], False, (text, error_id)))

    def send_event(self, event, body=None):
        self.events.append((event, body))
        return True


_WRONG = [[1], {"a": 1}, "7", -1, 2 ** 70, 1.5, True]


class DispatchTests(unittest.TestCase):
    def setUp(self):
        self.channel = RecordingChannel()
        self.agent = Agent(self.channel)
        self.seq = 0

    def request(self, command, args):
        self.seq += 1
        with mock.patch("sys.__stderr__"):
            self.agent._take({"seq": self.seq, "type": "request", "command": command, "arguments": args})
        answers = [r for r in self.channel.responses if r[0] == self.seq]
        self.assertEqual(len(answers), 1, "%s %r: answers %r" % (command, args, answers))
        return answers[0]

    def test_ids_of_the_wrong_type_or_range_are_refused_by_name(self):
        for command, key in (("scopes", "frameId"), ("variables", "variablesReference"),
                             ("stackTrace", "threadId"), ("evaluate", "frameId"), ("next", "threadId")):
            for wrong in _WRONG:
                args = {"expression": "1", key: wrong}
                _, ok, (text, error_id) = self.request(command, args)
                self.assertFalse(ok)
                self.assertEqual(error_id, BAD_ARGUMENTS, text)
                self.assertIn(key, text)

    def test_every_field_of_every_schema_refuses_a_wrong_type(self):
        for command, schema in arguments.SCHEMAS.items():
            for key in schema:
                for wrong in ([[1]], {"x": {}}, "\udcff", 10 ** 30):
                    args = _valid(schema)
                    args[key] = wrong
                    _, ok, body = self.request(command, args)
                    if ok:  # a string where a string goes, and so on
                        continue
                    self.assertIsInstance(body[0], str)

    def test_arguments_that_are_not_an_object_are_refused(self):
        for args in ([], "x", 5):
            _, ok, (text, error_id) = self.request("threads", args)
            self.assertFalse(ok)
            self.assertEqual(error_id, BAD_ARGUMENTS)

    def test_a_missing_required_field_is_named(self):
        _, ok, (text, _) = self.request("setBreakpoints", {"source": {}})
        self.assertFalse(ok)
        self.assertIn("source.path is required", text)
        _, ok, (text, _) = self.request("setBreakpoints", {"source": {"path": "/x.py"}, "breakpoints": [{"line": 0}]})
        self.assertIn("breakpoints[0].line", text)

    def test_a_handler_that_raises_anything_answers_and_the_next_request_is_served(self):
        def broken(args):
            raise SystemExit(3)

        self.agent.handlers["threads"] = broken
        _, ok, (text, _) = self.request("threads", {})
        self.assertFalse(ok)
        self.assertIn("SystemExit", text)
        del self.agent.handlers["threads"]
        self.assertFalse(self.request("threads", {})[1])

    def test_an_unreadable_request_is_answered_when_its_seq_can_be_read(self):
        with mock.patch("sys.__stderr__"):
            self.agent._take(Unreadable("not valid UTF-8", {"seq": 9, "type": "request", "command": "evaluate"}))
            self.agent._take(Unreadable("not JSON"))
        self.assertEqual(self.channel.responses, [(9, False, ("evaluate: not valid UTF-8", UNREADABLE))])

    def test_a_request_without_a_command_is_answered(self):
        _, ok, (text, error_id) = self.request(None, {})
        self.assertEqual((ok, error_id), (False, UNREADABLE))


def _valid(schema):
    """Arguments that fit schema's required fields."""
    args = {}
    for key, field in schema.items():
        if field.required:
            args[key] = _sample(field)
    return args


def _sample(field):
    if isinstance(field, arguments.Integer):
        return max(field.minimum, 1)
    if isinstance(field, arguments.String):
        return field.choices[0] if field.choices else "x"
    if isinstance(field, arguments.Object):
        return _valid(field.fields)
    if isinstance(field, arguments.Array):
        return []
    return False


if __name__ == "__main__":
    unittest.main()
