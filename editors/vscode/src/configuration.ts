// The configuration provider: F5 with no launch.json debugs the active Python file,
// and a launch gets the interpreter picked in the Python extension unless it names one.
import * as vscode from 'vscode';

/** currentFile is what F5 runs when there is no launch.json. */
export function currentFile(program: string): vscode.DebugConfiguration {
	return { type: 'dapper', request: 'launch', name: 'Dapper: Current File', program, console: 'integratedTerminal' };
}

/** The part of the Python extension's API (ms-python.python) that names the picked interpreter. */
interface PythonApi {
	environments?: {
		getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
		resolveEnvironment(env: { id: string; path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
	};
	settings?: { getExecutionDetails(resource?: vscode.Uri): { execCommand: string[] | undefined } };
}

/**
 * pickedInterpreter is the interpreter the user picked in the Python extension for
 * resource, or undefined without the extension (the adapter then takes $VIRTUAL_ENV's,
 * else python3 on PATH).
 */
export async function pickedInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
	const extension = vscode.extensions.getExtension<PythonApi>('ms-python.python');
	if (!extension) {
		return undefined;
	}
	try {
		const api = extension.isActive ? extension.exports : await extension.activate();
		if (api.environments) {
			const active = api.environments.getActiveEnvironmentPath(resource);
			const resolved = await api.environments.resolveEnvironment(active);
			return resolved?.executable.uri?.fsPath ?? active.path;
		}
		return api.settings?.getExecutionDetails(resource).execCommand?.[0];
	} catch {
		return undefined; // the adapter's own default applies
	}
}

/** DapperConfigurationProvider completes configurations before a session starts. */
export class DapperConfigurationProvider implements vscode.DebugConfigurationProvider {
	provideDebugConfigurations(): vscode.DebugConfiguration[] {
		return [currentFile('${file}')];
	}

	async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined,
		config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
		const document = vscode.window.activeTextEditor?.document;
		if (!config.type && !config.request && !config.name) {
			if (document?.languageId !== 'python') {
				await vscode.window.showErrorMessage('Dapper: open a Python file to debug it, or add a launch configuration.');
				return undefined;
			}
			config = currentFile(document.uri.fsPath);
		}
		if (config.request === 'launch') {
			config.console ??= 'integratedTerminal'; // as the Python extension does for debugpy
			if (config.python === undefined && config.pythonPath === undefined) {
				const python = await pickedInterpreter(folder?.uri ?? document?.uri);
				if (python) {
					config.python = python;
				}
			}
		}
		return config;
	}
}
