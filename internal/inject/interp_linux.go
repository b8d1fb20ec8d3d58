//go:build linux

package inject

import (
	"bufio"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// The functions the injection calls in the target.
const (
	symAddPendingCall = "Py_AddPendingCall"
	symRunString      = "PyRun_SimpleString"
	symIsInitialized  = "Py_IsInitialized"
)

// interpreter is the CPython found in a process: the ELF file that holds its C API
// (libpython, or the executable when libpython is linked in statically), its version
// and the runtime addresses of the functions the injection calls.
type interpreter struct {
	file    string // the path as /proc/PID/maps names it
	major   int
	minor   int
	addr    map[string]uint64
	mapping []mapping // the file's mappings in the target
}

// mapping is one line of /proc/PID/maps.
type mapping struct {
	start, end, offset, inode uint64
	perms, dev, path          string
}

func (m mapping) executable() bool { return strings.Contains(m.perms, "x") }

var libpythonName = regexp.MustCompile(`^libpython(\d+)\.(\d+)[a-z]*\.so`)
var pythonName = regexp.MustCompile(`python(\d+)\.(\d+)`)

func readMaps(pid int) ([]mapping, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/maps", pid))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var maps []mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode [path]; the path may hold spaces.
		fields := strings.SplitN(sc.Text(), " ", 6)
		if len(fields) < 5 {
			continue
		}
		var m mapping
		bounds := strings.SplitN(fields[0], "-", 2)
		if len(bounds) != 2 {
			continue
		}
		m.start, _ = strconv.ParseUint(bounds[0], 16, 64)
		m.end, _ = strconv.ParseUint(bounds[1], 16, 64)
		m.offset, _ = strconv.ParseUint(fields[2], 16, 64)
		m.perms, m.dev = fields[1], fields[3]
		m.inode, _ = strconv.ParseUint(fields[4], 10, 64)
		if len(fields) == 6 {
			m.path = strings.TrimSpace(fields[5])
		}
		maps = append(maps, m)
	}
	return maps, sc.Err()
}

// findInterpreter locates CPython in process pid: libpython if it is mapped, else the
// executable. It checks the version and resolves the functions the injection calls.
func findInterpreter(pid int) (*interpreter, error) {
	maps, err := readMaps(pid)
	if err != nil {
		return nil, procError(pid, "read /proc/PID/maps", err)
	}
	file, isLib := "", false
	for _, m := range maps {
		if libpythonName.MatchString(filepath.Base(m.path)) {
			file, isLib = m.path, true
			break
		}
	}
	if file == "" {
		exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
		if err != nil {
			return nil, procError(pid, "read /proc/PID/exe", err)
		}
		file = exe
	}
	in := &interpreter{file: file}
	for _, m := range maps {
		if m.path == file {
			in.mapping = append(in.mapping, m)
		}
	}
	if len(in.mapping) == 0 {
		return nil, &Error{Pid: pid, Step: "find interpreter", Kind: ErrNotPython, Detail: file + " is not mapped"}
	}
	f, err := openELF(pid, in.mapping[0], isLib)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := in.resolve(pid, f, isLib); err != nil {
		return nil, err
	}
	return in, nil
}

// openELF opens the interpreter's file as the target sees it (through /proc/PID/root
// or /proc/PID/exe, which works across mount namespaces), else by its path here if
// that is the same file (device and inode), not another build at the same path.
func openELF(pid int, m mapping, isLib bool) (*elf.File, error) {
	file := m.path
	seen := fmt.Sprintf("/proc/%d/root%s", pid, strings.TrimSuffix(file, " (deleted)"))
	if !isLib {
		seen = fmt.Sprintf("/proc/%d/exe", pid)
	}
	f, err := elf.Open(seen)
	if err == nil {
		return f, nil
	}
	if sameFile(file, m) {
		if f, err2 := elf.Open(file); err2 == nil {
			return f, nil
		}
	}
	step := "read the interpreter's file " + file
	switch {
	case errors.Is(err, os.ErrPermission):
		return nil, procError(pid, step, err)
	case checkProcess(pid) != nil:
		return nil, checkProcess(pid)
	case errors.Is(err, os.ErrNotExist) || strings.HasSuffix(file, " (deleted)"):
		return nil, &Error{Pid: pid, Step: step, Kind: ErrSymbols,
			Detail: "the file is gone (deleted or replaced since the process started)", Err: err}
	}
	return nil, &Error{Pid: pid, Step: step, Kind: ErrNotPython, Err: err}
}

func sameFile(path string, m mapping) bool {
	var st unix.Stat_t
	if unix.Stat(path, &st) != nil {
		return false
	}
	dev := fmt.Sprintf("%02x:%02x", unix.Major(st.Dev), unix.Minor(st.Dev))
	return st.Ino == m.inode && dev == m.dev
}

