/**
 * Why a backup could not be read or restored. `reason` picks the message the UI shows:
 *
 * - `not-a-backup`: the file is something else (it does not start with the backup signature).
 * - `newer-version`: made by a newer Homeplay (container format or database schema); update
 *   the app first.
 * - `truncated`: the file ends early (an interrupted download or copy).
 * - `corrupt`: the bytes were changed after export (a checksum or authentication tag fails,
 *   a length is impossible).
 * - `needs-passphrase`: the file is encrypted; ask for the passphrase and read it again.
 * - `wrong-passphrase`: the passphrase does not open this file.
 * - `invalid-data`: the file is intact but its content is not valid Homeplay data (a row of
 *   the wrong shape, a photo whose image is missing, counts that disagree).
 * - `quota`: the device has no room left to store the restored data.
 *
 * `message` carries a technical detail for logs; it is not meant for the family.
 */
export type BackupErrorReason =
	| 'not-a-backup'
	| 'newer-version'
	| 'truncated'
	| 'corrupt'
	| 'needs-passphrase'
	| 'wrong-passphrase'
	| 'invalid-data'
	| 'quota';

export class BackupError extends Error {
	constructor(
		readonly reason: BackupErrorReason,
		detail?: string,
		options?: { cause?: unknown }
	) {
		super(detail ? `${reason}: ${detail}` : reason, options);
		this.name = 'BackupError';
	}
}
