package adapter

import "github.com/google/go-dap"

// capabilitiesBody is the initialize response body: go-dap's Capabilities, with the
// exception filters in a form that keeps "default": false (go-dap's omitempty would
// drop it, and a client should not have to know that absent means false).
type capabilitiesBody struct {
	dap.Capabilities
	ExceptionBreakpointFilters []exceptionFilter `json:"exceptionBreakpointFilters"`
}

// capabilities is what the initialize response offers. It grows as requests are
// served by the agent. Steps are by line only (no supportsSteppingGranularity) and
// resume every thread (no supportsSingleThreadExecutionRequests).
func capabilities() capabilitiesBody {
	return capabilitiesBody{
		Capabilities: dap.Capabilities{
			SupportsConfigurationDoneRequest: true,
			SupportsTerminateRequest:         true,
			SupportTerminateDebuggee:         true,
			SupportsDelayedStackTraceLoading: true,

			// Inspecting state (agent/dapper_agent/handlers/inspection.py).
			SupportsSetVariable:            true,
			SupportsSetExpression:          true,
			SupportsCompletionsRequest:     true,
			CompletionTriggerCharacters:    []string{"."},
			SupportsValueFormattingOptions: true,
			SupportsEvaluateForHovers:      true,
			SupportsClipboardContext:       true,

			// Breakpoints with conditions, hit counts, log messages; function and
			// exception breakpoints (agent/dapper_agent/handlers/breakpoints.py).
			SupportsConditionalBreakpoints:    true,
			SupportsHitConditionalBreakpoints: true,
			SupportsLogPoints:                 true,
			SupportsFunctionBreakpoints:       true,
			SupportsExceptionInfoRequest:      true,
			SupportsExceptionOptions:          true,
			SupportsExceptionFilterOptions:    true,

			// Where a thread goes next, and what code the program has loaded
			// (agent/dapper_agent/handlers/navigation.py, modules.py).
			SupportsGotoTargetsRequest:   true,
			SupportsStepInTargetsRequest: true,
			SupportsModulesRequest:       true,
			SupportsLoadedSourcesRequest: true,
		},
		ExceptionBreakpointFilters: exceptionFilters,
	}
}
