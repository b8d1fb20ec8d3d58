// The debug adapter of a session: `dapper adapter` on stdio, or, for an attach
// configuration with connect (a `dapper run --listen`, or the child process the
// adapter announced with startDebugging), a connection to that address.
import * as vscode from 'vscode';
import { findDapper } from './adapterPath';

interface Endpoint {
	host?: string;
	port?: number | string;
}

/** connectEndpoint is the address an attach configuration connects to, if any. */
export function connectEndpoint(config: vscode.DebugConfiguration): { host: string; port: number } | undefined {
	if (config.request !== 'attach') {
		return undefined;
	}
	const endpoint: Endpoint | undefined = config.connect ?? (config.port !== undefined ? { host: config.host, port: config.port } : undefined);
	if (!endpoint || endpoint.port === undefined || endpoint.port === '') {
		return undefined;
	}
	return { host: endpoint.host || '127.0.0.1', port: Number(endpoint.port) };
}

/** DapperDescriptorFactory starts `dapper adapter`, or connects where the configuration says. */
export class DapperDescriptorFactory implements vscode.DebugAdapterDescriptorFactory {
	constructor(private readonly extensionPath: string) {}

	createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
		const endpoint = connectEndpoint(session.configuration);
		if (endpoint) {
			return new vscode.DebugAdapterServer(endpoint.port, endpoint.host);
		}
		const setting = vscode.workspace.getConfiguration('dapper', session.workspaceFolder?.uri).get<string>('path');
		return new vscode.DebugAdapterExecutable(findDapper(setting, process.env.PATH, this.extensionPath), ['adapter']);
	}
}
