// A small stand-in for the `vscode` module, which exists only inside VS Code: the
// parts of its API the extension uses, with what a test sets. Importing this file
// first makes require('vscode') return it.
import Module = require('module');

export class Uri {
	private constructor(readonly fsPath: string) {}
	static file(path: string): Uri {
		return new Uri(path);
	}
}

export class DebugAdapterExecutable {
	constructor(readonly command: string, readonly args: string[]) {}
}

export class DebugAdapterServer {
	constructor(readonly port: number, readonly host?: string) {}
}

/** What a test sets: the editor, the settings, the installed extensions; what it reads: messages shown. */
export const state = {
	activeTextEditor: undefined as undefined | { document: { languageId: string; uri: Uri } },
	settings: {} as Record<string, unknown>,
	extensions: {} as Record<string, unknown>,
	errors: [] as string[],
	quickPick: undefined as undefined | ((items: unknown[]) => unknown),
	reset(): void {
		this.activeTextEditor = undefined;
		this.settings = {};
		this.extensions = {};
		this.errors = [];
		this.quickPick = undefined;
	},
};

export const fake = {
	Uri,
	DebugAdapterExecutable,
	DebugAdapterServer,
	window: {
		get activeTextEditor() {
			return state.activeTextEditor;
		},
		async showErrorMessage(message: string) {
			state.errors.push(message);
			return undefined;
		},
		async showQuickPick(items: unknown[]) {
			return state.quickPick?.(items);
		},
	},
	workspace: {
		getConfiguration(section: string) {
			return { get: (key: string) => state.settings[`${section}.${key}`] };
		},
	},
	extensions: {
		getExtension(id: string) {
			return state.extensions[id];
		},
	},
};

const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
	return request === 'vscode' ? fake : load.call(this, request, ...rest);
};
