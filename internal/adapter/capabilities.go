package adapter

import "github.com/google/go-dap"

// capabilities is what the initialize response offers. It grows as requests are
// served by the agent. Steps are by line only (no supportsSteppingGranularity) and
// resume every thread (no supportsSingleThreadExecutionRequests).
func capabilities() dap.Capabilities {
	return dap.Capabilities{
		SupportsConfigurationDoneRequest: true,
		SupportsTerminateRequest:         true,
		SupportTerminateDebuggee:         true,
		SupportsDelayedStackTraceLoading: true,

		// Inspecting state (agent/dapper_agent/inspection.py).
		SupportsSetVariable:            true,
		SupportsSetExpression:          true,
		SupportsCompletionsRequest:     true,
		CompletionTriggerCharacters:    []string{"."},
		SupportsValueFormattingOptions: true,
		SupportsEvaluateForHovers:      true,
		SupportsClipboardContext:       true,
	}
}
