/**
 * Progress for the terminal: a redrawn bar on a TTY, a line every 10% in a
 * log. Ctrl-C cancels the running job cleanly; a second Ctrl-C exits at once.
 */
import type { LocalizedText } from '../../core/api/geo_types.js';
import type { Feedback } from '../../core/jobs/feedback.js';

export interface CliFeedback extends Feedback {
  done(): void;
}

export function createCliFeedback(quiet: boolean, language: keyof LocalizedText): CliFeedback {
  let canceled = false;
  let lastDecile = -1;
  const isTty = process.stderr.isTTY === true;
  const onInterrupt = (): void => {
    if (canceled) process.exit(130);
    canceled = true;
    process.stderr.write('\n取消中… / canceling… (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onInterrupt);
  return {
    reportProgress(fraction: number, message: LocalizedText) {
      if (quiet) return;
      const percent = Math.round(fraction * 100);
      if (isTty) {
        const filled = Math.round(fraction * 30);
        process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${String(percent).padStart(3)}% ${message[language]}`.padEnd(100).slice(0, 100));
      } else if (Math.floor(percent / 10) !== lastDecile) {
        lastDecile = Math.floor(percent / 10);
        process.stderr.write(`${String(percent).padStart(3)}% ${message[language]}\n`);
      }
    },
    get canceled() { return canceled; },
    done() {
      process.off('SIGINT', onInterrupt);
      if (isTty && !quiet) process.stderr.write('\n');
    },
  };
}
