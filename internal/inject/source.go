package inject

import "encoding/hex"

// pythonSource is the program PyRun_SimpleString runs in the target, around code:
//
//   - code travels as hex, so no quoting can go wrong;
//   - it runs in a namespace of its own, not in __main__'s;
//   - every exception is caught and printed: one escaping a pending call would surface
//     in the program as SystemError, and SystemExit would end it;
//   - the built-ins are reached through the module, because PyRun_SimpleString runs in
//     __main__'s globals, where the program may have its own compile or exec; the one
//     name it binds there is removed again.
func pythonSource(code string) string {
	const b = "__dapper_inject_builtins"
	return "import builtins as " + b + "\n" +
		"try:\n" +
		"    " + b + ".exec(" + b + ".compile(" + b + ".bytes.fromhex('" + hex.EncodeToString([]byte(code)) + "')" +
		".decode('utf-8'), '<dapper-inject>', 'exec'), {'__name__': '__dapper_inject__'})\n" +
		"except " + b + ".BaseException:\n" +
		"    try:\n" +
		"        " + b + ".__import__('traceback').print_exc()\n" +
		"    except " + b + ".BaseException:\n" +
		"        pass\n" +
		"finally:\n" +
		"    del " + b + "\n"
}
