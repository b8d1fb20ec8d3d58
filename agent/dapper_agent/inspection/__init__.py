"""Showing a suspended program's values: scopes and variables, children page by page,
attributes found without running code, safe repr, evaluation, hover and completions."""
