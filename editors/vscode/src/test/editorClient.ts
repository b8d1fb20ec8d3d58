// The dapper binary and a DAP client that plays VS Code for the adapter tests.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..', '..');

/** dapperBinary is $DAPPER_BINARY, else bin/dapper (the one the .vsix ships), built if missing. */
export function dapperBinary(): string {
	if (process.env.DAPPER_BINARY) {
		return process.env.DAPPER_BINARY;
	}
	const bin = path.join(repoRoot, 'editors', 'vscode', 'bin', 'dapper');
	if (!fs.existsSync(bin)) {
		execFileSync('go', ['build', '-o', bin, './cmd/dapper'], { cwd: repoRoot, stdio: 'inherit' });
	}
	return bin;
}

/** python is the interpreter the tests run: the first of $DAPPER_TEST_PYTHONS, else python3. */
export const python = (process.env.DAPPER_TEST_PYTHONS ?? '').split(':').find(p => p !== '') ?? 'python3';

export function testdata(name: string): string {
	return path.join(repoRoot, 'testdata', name);
}

/** The initialize arguments VS Code sends. */
export const vscodeInitialize = {
	clientID: 'vscode', clientName: 'Visual Studio Code', adapterID: 'dapper', pathFormat: 'path' as const,
	linesStartAt1: true, columnsStartAt1: true, supportsVariableType: true, supportsVariablePaging: true,
	supportsRunInTerminalRequest: true, supportsProgressReporting: true, supportsInvalidatedEvent: true,
	supportsMemoryReferences: true, supportsArgsCanBeInterpretedByShell: true, supportsStartDebuggingRequest: true,
	locale: 'en',
};

interface RunInTerminal {
	seq: number;
	command: string;
	arguments: { kind: string; title?: string; cwd: string; args: string[]; env?: Record<string, string | null> };
}

/**
 * EditorClient is the test support's DebugClient, which drops reverse requests, made
 * to answer runInTerminal as VS Code does: it starts the command (here on pipes, not a
 * pseudo-terminal) and answers with its pid. What the "terminal" prints is in terminalOutput.
 */
export class EditorClient extends DebugClient {
	readonly terminalRequests: RunInTerminal[] = [];
	readonly terminals: ChildProcess[] = [];
	terminalOutput = '';

	constructor() {
		super(dapperBinary(), 'adapter', 'dapper');
		this.defaultTimeout = 60000; // a bound for a loaded machine, not a measure
		const self = this as unknown as { dispatch(body: string): void };
		const dispatch = self.dispatch.bind(this);
		self.dispatch = (body: string) => {
			const message = JSON.parse(body);
			if (message.type === 'request') {
				this.reverseRequest(message);
			} else {
				dispatch(body);
			}
		};
	}

	private reverseRequest(request: RunInTerminal): void {
		if (request.command !== 'runInTerminal') {
			this.respond(request, false, { error: { id: 1, format: `${request.command} is not supported` } });
			return;
		}
		this.terminalRequests.push(request);
		const { args, cwd, env } = request.arguments;
		const environment: Record<string, string | undefined> = { ...process.env };
		for (const [key, value] of Object.entries(env ?? {})) {
			environment[key] = value ?? undefined;
		}
		const terminal = spawn(args[0], args.slice(1), { cwd, env: environment });
		this.terminals.push(terminal);
		terminal.stdout?.on('data', (data: Buffer) => { this.terminalOutput += data.toString(); });
		terminal.stderr?.on('data', (data: Buffer) => { this.terminalOutput += data.toString(); });
		this.respond(request, true, { processId: terminal.pid });
	}

	private respond(request: RunInTerminal, success: boolean, body: object): void {
		const client = this as unknown as { sequence: number; outputStream: NodeJS.WritableStream };
		const json = JSON.stringify({ seq: client.sequence++, type: 'response', request_seq: request.seq, command: request.command, success, body });
		client.outputStream.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
	}
}
