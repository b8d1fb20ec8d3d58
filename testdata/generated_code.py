import json  # noqa: F401 (loaded before the first stop)

source = "def generated(n):\n    return n + 1\n"
exec(compile(source, "<generated>", "exec"))
result = generated(1)  # @call-generated
import calendar  # noqa: E402 (loaded between two stops)
print("result", result, calendar.isleap(2024))  # @after-import
