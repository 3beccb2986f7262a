import { test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from '../../e2e/browser';
import { report } from '../measure';

/**
 * Lighthouse (mobile, its default: a mid-range phone on slow 4G) on the first screen, against
 * the same `node build` server; budgets: performance ≥ 95, accessibility 100, best practices 100.
 */
test('Lighthouse on /', async ({ baseURL }, testInfo) => {
	test.setTimeout(240_000);
	const chrome = chromiumLaunchOptions();
	const rows = [];
	for (let run = 1; run <= 3; run++) {
		const out = testInfo.outputPath(`lighthouse-${run}.json`);
		execFileSync(
			process.execPath,
			[
				'node_modules/lighthouse/cli/index.js',
				`${baseURL}/`,
				'--only-categories=performance,accessibility,best-practices',
				'--output=json',
				`--output-path=${out}`,
				'--quiet',
				`--chrome-flags=--headless=new ${(chrome.args ?? []).join(' ')}`
			],
			{
				env: {
					...process.env,
					...(chrome.executablePath ? { CHROME_PATH: chrome.executablePath } : {})
				},
				stdio: 'ignore'
			}
		);
		const result = JSON.parse(readFileSync(out, 'utf8'));
		const score = (id: string) => Math.round(result.categories[id].score * 100);
		rows.push({
			run,
			performance: score('performance'),
			accessibility: score('accessibility'),
			'best practices': score('best-practices'),
			LCP: result.audits['largest-contentful-paint'].displayValue,
			TBT: result.audits['total-blocking-time'].displayValue
		});
	}
	report('Lighthouse, mobile, on / (budgets: 95 / 100 / 100)', rows);
});
