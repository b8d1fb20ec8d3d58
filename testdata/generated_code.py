import json

source = "def generated(n):\n    return n + 1\n"
namespace = {}
exec(compile(source, "<generated>", "exec"), namespace)
result = namespace["generated"](1)  # @call-generated
import calendar  # noqa: E402 (loaded between two stops)
print("result", result, calendar.isleap(2024), json.dumps(None))  # @after-import
