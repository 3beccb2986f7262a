/**
 * Read-aloud for kid mode: speaks a card's label in the UI language with an on-device voice
 * where there is one. Where speech is not available nothing happens, and everything else works.
 */
export const canSpeak = () => typeof globalThis.speechSynthesis !== 'undefined';

export function speak(text: string, lang: string) {
	if (!canSpeak() || !text) return;
	const synth = globalThis.speechSynthesis;
	synth.cancel();
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = lang;
	utterance.rate = 0.9;
	const voices = synth
		.getVoices()
		.filter((v) => v.lang.toLowerCase().startsWith(lang.toLowerCase()));
	utterance.voice = voices.find((v) => v.localService) ?? voices[0] ?? null;
	synth.speak(utterance);
}
