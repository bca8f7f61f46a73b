/**
 * The display language: Chinese first, English on request. The choice is kept
 * in localStorage so that it survives a restart of the app, and panels
 * re-render through `onLanguageChange` instead of reloading the page (which
 * would lose the map position and the identify result).
 */
import type { LocalizedText } from '../../core/api/geo_types.js';

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'citygrid.language';
const listeners = new Set<(language: Language) => void>();

let current: Language = readStoredLanguage();

function readStoredLanguage(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage can be disabled (privacy settings); Chinese is the default then.
    return 'zh';
  }
}

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted, but the session still switches.
  }
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener(language);
}

export function toggleLanguage(): void {
  setLanguage(current === 'zh' ? 'en' : 'zh');
}

/** Subscribes to language switches; returns the unsubscribe function. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The text in the current language, falling back to Chinese when a translation is empty. */
export function localize(text: LocalizedText): string {
  return (current === 'en' ? text.en : text.zh) || text.zh;
}
