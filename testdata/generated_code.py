import json
import linecache

# A code generator that registers what it compiles with linecache, as attrs does.
source = "def generated(n):\n    return n + 1\n"
linecache.cache["<generated>"] = (len(source), None, source.splitlines(True), "<generated>")
namespace = {}
exec(compile(source, "<generated>", "exec"), namespace)
# A string run as it is, registered nowhere: no source can be shown for it.
exec(compile("def unregistered(n):\n    return n - 1\n", "<unregistered>", "exec"), namespace)
result = namespace["generated"](1)  # @call-generated
result += namespace["unregistered"](1)  # @call-unregistered
import calendar  # noqa: E402 (loaded between two stops)
print("result", result, calendar.isleap(2024), json.dumps(None))  # @after-import
