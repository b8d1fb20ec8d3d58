package main

import (
	"fmt"
	"io"
	"strings"
)

const completionUsage = `usage: dapper completion bash|zsh|fish

Prints the shell's completion script for dapper's commands and flags:
  bash   source <(dapper completion bash)                 (in ~/.bashrc)
  zsh    dapper completion zsh > "${fpath[1]}/_dapper"    (or: source <(dapper completion zsh))
  fish   dapper completion fish > ~/.config/fish/completions/dapper.fish
`

// completionScripts writes each shell's script from the command table.
var completionScripts = map[string]func(io.Writer){
	"bash": bashCompletion,
	"zsh":  zshCompletion,
	"fish": fishCompletion,
}

// runCompletion is `dapper completion SHELL`.
func runCompletion(args []string, out io.Writer) error {
	if wantsHelp(args) {
		_, err := io.WriteString(out, completionUsage)
		return err
	}
	if len(args) != 1 || completionScripts[args[0]] == nil {
		return fmt.Errorf("completion: give one of bash, zsh, fish\n\n%s", completionUsage)
	}
	completionScripts[args[0]](out)
	return nil
}

// commandNames are the names of the table's commands, space-separated.
func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strings.Join(names, " ")
}

// flagNames are a command's flags, space-separated; withValue keeps only the flags
// that take a value.
func flagNames(c command, withValue bool) string {
	var names []string
	for _, f := range c.flags {
		if !withValue || f.value != "" {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, " ")
}

// bashValue is the bash code that completes a value of kind into COMPREPLY.
func bashValue(kind valueKind) string {
	switch kind {
	case valueFile:
		return `compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -X '!*.py' -- "$cur") $(compgen -d -- "$cur"))`
	case valueDir:
		return `compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur"))`
	case valueCommand:
		return `COMPREPLY=($(compgen -c -- "$cur"))`
	case valuePid:
		return `COMPREPLY=($(compgen -W "$(ps -e -o pid= 2>/dev/null)" -- "$cur"))`
	case valueShell:
		return `COMPREPLY=($(compgen -W 'bash zsh fish' -- "$cur"))`
	case valueSubcommand:
		return `COMPREPLY=($(compgen -W '` + commandNames() + `' -- "$cur"))`
	}
	return `COMPREPLY=()`
}

func bashCompletion(w io.Writer) {
	fmt.Fprintf(w, `# bash completion for dapper (dapper completion bash)
_dapper() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd=${COMP_WORDS[1]} flags="" valued="" i w skip="" target=0
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W '%s' -- "$cur"))
        return
    fi
    case $cmd in
`, commandNames())
	for _, c := range commands {
		fmt.Fprintf(w, "    %s) flags='%s' valued='%s' ;;\n", c.name, flagNames(c, false), flagNames(c, true))
	}
	fmt.Fprint(w, `    *) return ;;
    esac
    # The words after the program (or -m/-c and its value) are the program's own.
    # bash splits "HOST:PORT" and "--flag=value" at ":" and "=": the part after one
    # belongs to the word before it.
    for ((i = 2; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in :|=) skip=""; i=$((i + 1)); continue ;; esac
        if [ -n "$skip" ]; then
            case $skip in -m|-c) target=1; break ;; esac
            skip=""; continue
        fi
        case " $valued " in *" $w "*) skip=$w; continue ;; esac
        case $w in -*) ;; *) target=1; break ;; esac
    done
    if [ "$target" -eq 1 ]; then
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    case "$cmd $prev" in
`)
	for _, c := range commands {
		for _, f := range c.flags {
			if f.value != "" {
				fmt.Fprintf(w, "        %q) %s; return ;;\n", c.name+" "+f.name, bashValue(f.kind))
			}
		}
	}
	fmt.Fprint(w, `    esac
    if [ "${cur#-}" != "$cur" ] && [ -n "$flags" ]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
        return
    fi
    case $cmd in
`)
	for _, c := range commands {
		fmt.Fprintf(w, "        %s) %s ;;\n", c.name, bashValue(c.operand))
	}
	fmt.Fprint(w, `    esac
}
complete -F _dapper dapper
`)
}

// zshQuote quotes s for a single-quoted zsh word; escape lists what _arguments
// needs escaped there too (brackets in an explanation, colons in a message).
func zshQuote(s, escape string) string {
	for _, c := range escape {
		s = strings.ReplaceAll(s, string(c), `\`+string(c))
	}
	return strings.ReplaceAll(s, "'", `'\''`)
}

// zshValue is the _arguments action that completes a value of kind.
func zshValue(kind valueKind) string {
	switch kind {
	case valueFile:
		return "_files"
	case valueDir:
		return "_files -/"
	case valueCommand:
		return "_command_names -e"
	case valuePid:
		return "_pids"
	case valueShell:
		return "(bash zsh fish)"
	case valueSubcommand:
		return "(" + commandNames() + ")"
	}
	return " "
}

func zshCompletion(w io.Writer) {
	fmt.Fprint(w, "#compdef dapper\n# zsh completion for dapper (dapper completion zsh)\n_dapper() {\n    local -a commands\n    commands=(\n")
	for _, c := range commands {
		fmt.Fprintf(w, "        '%s:%s'\n", c.name, zshQuote(c.summary, ""))
	}
	fmt.Fprint(w, `    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'dapper command' commands
        return
    fi
    local cmd=$words[2]
    shift words
    (( CURRENT-- ))
    case $cmd in
`)
	for _, c := range commands {
		fmt.Fprintf(w, "        %s)\n            _arguments -S", c.name)
		for _, f := range c.flags {
			spec := f.name + "[" + zshQuote(f.help, "[]") + "]"
			if strings.Contains(f.help, "repeatable") {
				spec = "*" + spec
			}
			if f.value != "" {
				spec += ":" + zshQuote(f.value, "[]:") + ":" + zshValue(f.kind)
			}
			fmt.Fprintf(w, " \\\n                '%s'", spec)
		}
		if c.operand != valueNone {
			fmt.Fprintf(w, " \\\n                '*::argument:%s'", zshValue(c.operand))
		}
		fmt.Fprint(w, " ;;\n")
	}
	fmt.Fprint(w, `    esac
}
if [ "$funcstack[1]" = "_dapper" ]; then
    _dapper "$@"
else
    compdef _dapper dapper
fi
`)
}

// fishQuote quotes s as a single-quoted fish string.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// fishValue is the arguments of `complete` that complete a value of kind.
func fishValue(kind valueKind) string {
	switch kind {
	case valueFile:
		return "-F"
	case valueDir:
		return "-a '(__fish_complete_directories)'"
	case valueCommand:
		return "-a '(__fish_complete_command)'"
	case valuePid:
		return "-a '(__fish_complete_pids)'"
	case valueShell:
		return "-a 'bash zsh fish'"
	case valueSubcommand:
		return "-a " + fishQuote(commandNames())
	}
	return ""
}

func fishCompletion(w io.Writer) {
	fmt.Fprint(w, "# fish completion for dapper (dapper completion fish)\ncomplete -c dapper -f\n")
	for _, c := range commands {
		fmt.Fprintf(w, "complete -c dapper -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range commands {
		when := fishQuote("__fish_seen_subcommand_from " + c.name)
		for _, f := range c.flags {
			opt := "-l " + strings.TrimPrefix(f.name, "--")
			if !strings.HasPrefix(f.name, "--") {
				opt = "-s " + strings.TrimPrefix(f.name, "-")
			}
			switch { // -r: takes a value; -x: one that is not a file
			case f.value != "" && f.kind == valueFile:
				opt += " -r -F"
			case f.value != "":
				opt = strings.TrimSpace(opt + " -x " + fishValue(f.kind))
			}
			fmt.Fprintf(w, "complete -c dapper -n %s %s -d %s\n", when, opt, fishQuote(f.help))
		}
		if v := fishValue(c.operand); v != "" {
			operand := "__fish_seen_subcommand_from " + c.name
			if valued := flagNames(c, true); valued != "" { // not where a flag's value goes
				operand += "; and not __fish_prev_arg_in " + valued
			}
			fmt.Fprintf(w, "complete -c dapper -n %s %s\n", fishQuote(operand), v)
		}
	}
}
