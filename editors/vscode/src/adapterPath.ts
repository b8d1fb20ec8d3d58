// Where the dapper binary is: the dapper.path setting, else dapper on PATH, else the
// binary shipped inside the extension (bin/dapper).
import * as fs from 'fs';
import * as path from 'path';

const executableName = process.platform === 'win32' ? 'dapper.exe' : 'dapper';

function isExecutable(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/** findOnPath returns the first executable name in the directories of searchPath. */
export function findOnPath(name: string, searchPath: string | undefined): string | undefined {
	for (const dir of (searchPath ?? '').split(path.delimiter)) {
		if (dir !== '' && isExecutable(path.join(dir, name))) {
			return path.join(dir, name);
		}
	}
	return undefined;
}

/**
 * findDapper returns the dapper binary to run: setting (dapper.path) if given, else
 * dapper on searchPath, else the one inside the extension. It throws, saying where it
 * looked, when there is none.
 */
export function findDapper(setting: string | undefined, searchPath: string | undefined, extensionPath: string): string {
	if (setting) {
		if (!isExecutable(setting)) {
			throw new Error(`dapper.path is "${setting}", which is not an executable file`);
		}
		return setting;
	}
	const onPath = findOnPath(executableName, searchPath);
	if (onPath) {
		return onPath;
	}
	const shipped = path.join(extensionPath, 'bin', executableName);
	if (isExecutable(shipped)) {
		return shipped;
	}
	throw new Error('Dapper: no dapper binary: set "dapper.path", or put dapper on PATH ' +
		'(go install github.com/dapper-debugger/dapper/cmd/dapper@latest)');
}
