import { describe, expect, it } from 'vitest';
import { clock, Countdown, RepCounter } from '$lib/practice/countdown';

describe('countdown', () => {
	it('counts down by the clock, pauses and resumes, and never goes below zero', () => {
		const timer = new Countdown(60_000);
		expect(timer.fraction(0)).toBe(1);
		timer.start(1000);
		expect(timer.remaining(21_000)).toBe(40_000);
		timer.pause(21_000);
		expect(timer.remaining(99_000)).toBe(40_000);
		expect(timer.running).toBe(false);
		timer.start(100_000);
		expect(timer.fraction(120_000)).toBeCloseTo(1 / 3);
		expect(timer.finished(140_000)).toBe(true);
		expect(timer.remaining(500_000)).toBe(0);
		expect(timer.minutesSpent(500_000)).toBe(1);
		expect(new Countdown(600_000).minutesSpent(0)).toBe(0);
	});

	it('formats the time left', () => {
		expect(clock(600_000)).toBe('10:00');
		expect(clock(59_001)).toBe('1:00');
		expect(clock(1)).toBe('0:01');
		expect(clock(0)).toBe('0:00');
	});
});

describe('rep counter', () => {
	it('counts reps into sets, finishes, and can undo a tap', () => {
		const counter = new RepCounter(3, 2);
		counter.tap();
		counter.tap();
		expect([counter.rep, counter.set]).toEqual([2, 1]);
		counter.tap();
		expect([counter.rep, counter.set]).toEqual([0, 2]);
		counter.undo();
		expect([counter.rep, counter.set]).toEqual([2, 1]);
		counter.tap();
		counter.tap();
		counter.tap();
		counter.tap();
		expect(counter.finished).toBe(true);
		counter.tap();
		expect(counter.set).toBe(3);
	});
});
