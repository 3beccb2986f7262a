import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A private copy of the built app served by its own `node build` process, so a test can change
 * the deployed files (a new release) and restart the server, as an operator would.
 */
export class Deployment {
	// Inside the repository, so the server finds its runtime packages in node_modules.
	readonly dir = mkdtempSync(join(Deployment.#parent(), 'deploy-'));

	static #parent() {
		const parent = resolve('tests/.tmp');
		mkdirSync(parent, { recursive: true });
		return parent;
	}
	readonly url: string;
	#server: ChildProcess | undefined;

	constructor(readonly port: number) {
		cpSync(resolve('build'), this.dir, { recursive: true });
		this.url = `http://127.0.0.1:${port}`;
	}

	async start() {
		const server = spawn(process.execPath, [this.dir], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				HOMEPLAY_DATA_DIR: join(this.dir, 'data'),
				VAPID_SUBJECT: 'mailto:tests@homeplay.invalid'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		this.#server = server;
		await new Promise<void>((ready, fail) => {
			server.stdout!.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('Listening')) ready();
			});
			server.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
		});
	}

	async stop() {
		const server = this.#server;
		if (!server || server.exitCode !== null) return;
		await new Promise((done) => {
			server.once('exit', done);
			server.kill();
		});
	}

	path(...parts: string[]) {
		return join(this.dir, ...parts);
	}

	async dispose() {
		await this.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
