import { state, Uri } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { DapperConfigurationProvider } from '../configuration';

/** pythonExtension is ms-python.python as its API answers: the picked interpreter is python. */
function pythonExtension(python: string) {
	const active = { id: 'env', path: python };
	return {
		isActive: false,
		async activate() {
			return {
				environments: {
					getActiveEnvironmentPath: () => active,
					resolveEnvironment: async (env: typeof active) => ({ executable: { uri: Uri.file(env.path) } }),
				},
			};
		},
	};
}

describe('the configuration provider', () => {
	const provider = new DapperConfigurationProvider();
	beforeEach(() => state.reset());

	it('debugs the active Python file when F5 finds no launch.json', async () => {
		state.activeTextEditor = { document: { languageId: 'python', uri: Uri.file('/src/app.py') } };
		const config = await provider.resolveDebugConfiguration(undefined, { type: '', request: '', name: '' });
		assert.deepEqual(config, {
			type: 'dapper', request: 'launch', name: 'Dapper: Current File', program: '/src/app.py', console: 'integratedTerminal',
		});
	});

	it('says what to do, and starts nothing, when the active file is not Python', async () => {
		state.activeTextEditor = { document: { languageId: 'markdown', uri: Uri.file('/src/README.md') } };
		assert.equal(await provider.resolveDebugConfiguration(undefined, { type: '', request: '', name: '' }), undefined);
		assert.match(state.errors[0], /open a Python file/);
	});

	it('fills python with the interpreter picked in the Python extension', async () => {
		state.extensions['ms-python.python'] = pythonExtension('/venv/bin/python');
		const config = await provider.resolveDebugConfiguration(undefined,
			{ type: 'dapper', request: 'launch', name: 'x', program: 'app.py' });
		assert.equal(config?.python, '/venv/bin/python');
		assert.equal(config?.console, 'integratedTerminal');
	});

	it('keeps the python (or pythonPath) a configuration names', async () => {
		state.extensions['ms-python.python'] = pythonExtension('/venv/bin/python');
		for (const name of ['python', 'pythonPath']) {
			const config = await provider.resolveDebugConfiguration(undefined,
				{ type: 'dapper', request: 'launch', name: 'x', module: 'm', [name]: '/usr/bin/python3.12', console: 'internalConsole' });
			assert.equal(config?.[name], '/usr/bin/python3.12');
			assert.equal(config?.console, 'internalConsole');
			assert.equal(name === 'pythonPath' ? config?.python : undefined, undefined);
		}
	});

	it("leaves python to the adapter's default without the Python extension", async () => {
		const config = await provider.resolveDebugConfiguration(undefined, { type: 'dapper', request: 'launch', name: 'x', program: 'a.py' });
		assert.equal(config?.python, undefined);
	});

	it('uses the older execution-details API, and survives an extension that fails', async () => {
		state.extensions['ms-python.python'] = { isActive: true, exports: { settings: { getExecutionDetails: () => ({ execCommand: ['/opt/py/bin/python3'] }) } } };
		let config = await provider.resolveDebugConfiguration(undefined, { type: 'dapper', request: 'launch', name: 'x', program: 'a.py' });
		assert.equal(config?.python, '/opt/py/bin/python3');
		state.extensions['ms-python.python'] = { isActive: false, activate: async () => { throw new Error('broken'); } };
		config = await provider.resolveDebugConfiguration(undefined, { type: 'dapper', request: 'launch', name: 'x', program: 'a.py' });
		assert.equal(config?.python, undefined);
	});

	it('leaves attach configurations alone', async () => {
		state.extensions['ms-python.python'] = pythonExtension('/venv/bin/python');
		const attach = { type: 'dapper', request: 'attach', name: 'x', processId: '42' };
		assert.deepEqual(await provider.resolveDebugConfiguration(undefined, { ...attach }), attach);
	});

	it('offers the current-file configuration for a new launch.json', () => {
		assert.deepEqual(provider.provideDebugConfigurations(), [{
			type: 'dapper', request: 'launch', name: 'Dapper: Current File', program: '${file}', console: 'integratedTerminal',
		}]);
	});
});
