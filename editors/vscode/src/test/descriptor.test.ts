import { DebugAdapterExecutable, DebugAdapterServer, state } from './fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { findDapper } from '../adapterPath';
import { DapperDescriptorFactory } from '../descriptor';
import { parsePs } from '../processes';

function executable(dir: string, name: string): string {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
	return file;
}

function session(configuration: Record<string, unknown>) {
	return { configuration: { type: 'dapper', name: 'x', ...configuration } } as never;
}

describe('finding dapper', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dapper-ext-'));
	const shipped = executable(path.join(root, 'extension', 'bin'), 'dapper');
	const onPath = executable(path.join(root, 'path'), 'dapper');
	const chosen = executable(path.join(root, 'chosen'), 'dapper');

	it('takes dapper.path first, then PATH, then the binary inside the extension', () => {
		assert.equal(findDapper(chosen, path.join(root, 'path'), path.join(root, 'extension')), chosen);
		assert.equal(findDapper('', `/nonexistent${path.delimiter}${path.join(root, 'path')}`, path.join(root, 'extension')), onPath);
		assert.equal(findDapper(undefined, '/nonexistent', path.join(root, 'extension')), shipped);
	});

	it('says where it looked when there is none', () => {
		assert.throws(() => findDapper(undefined, '/nonexistent', '/nowhere'), /set "dapper.path", or put dapper on PATH/);
		assert.throws(() => findDapper('/no/such/dapper', undefined, '/nowhere'), /dapper.path is "\/no\/such\/dapper"/);
	});
});

describe('the descriptor factory', () => {
	const factory = new DapperDescriptorFactory('/nowhere');
	beforeEach(() => state.reset());

	it('starts dapper adapter for a launch', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dapper-ext-'));
		state.settings['dapper.path'] = executable(dir, 'dapper');
		const d = factory.createDebugAdapterDescriptor(session({ request: 'launch', program: 'a.py' }));
		assert.ok(d instanceof DebugAdapterExecutable);
		assert.deepEqual([d.command, d.args], [state.settings['dapper.path'], ['adapter']]);
	});

	it('connects to connect.host/port: a dapper run --listen, or a child process (startDebugging)', () => {
		const child = factory.createDebugAdapterDescriptor(session({ request: 'attach', subProcessId: 7, connect: { host: '127.0.0.1', port: 40123 } }));
		assert.ok(child instanceof DebugAdapterServer);
		assert.deepEqual([child.host, child.port], ['127.0.0.1', 40123]);
		const legacy = factory.createDebugAdapterDescriptor(session({ request: 'attach', port: '5678' }));
		assert.ok(legacy instanceof DebugAdapterServer);
		assert.deepEqual([legacy.host, legacy.port], ['127.0.0.1', 5678]);
	});

	it('starts dapper adapter for an attach by process id or listen', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dapper-ext-'));
		state.settings['dapper.path'] = executable(dir, 'dapper');
		for (const config of [{ processId: '42' }, { listen: { port: 5678 } }]) {
			assert.ok(factory.createDebugAdapterDescriptor(session({ request: 'attach', ...config })) instanceof DebugAdapterExecutable);
		}
	});
});

describe('the process picker', () => {
	it('lists Python processes first and leaves the editor out', () => {
		const ps = '    1 /sbin/init\n  200 /usr/bin/python3 server.py --port 80\n  300 node extension-host\n 4000 /venv/bin/python -m worker\n';
		assert.deepEqual(parsePs(ps, 300), [
			{ pid: 200, command: '/usr/bin/python3 server.py --port 80' },
			{ pid: 4000, command: '/venv/bin/python -m worker' },
			{ pid: 1, command: '/sbin/init' },
		]);
	});
});
