import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

/** `npm run bench`, part one: figures that need no browser (sizes, codec and search timings). */
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['tests/bench/**/*.bench.ts'],
		disableConsoleIntercept: true,
		testTimeout: 120_000
	}
});
