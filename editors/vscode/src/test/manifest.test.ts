// package.json's debugger contribution: what VS Code offers in launch.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const [debuggerContribution] = manifest.contributes.debuggers;
const schema = debuggerContribution.configurationAttributes;

/** Every attribute of a configuration VS Code offers is in its request's schema. */
function assertInSchema(config: Record<string, unknown>, where: string): void {
	assert.ok(['launch', 'attach'].includes(config.request as string), `${where}: request ${config.request}`);
	assert.equal(config.type, 'dapper', where);
	for (const name of Object.keys(config)) {
		if (!['type', 'request', 'name'].includes(name)) {
			assert.ok(name in schema[config.request as string].properties, `${where}: ${name} is not in the ${config.request} schema`);
		}
	}
}

describe('the debugger contribution', () => {
	it('is the dapper type, for Python', () => {
		assert.equal(debuggerContribution.type, 'dapper');
		assert.deepEqual(debuggerContribution.languages, ['python']);
		assert.deepEqual(manifest.contributes.breakpoints, [{ language: 'python' }]);
	});

	it('offers configurations and snippets whose attributes are in the schema', () => {
		for (const config of debuggerContribution.initialConfigurations) {
			assertInSchema(config, `initial configuration ${config.name}`);
		}
		const labels = debuggerContribution.configurationSnippets.map((s: { label: string }) => s.label);
		assert.deepEqual(labels, ['Dapper: Current File', 'Dapper: Module', 'Dapper: Attach to dapper run --listen', 'Dapper: Attach to a Process']);
		for (const snippet of debuggerContribution.configurationSnippets) {
			assertInSchema(snippet.body, `snippet ${snippet.label}`);
		}
	});

	it("names the process picker as a command the extension contributes", () => {
		const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
		assert.ok(commands.includes(debuggerContribution.variables.pickProcess));
		assert.match(JSON.stringify(debuggerContribution.configurationSnippets), /\$\{command:pickProcess\}/);
	});

	it('describes every attribute', () => {
		for (const request of ['launch', 'attach']) {
			for (const [name, property] of Object.entries(schema[request].properties)) {
				assert.ok((property as { markdownDescription?: string }).markdownDescription, `${request}.${name}`);
			}
		}
	});
});
