// The real dapper adapter driven as VS Code drives it, with the debug adapter test support.
import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EditorClient, python, testdata, vscodeInitialize } from './editorClient';

const program = testdata('breakpoint_locals.py');

describe('dapper adapter under VS Code', () => {
	let dc: EditorClient;
	beforeEach(async () => {
		dc = new EditorClient();
		await dc.start();
	});
	afterEach(async () => {
		await dc.stop();
	});

	it('launches, stops at a breakpoint, shows variables, steps in and out, and reports the exit', async () => {
		await dc.hitBreakpoint({ program, python, console: 'internalConsole' }, { path: program, line: 8 });
		const threadId = (await dc.threadsRequest()).body.threads[0].id;
		const frames = (await dc.stackTraceRequest({ threadId })).body.stackFrames;
		const scopes = (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes;
		const locals = (await dc.variablesRequest({ variablesReference: scopes[0].variablesReference })).body.variables;
		assert.deepEqual(locals.map(v => [v.name, v.value]), [['greeting', "'hi'"]]);

		await Promise.all([dc.stepInRequest({ threadId }), dc.assertStoppedLocation('step', { path: program, line: 2 })]);
		const args = (await dc.variablesRequest({ variablesReference:
			(await dc.scopesRequest({ frameId: (await dc.stackTraceRequest({ threadId })).body.stackFrames[0].id })).body.scopes[0].variablesReference })).body.variables;
		assert.deepEqual(args.map(v => [v.name, v.value]), [['number', '21']]);
		await Promise.all([dc.stepOutRequest({ threadId }), dc.assertStoppedLocation('step', { path: program, line: 8 })]);
		await Promise.all([dc.nextRequest({ threadId }), dc.assertStoppedLocation('step', { path: program, line: 9 })]);

		const exited = dc.waitForEvent('exited');
		await Promise.all([dc.continueRequest({ threadId }), dc.assertOutput('stdout', 'hi 42\n'), dc.waitForEvent('terminated')]);
		assert.equal((await exited).body.exitCode, 0);
	});

	it('runs an integratedTerminal console through runInTerminal, and debugs the program there', async () => {
		await dc.initializeRequest(vscodeInitialize);
		const configured = dc.waitForEvent('initialized').then(async () => {
			await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: 9 }] });
			await dc.configurationDoneRequest();
		});
		await Promise.all([dc.launchRequest({ program, python, console: 'integratedTerminal' } as never), configured,
			dc.assertStoppedLocation('breakpoint', { path: program, line: 9 })]);
		assert.equal(dc.terminalRequests.length, 1);
		assert.equal(dc.terminalRequests[0].arguments.kind, 'integrated');
		const threadId = (await dc.threadsRequest()).body.threads[0].id;
		const frameId = (await dc.stackTraceRequest({ threadId })).body.stackFrames[0].id;
		assert.equal((await dc.evaluateRequest({ expression: 'len(greeting * value)', frameId, context: 'repl' })).body.result, '84');

		const exited = dc.waitForEvent('exited');
		await Promise.all([dc.continueRequest({ threadId }), dc.waitForEvent('terminated')]);
		assert.equal((await exited).body.exitCode, 0);
		await new Promise(resolve => dc.terminals[0].exitCode !== null ? resolve(null) : dc.terminals[0].on('exit', resolve));
		assert.match(dc.terminalOutput, /hi 42/);
	});

	it("fails a launch whose program is missing with the adapter's message", async () => {
		await dc.initializeRequest(vscodeInitialize);
		await assert.rejects(dc.launchRequest({ program: testdata('no_such_program.py'), python } as never), /does not exist/);
	});
});
