// The process picker of attach configurations ("processId": "${command:pickProcess}").
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';

/** A Process is one line of ps: a pid and its command line. */
export interface Process {
	pid: number;
	command: string;
}

/** parsePs reads `ps -A -o pid=,args=`: Python processes first, this one left out. */
export function parsePs(output: string, self: number): Process[] {
	const processes: Process[] = [];
	for (const line of output.split('\n')) {
		const m = /^\s*(\d+)\s+(.*\S)\s*$/.exec(line);
		if (m && Number(m[1]) !== self) {
			processes.push({ pid: Number(m[1]), command: m[2] });
		}
	}
	const isPython = (p: Process) => /python/i.test(path.basename(p.command.split(' ')[0]));
	return [...processes.filter(isPython), ...processes.filter(p => !isPython(p))];
}

function listProcesses(): Promise<Process[]> {
	return new Promise((resolve, reject) => {
		execFile('ps', ['-A', '-ww', '-o', 'pid=,args='], { maxBuffer: 16 << 20 }, (err, stdout) => {
			if (err) {
				reject(new Error(`Dapper: cannot list processes (ps): ${err.message}`));
			} else {
				resolve(parsePs(stdout, process.pid));
			}
		});
	});
}

/** pickProcess asks which process to attach to; it returns its pid, or undefined to cancel. */
export async function pickProcess(): Promise<string | undefined> {
	const items = (await listProcesses()).map(p => ({
		label: path.basename(p.command.split(' ')[0]),
		description: String(p.pid),
		detail: p.command,
		pid: p.pid,
	}));
	const picked = await vscode.window.showQuickPick(items, {
		placeHolder: 'The Python process to attach to (CPython 3.9-3.13)',
		matchOnDescription: true,
		matchOnDetail: true,
	});
	return picked ? String(picked.pid) : undefined;
}