// resolve reads the symbols of f, checks that they are CPython 3.9 to 3.13's and
// turns their ELF addresses into addresses in the target.
func (in *interpreter) resolve(pid int, f *elf.File, isLib bool) error {
	syms := symbolTable(f)
	looksLikePython := isLib || pythonName.MatchString(filepath.Base(in.file)) ||
		strings.HasPrefix(filepath.Base(in.file), "python")
	if _, ok := syms[symAddPendingCall]; !ok {
		if looksLikePython {
			return &Error{Pid: pid, Step: "find interpreter", Kind: ErrSymbols,
				Detail: fmt.Sprintf("%s exports no %s (a stripped interpreter?)", in.file, symAddPendingCall)}
		}
		return &Error{Pid: pid, Step: "find interpreter", Kind: ErrNotPython,
			Detail: fmt.Sprintf("neither a libpython nor CPython's C API in %s", in.file)}
	}
	in.major, in.minor = elfVersion(f, syms)
	if err := in.checkVersion(pid); err != nil {
		return err
	}
	base, err := loadBase(f, in.mapping)
	if err != nil {
		return &Error{Pid: pid, Step: "find interpreter", Kind: ErrNotPython, Detail: in.file, Err: err}
	}
	in.addr = map[string]uint64{}
	for _, name := range []string{symAddPendingCall, symRunString, symIsInitialized} {
		s, ok := syms[name]
		if !ok {
			return &Error{Pid: pid, Step: "find interpreter", Kind: ErrSymbols,
				Detail: fmt.Sprintf("%s exports no %s", in.file, name)}
		}
		in.addr[name] = base + s.Value
		if !in.inExecutableMapping(base + s.Value) {
			return &Error{Pid: pid, Step: "find interpreter", Kind: ErrSymbols,
				Detail: fmt.Sprintf("%s at %#x is outside %s's code in the process", name, base+s.Value, in.file)}
		}
	}
	return nil
}

func (in *interpreter) checkVersion(pid int) error {
	switch {
	case in.major == 0:
		// No 3.9+ marker symbol: an older CPython. Say which, if the name tells.
		detail := fmt.Sprintf("%s is older than CPython 3.9; dapper attaches to 3.9 to 3.13", in.file)
		if m := pythonName.FindStringSubmatch(filepath.Base(in.file)); m != nil {
			detail = fmt.Sprintf("%s is CPython %s.%s; dapper attaches to 3.9 to 3.13", in.file, m[1], m[2])
		}
		return &Error{Pid: pid, Step: "check version", Kind: ErrVersion, Detail: detail}
	case in.major == 3 && in.minor >= 14 || in.major > 3:
		// The seam for 3.14+: PEP 768 gives the supported way in, run from outside by
		// the target's own interpreter: python -c 'import sys; sys.remote_exec(PID, SCRIPT)'.
		return &Error{Pid: pid, Step: "check version", Kind: ErrVersion,
			Detail: fmt.Sprintf("CPython %d.%d: use sys.remote_exec (PEP 768) on 3.14 and newer", in.major, in.minor)}
	}
	return nil
}

func (in *interpreter) inExecutableMapping(addr uint64) bool {
	for _, m := range in.mapping {
		if m.executable() && addr >= m.start && addr < m.end {
			return true
		}
	}
	return false
}

// symbolTable maps the defined symbols of f by name: .dynsym first (what a shared
// libpython or an -export-dynamic executable offers), then .symtab if there is one.
func symbolTable(f *elf.File) map[string]elf.Symbol {
	table := map[string]elf.Symbol{}
	add := func(syms []elf.Symbol, err error) {
		for _, s := range syms {
			if s.Section == elf.SHN_UNDEF || s.Value == 0 {
				continue
			}
			if _, seen := table[s.Name]; !seen {
				table[s.Name] = s
			}
		}
	}
	add(f.DynamicSymbols())
	add(f.Symbols())
	return table
}

// elfVersion tells CPython's major and minor version from its symbols: 3.11+ export
// the constant Py_Version (PY_VERSION_HEX); 3.10 added Py_IsNone, 3.9 PyFrame_GetCode.
// It returns 0, 0 for anything older.
func elfVersion(f *elf.File, syms map[string]elf.Symbol) (major, minor int) {
	if s, ok := syms["Py_Version"]; ok {
		if b, err := readVaddr(f, s.Value, 4); err == nil {
			hex := binary.LittleEndian.Uint32(b)
			return int(hex >> 24), int(hex >> 16 & 0xff)
		}
	}
	if _, ok := syms["Py_IsNone"]; ok {
		return 3, 10
	}
	if _, ok := syms["PyFrame_GetCode"]; ok {
		return 3, 9
	}
	return 0, 0
}

// readVaddr reads n bytes of initialised data at virtual address vaddr of f.
func readVaddr(f *elf.File, vaddr uint64, n int) ([]byte, error) {
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && vaddr >= p.Vaddr && vaddr+uint64(n) <= p.Vaddr+p.Filesz {
			b := make([]byte, n)
			_, err := p.ReadAt(b, int64(vaddr-p.Vaddr))
			return b, err
		}
	}
	return nil, fmt.Errorf("address %#x is in no loaded segment", vaddr)
}

// loadBase is what to add to f's symbol values to get addresses in the target: the
// start of the mapping of file offset 0 minus the page of the first PT_LOAD segment's
// address. That is the load bias for a PIE or a shared library (ET_DYN) and 0 for a
// fixed-address executable (ET_EXEC).
func loadBase(f *elf.File, maps []mapping) (uint64, error) {
	var first *elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && (first == nil || p.Off < first.Off) {
			first = p
		}
	}
	if first == nil {
		return 0, errors.New("no PT_LOAD segment")
	}
	const pageMask = 0xfff
	for _, m := range maps {
		if m.offset == first.Off&^pageMask {
			base := m.start - first.Vaddr&^pageMask
			if f.Type == elf.ET_EXEC && base != 0 {
				return 0, fmt.Errorf("fixed-address executable loaded at %#x", m.start)
			}
			return base, nil
		}
	}
	return 0, errors.New("the file's first segment is not mapped")
}
