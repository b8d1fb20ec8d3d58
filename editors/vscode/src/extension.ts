// The Dapper extension: the debugger type "dapper" for Python files. The adapter does
// the work; the extension finds and starts it (descriptor.ts), completes launch
// configurations (configuration.ts) and picks processes to attach to (processes.ts).
import * as vscode from 'vscode';
import { DapperConfigurationProvider } from './configuration';
import { DapperDescriptorFactory } from './descriptor';
import { pickProcess } from './processes';

export function activate(context: vscode.ExtensionContext): void {
	context.subscriptions.push(
		vscode.debug.registerDebugConfigurationProvider('dapper', new DapperConfigurationProvider()),
		vscode.debug.registerDebugAdapterDescriptorFactory('dapper', new DapperDescriptorFactory(context.extensionPath)),
		vscode.commands.registerCommand('dapper.pickProcess', pickProcess),
	);
}

export function deactivate(): void {}
