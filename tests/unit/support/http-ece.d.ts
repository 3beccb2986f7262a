// http_ece ships no types; only what the fake push service uses.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';

	interface EceParams {
		version?: 'aes128gcm' | 'aesgcm' | 'aesgcm128';
		/** The receiver's key pair (decrypt) or the sender's (encrypt). */
		privateKey?: ECDH;
		/** The 16-byte authentication secret, base64url or bytes. */
		authSecret?: string | Buffer;
		dh?: string | Buffer;
		keyid?: string | Buffer;
		salt?: string | Buffer;
		rs?: number;
	}

	const ece: {
		decrypt(buffer: Buffer, params: EceParams): Buffer;
		encrypt(buffer: Buffer, params: EceParams): Buffer;
	};
	export = ece;
}
