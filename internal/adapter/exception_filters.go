package adapter

// exceptionFilter is go-dap's ExceptionBreakpointsFilter with Default always sent.
type exceptionFilter struct {
	Filter               string `json:"filter"`
	Label                string `json:"label"`
	Description          string `json:"description,omitempty"`
	Default              bool   `json:"default"`
	SupportsCondition    bool   `json:"supportsCondition,omitempty"`
	ConditionDescription string `json:"conditionDescription,omitempty"`
}

const exceptionConditionDescription = "A Python expression, evaluated in the frame where the program would stop; " +
	"it stops only when the expression is true"

// exceptionFilters are debugpy's exception breakpoint filters, with its defaults: only
// uncaught exceptions stop the program unless the user asks for more.
var exceptionFilters = []exceptionFilter{
	{
		Filter:               "raised",
		Label:                "Raised Exceptions",
		Description:          "Stop where any exception is raised, whether or not it is handled.",
		SupportsCondition:    true,
		ConditionDescription: exceptionConditionDescription,
	},
	{
		Filter:               "uncaught",
		Label:                "Uncaught Exceptions",
		Description:          "Stop where an exception that ends the program or its thread was raised.",
		Default:              true,
		SupportsCondition:    true,
		ConditionDescription: exceptionConditionDescription,
	},
	{
		Filter:               "userUnhandled",
		Label:                "User Uncaught Exceptions",
		Description:          "Stop when an exception leaves your code for library code.",
		SupportsCondition:    true,
		ConditionDescription: exceptionConditionDescription,
	},
}
