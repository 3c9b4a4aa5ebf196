/**
 * i18next for the web: one instance per language, made synchronously from the messages the root
 * loader gives, so the server renders and the browser hydrates with the same texts.
 */
import i18next, { type i18n } from 'i18next';
import type { Language } from '../lib/language';
import type { Messages } from './messages';
import type { nl } from './nl';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}

const instances = new Map<Language, i18n>();

/** The i18next instance of a language (created once per process, or per page load in the browser). */
export function i18nFor(language: Language, messages: Messages): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: false,
      resources: { [language]: { translation: messages } },
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(language, instance);
  }
  return instance;
}
