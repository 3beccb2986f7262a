import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ece from 'http_ece';

/**
 * A local stand-in for a Web Push service (RFC 8030), strict where real ones are: every request
 * must carry a valid VAPID token (RFC 8292: ES256, `aud` = this origin, `exp` in the future and
 * within 24 h, a `sub`, `k` = the server's public key) and an aes128gcm body (RFC 8291) that
 * decrypts with the subscriber keys made here. Tests can make it answer 404/410/429/5xx.
 *
 * Self-contained (node built-ins and http_ece only): the benchmark also runs it in a child
 * process, see `serveOverIpc`.
 */

export interface FakeSubscriber {
	id: string;
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
	subscriberId: string;
	payload: unknown;
	ttl: number;
	receivedAt: number;
}

export interface FakeAnswer {
	status: number;
	retryAfter?: string;
	/** Hold the answer back this long (a slow push service). */
	delayMs?: number;
}

export interface FakePushServiceOptions {
	/** The VAPID public key every request must present (`k=`); unchecked when omitted. */
	vapidPublicKey?: string;
}

interface SubscriberState {
	ecdh: ECDH;
	auth: string;
	queued: FakeAnswer[];
	expired?: number;
	attempts: number;
}

const MAX_BODY = 4096;

export class FakePushService {
	readonly received: ReceivedPush[] = [];
	/** Requests refused because they broke the protocol (bad token, undecryptable body…). */
	readonly rejected: { subscriberId: string; reason: string }[] = [];
	#inFlight = 0;
	#peakInFlight = 0;
	readonly #subscribers = new Map<string, SubscriberState>();
	#nextId = 1;

	private constructor(
		private readonly server: Server,
		readonly origin: string,
		/** The service's self-signed certificate, to trust in the sender's `https.Agent`. */
		readonly ca: string,
		private readonly options: FakePushServiceOptions
	) {}

	/** Makes a self-signed certificate with the openssl CLI and listens on 127.0.0.1. */
	static async start(options: FakePushServiceOptions = {}): Promise<FakePushService> {
		const dir = mkdtempSync(join(tmpdir(), 'homeplay-fake-push-'));
		try {
			execFileSync(
				'openssl',
				[
					'req',
					'-x509',
					'-newkey',
					'ec',
					'-pkeyopt',
					'ec_paramgen_curve:prime256v1',
					'-nodes',
					'-keyout',
					join(dir, 'key.pem'),
					'-out',
					join(dir, 'cert.pem'),
					'-days',
					'2',
					'-subj',
					'/CN=127.0.0.1',
					'-addext',
					'subjectAltName=IP:127.0.0.1,DNS:localhost'
				],
				{ stdio: 'pipe' }
			);
			const key = readFileSync(join(dir, 'key.pem'), 'utf8');
			const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
			const server = createServer({ key, cert });
			server.keepAliveTimeout = 30_000;
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			const { port } = server.address() as AddressInfo;
			const service = new FakePushService(server, `https://127.0.0.1:${port}`, cert, options);
			server.on('request', (request: IncomingMessage, response: ServerResponse) =>
				service.handle(request, response)
			);
			return service;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/** A new browser-side subscription: an ECDH P-256 key pair and a 16-byte auth secret. */
	subscriber(): FakeSubscriber {
		const id = `s${this.#nextId++}-${randomBytes(6).toString('hex')}`;
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const auth = randomBytes(16).toString('base64url');
		this.#subscribers.set(id, { ecdh, auth, queued: [], attempts: 0 });
		return {
			id,
			endpoint: `${this.origin}/push/${id}`,
			keys: { p256dh: ecdh.getPublicKey('base64url'), auth }
		};
	}

	/** The next requests for `subscriberId` get these answers, in order; then 201 again. */
	answerNext(subscriberId: string, ...answers: FakeAnswer[]): void {
		this.#state(subscriberId).queued.push(...answers);
	}

	/** From now on every request for `subscriberId` gets `status` (404 or 410: unsubscribed). */
	expire(subscriberId: string, status: 404 | 410): void {
		this.#state(subscriberId).expired = status;
	}

	/** Requests made for `subscriberId`, accepted or not. */
	attempts(subscriberId: string): number {
		return this.#state(subscriberId).attempts;
	}

	/** Pushes accepted for `subscriberId`. */
	receivedFor(subscriberId: string): ReceivedPush[] {
		return this.received.filter((push) => push.subscriberId === subscriberId);
	}

	get peakInFlight(): number {
		return this.#peakInFlight;
	}

	/** Resolves once `condition` holds, polling every 10 ms; rejects after `timeoutMs`. */
	async waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > deadline) throw new Error('FakePushService.waitFor timed out');
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	#state(subscriberId: string): SubscriberState {
		const state = this.#subscribers.get(subscriberId);
		if (!state) throw new Error(`unknown subscriber ${subscriberId}`);
		return state;
	}

	private handle(request: IncomingMessage, response: ServerResponse): void {
		this.#inFlight++;
		this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		request.on('end', () => {
			const { status, headers, delayMs } = this.#answer(request, Buffer.concat(chunks), size);
			setTimeout(() => {
				response.writeHead(status, headers).end();
				this.#inFlight--;
			}, delayMs ?? 0);
		});
	}

