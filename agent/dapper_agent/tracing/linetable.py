"""The line tables of code objects, read and written again (CPython 3.9 to 3.13).

The checks that code copies carry (tracing.rewrite) are compiled on sentinel lines,
numbers past the end of their file, so that their instructions can be told from the
statement they guard. relocate() then moves those instructions to the guarded line,
and gives that line to the instructions without one that the compiler leaves right
after a check (a jump over its exception handler): a traced frame then sees line
events exactly where the plain code has them, and nowhere else.

Three formats: co_lnotab (3.9), co_linetable as (bytecode delta, line delta) pairs
(3.10), and the location table of PEP 657 (3.11 on, with columns). Each is decoded
into runs of code with one position, rewritten, encoded as the compiler would, and
checked against the interpreter's own reading of the result.
"""

import dis
import sys

_V = sys.version_info[:2]


def relocate(code, lines):
    """code with every line number that is a key of lines replaced by its value, and
    the instructions without a line that directly follow such a line given its value.
    Raises ValueError if the table cannot be rewritten faithfully."""
    if _V >= (3, 11):
        return _relocate_locations(code, lines)
    if _V == (3, 10):
        return _relocate_pairs(code, lines)
    return _relocate_lnotab(code, lines)


def _moved(runs, lines):
    """runs of (length, line or None, extra) with the sentinel lines moved, and the
    no-line runs after a moved one (up to the next located run) put on its line."""
    out, carried = [], None
    for length, line, extra in runs:
        if line is None:
            line = carried
        elif line in lines:
            line = carried = lines[line]
        else:
            carried = None
        out.append((length, line, extra))
    return out


# -- 3.9: co_lnotab ----------------------------------------------------------------------


def _relocate_lnotab(code, lines):
    starts = [(offset, lines.get(line, line)) for offset, line in dis.findlinestarts(code)]
    merged = [s for i, s in enumerate(starts) if i == 0 or s[1] != starts[i - 1][1]]
    table, offset, line = bytearray(), 0, code.co_firstlineno
    for start, start_line in merged:
        step, delta = start - offset, start_line - line
        while step > 255:
            table += bytes((255, 0))
            step -= 255
        while not -128 <= delta <= 127:
            part = 127 if delta > 0 else -128
            table += bytes((step, part & 0xFF))
            step, delta = 0, delta - part
        if step or delta:
            table += bytes((step, delta & 0xFF))
        offset, line = start, start_line
    new = code.replace(co_lnotab=bytes(table))
    if list(dis.findlinestarts(new)) != merged:
        raise ValueError("line table of %s not rewritten faithfully" % code.co_name)
    return new


# -- 3.10: (bytecode delta, line delta) pairs -------------------------------------------


def _read_pairs(code):
    runs, line, table = [], code.co_firstlineno, code.co_linetable
    for i in range(0, len(table), 2):
        step, delta = table[i], table[i + 1] - 256 if table[i + 1] > 127 else table[i + 1]
        if delta != -128:
            line += delta
        if step:
            runs.append((step, None if delta == -128 else line, None))
    return runs


def _relocate_pairs(code, lines):
    runs = _merge(_moved(_read_pairs(code), lines))
    table, previous = bytearray(), code.co_firstlineno
    for step, line, _ in runs:
        if line is None:
            delta = -128
        else:
            delta, previous = line - previous, line
            while not -127 <= delta <= 127:
                part = 127 if delta > 0 else -127
                table += bytes((0, part & 0xFF))
                delta -= part
        while step > 254:
            table += bytes((254, delta & 0xFF))
            step, delta = step - 254, -128 if line is None else 0
        table += bytes((step, delta & 0xFF))
    new = code.replace(co_linetable=bytes(table))
    if _merge([(end - start, line, None) for start, end, line in new.co_lines()]) != runs:
        raise ValueError("line table of %s not rewritten faithfully" % code.co_name)
    return new


def _merge(runs):
    out = []
    for length, line, extra in runs:
        if out and out[-1][1] == line and out[-1][2] == extra:
            out[-1] = (out[-1][0] + length, line, extra)
        else:
            out.append((length, line, extra))
    return out


# -- 3.11 on: the location table (PEP 657) ------------------------------------------------


def _varint(data, i):
    value = shift = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 63) << shift
        shift += 6
        if not b & 64:
            return value, i


def _svarint(data, i):
    value, i = _varint(data, i)
    return (-(value >> 1) if value & 1 else value >> 1), i


def _read_locations(code):
    """(code units, line, (end line, column, end column)) for each entry; line None
    for an entry with no location."""
    runs, line, data, i = [], code.co_firstlineno, code.co_linetable, 0
    while i < len(data):
        first = data[i]
        kind, units, i = (first >> 3) & 15, (first & 7) + 1, i + 1
        if kind == 15:
            runs.append((units, None, None))
            continue
        if kind == 14:
            delta, i = _svarint(data, i)
            end_delta, i = _varint(data, i)
            column, i = _varint(data, i)
            end_column, i = _varint(data, i)
            line += delta
            extra = (line + end_delta, column - 1 if column else None, end_column - 1 if end_column else None)
        elif kind == 13:
            delta, i = _svarint(data, i)
            line += delta
            extra = (line, None, None)
        elif kind >= 10:
            line += kind - 10
            extra, i = (line, data[i], data[i + 1]), i + 2
        else:
            second = data[i]
            column = kind * 8 + ((second >> 4) & 7)
            extra, i = (line, column, column + (second & 15)), i + 1
        runs.append((units, line, extra))
    return runs


def _write_varint(out, value):
    while value >= 64:
        out.append(64 | (value & 63))
        value >>= 6
    out.append(value)


def _write_svarint(out, value):
    _write_varint(out, (-value << 1) | 1 if value < 0 else value << 1)


def _write_location(out, units, line, extra, previous):
    """One entry, in the form the compiler would choose; returns the line it leaves."""
    head = 128 | (units - 1)
    if line is None:
        out.append(head | 15 << 3)
        return previous
    end_line, column, end_column = extra
    delta = line - previous
    if column is None or end_column is None:
        if end_line == line:
            out.append(head | 13 << 3)
            _write_svarint(out, delta)
            return line
    elif end_line == line:
        if delta == 0 and column < 80 and 0 <= end_column - column < 16:
            out += bytes((head | (column >> 3) << 3, (column & 7) << 4 | (end_column - column)))
            return line
        if 0 <= delta < 3 and column < 128 and end_column < 128:
            out += bytes((head | (10 + delta) << 3, column, end_column))
            return line
    out.append(head | 14 << 3)
    _write_svarint(out, delta)
    _write_varint(out, end_line - line)
    _write_varint(out, 0 if column is None else column + 1)
    _write_varint(out, 0 if end_column is None else end_column + 1)
    return line


def _relocate_locations(code, lines):
    runs = []
    for units, line, extra in _moved(_read_locations(code), lines):
        if line is not None and (extra is None or extra[0] in lines):
            extra = (line, None, None) if extra is None else (lines[extra[0]],) + extra[1:]
        runs.append((units, line, extra))
    table, previous = bytearray(), code.co_firstlineno
    for units, line, extra in runs:
        while units:  # an entry holds at most 8 code units
            step = min(units, 8)
            previous = _write_location(table, step, line, extra, previous)
            units -= step
    new = code.replace(co_linetable=bytes(table))
    expected = []
    for units, line, extra in runs:
        where = (None, None, None, None) if line is None else (line,) + extra
        expected += [where] * units
    if list(new.co_positions()) != expected:
        raise ValueError("location table of %s not rewritten faithfully" % code.co_name)
    return new
