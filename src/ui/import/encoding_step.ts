/**
 * The text-encoding step: what the services read the text as and why (the
 * .cpg, or the guess from the DBF bytes with its confidence), sample values
 * decoded in each candidate encoding, and the switch. Switching re-decodes
 * the preview at once and is passed on to the import.
 */
import type { SourceEncodingInfo } from '../../core/api/contract.js';
import { clear, element } from '../util/dom.js';
import { text } from '../i18n/messages.js';

const ENCODINGS = ['', 'UTF-8', 'GBK', 'GB18030'];

export interface EncodingStep {
  node: HTMLElement;
  select: HTMLSelectElement;
  show(info: SourceEncodingInfo | null): void;
  render(): void;
  /** The encoding chosen by hand, or '' for the services' own choice. */
  chosen(): string;
}

/** The TextDecoder label the preview decodes with, for a choice and what the services read. */
export function decoderLabel(chosen: string, info: SourceEncodingInfo | null, cpg: string | null): string {
  const pick = chosen || (info?.origin === 'cpg' || info === null ? cpg ?? '' : info.guessed ?? '') || 'UTF-8';
  return pick.toLowerCase();
}

export function createEncodingStep(onChange: () => void): EncodingStep {
  const label = element('label', { className: 'field-label-block', attributes: { for: 'import-encoding' } });
  const select = element('select', { className: 'text-input', testId: 'import-encoding', attributes: { id: 'import-encoding' } });
  const guess = element('div', { className: 'encoding-guess', testId: 'import-encoding-guess' });
  const samplesTitle = element('div', { className: 'dialog-hint' });
  const samples = element('ul', { className: 'encoding-samples', testId: 'import-encoding-samples' });
  let current: SourceEncodingInfo | null = null;
  select.addEventListener('change', onChange);

  const render = () => {
    label.textContent = text('importEncoding');
    const chosen = select.value;
    clear(select);
    for (const encoding of ENCODINGS) select.append(element('option', { text: encoding || text('importEncodingAuto'), attributes: { value: encoding } }));
    select.value = chosen;
    samplesTitle.textContent = text('importEncodingSamples');
    clear(guess);
    clear(samples);
    const info = current;
    samplesTitle.hidden = !info || info.candidates.length === 0 || info.nonAsciiValues === 0;
    if (!info) return;
    const how = info.origin === 'cpg' ? text('importEncodingByCpg') : info.origin === 'detected' ? text('importEncodingDetected') : info.readAs;
    guess.append(
      element('strong', { text: `${text('importEncodingGuess')}: ${info.origin === 'cpg' ? info.readAs.replace(/ \(\.cpg\)$/, '') : info.guessed ?? info.readAs}` }),
      element('span', { text: `  (${how}${info.confidence !== null && info.origin === 'detected' ? `, ${Math.round(info.confidence * 100)}%` : ''})` }),
    );
    if (info.warning) guess.append(element('div', { className: 'result-error', text: info.warning }));
    if (info.nonAsciiValues === 0) return;
    for (const candidate of info.candidates) {
      samples.append(element('li', { attributes: { 'data-encoding': candidate.encoding } }, [
        element('strong', { text: `${candidate.encoding}${candidate.fits ? ' ✓' : ' ✗'}  ` }),
        element('span', { text: candidate.samples.join(' · ') }),
      ]));
    }
  };

  return {
    node: element('div', { className: 'encoding-step', testId: 'import-encoding-step' }, [label, select, guess, samplesTitle, samples]),
    select,
    show(info) {
      current = info;
      render();
    },
    render,
    chosen: () => select.value,
  };
}