	#answer(
		request: IncomingMessage,
		body: Buffer,
		size: number
	): { status: number; headers?: Record<string, string>; delayMs?: number } {
		const match = /^\/push\/([\w-]+)$/.exec(request.url ?? '');
		const state = match ? this.#subscribers.get(match[1]) : undefined;
		if (request.method !== 'POST' || !match || !state) return { status: 404 };
		const subscriberId = match[1];
		state.attempts++;
		if (state.expired) return { status: state.expired };
		const refuse = (status: number, reason: string) => {
			this.rejected.push({ subscriberId, reason });
			return { status };
		};
		if (size > MAX_BODY) return refuse(413, 'payload larger than 4096 bytes');
		const ttl = Number(request.headers.ttl);
		if (!Number.isInteger(ttl) || ttl < 0) return refuse(400, 'missing or bad TTL header');
		if (request.headers['content-encoding'] !== 'aes128gcm') {
			return refuse(415, `content-encoding ${request.headers['content-encoding']}`);
		}
		const tokenProblem = this.#vapidProblem(request.headers.authorization);
		if (tokenProblem) return refuse(403, tokenProblem);
		let payload: unknown;
		try {
			const plain = ece.decrypt(body, {
				version: 'aes128gcm',
				privateKey: state.ecdh,
				authSecret: state.auth
			});
			payload = JSON.parse(plain.toString('utf8'));
		} catch (error) {
			return refuse(400, `cannot decrypt: ${(error as Error).message}`);
		}
		const answer = state.queued.shift() ?? { status: 201 };
		const headers: Record<string, string> = {};
		if (answer.retryAfter) headers['retry-after'] = answer.retryAfter;
		if (answer.status >= 200 && answer.status < 300) {
			this.received.push({ subscriberId, payload, ttl, receivedAt: Date.now() });
			headers.location = `${this.origin}/message/${this.received.length}`;
		}
		return { status: answer.status, headers, delayMs: answer.delayMs };
	}

	/** What is wrong with a `vapid t=<jwt>, k=<key>` header, if anything. */
	#vapidProblem(header: string | undefined): string | undefined {
		const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
		if (!match) return 'no VAPID authorization';
		const [, token, key] = match;
		const publicKey = Buffer.from(key, 'base64url');
		if (publicKey.length !== 65 || publicKey[0] !== 4) return 'k is not a P-256 public key';
		if (this.options.vapidPublicKey && key !== this.options.vapidPublicKey) {
			return 'k is not the expected VAPID key';
		}
		const [headerPart, claimsPart, signaturePart] = token.split('.');
		const jwtHeader = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as {
			alg?: string;
		};
		if (jwtHeader.alg !== 'ES256') return `JWT alg ${jwtHeader.alg}`;
		const verifier = createPublicKey({
			key: {
				kty: 'EC',
				crv: 'P-256',
				x: publicKey.subarray(1, 33).toString('base64url'),
				y: publicKey.subarray(33).toString('base64url')
			},
			format: 'jwk'
		});
		const signed = verify(
			'sha256',
			Buffer.from(`${headerPart}.${claimsPart}`),
			{ key: verifier, dsaEncoding: 'ieee-p1363' },
			Buffer.from(signaturePart, 'base64url')
		);
		if (!signed) return 'JWT signature does not verify with k';
		const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString()) as {
			aud?: string;
			exp?: number;
			sub?: string;
		};
		const nowS = Date.now() / 1000;
		if (claims.aud !== this.origin) return `JWT aud ${claims.aud} is not ${this.origin}`;
		if (typeof claims.exp !== 'number' || claims.exp <= nowS) return 'JWT expired';
		if (claims.exp > nowS + 24 * 3600) return 'JWT exp more than 24 h ahead';
		if (!/^(mailto:|https:)/.test(claims.sub ?? '')) return 'JWT sub is not mailto: or https:';
		return undefined;
	}
}

/** Messages the benchmark sends to a fake push service in a child process. */
export type IpcRequest =
	{ type: 'subscribers'; count: number } | { type: 'stats' } | { type: 'close' };

export interface IpcStats {
	received: number;
	rejected: number;
	firstReceivedAt: number;
	lastReceivedAt: number;
	peakInFlight: number;
	reasons: string[];
}

/**
 * Runs a fake push service in this (child) process, driven over IPC: announces
 * `{ origin, ca }`, then answers each request message with one reply.
 */
export async function serveOverIpc(options: FakePushServiceOptions = {}): Promise<void> {
	const service = await FakePushService.start(options);
	const send = (message: unknown) => process.send?.(message);
	send({ type: 'ready', origin: service.origin, ca: service.ca });
	process.on('message', (message: IpcRequest) => {
		if (message.type === 'subscribers') {
			send(Array.from({ length: message.count }, () => service.subscriber()));
		} else if (message.type === 'stats') {
			const times = service.received.map((push) => push.receivedAt);
			const stats: IpcStats = {
				received: service.received.length,
				rejected: service.rejected.length,
				firstReceivedAt: times.reduce((a, b) => Math.min(a, b), Infinity),
				lastReceivedAt: times.reduce((a, b) => Math.max(a, b), -Infinity),
				peakInFlight: service.peakInFlight,
				reasons: [...new Set(service.rejected.map((r) => r.reason))].slice(0, 5)
			};
			send(stats);
		} else {
			void service.close().then(() => process.exit(0));
		}
	});
}
