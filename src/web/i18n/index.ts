/**
 * i18next for the web: one instance per language, made synchronously from bundled resources, so
 * the server renders and the browser hydrates with the same texts and no loading step.
 */
import i18next, { type i18n } from 'i18next';
import type { Language } from '../lib/language';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';

export const resources = {
  nl: { translation: nl },
  fr: { translation: fr },
  de: { translation: de },
  en: { translation: en },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}

const instances = new Map<Language, i18n>();

/** The i18next instance of a language (created once per process and language). */
export function i18nFor(language: Language): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: false,
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(language, instance);
  }
  return instance;
}
