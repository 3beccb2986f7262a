// Test-only instrumentation, loaded into `node build` with --import: appends the URL of every
// request the server receives to $REQUEST_LOG, so a test can check what reached the server.
import { appendFileSync, mkdirSync } from 'node:fs';
import { Server } from 'node:http';
import { dirname } from 'node:path';

const log = process.env.REQUEST_LOG;
if (log) {
	mkdirSync(dirname(log), { recursive: true });
	/** @type {(this: Server, event: string | symbol, ...args: any[]) => boolean} */
	const emit = /** @type {any} */ (Server.prototype.emit);
	/** @type {any} */ (Server.prototype).emit = function (
		/** @type {string | symbol} */ event,
		/** @type {any[]} */ ...args
	) {
		if (event === 'request') appendFileSync(log, `${args[0].method} ${args[0].url}\n`);
		return emit.call(this, event, ...args);
	};
}
