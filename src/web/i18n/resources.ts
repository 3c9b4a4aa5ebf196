/**
 * The messages of all four languages. Imported only by the root loader (server side): each page
 * sends the browser the messages of its own language in the loader data, not all four in the
 * JavaScript bundle.
 */
import type { Language } from '../lib/language';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import type { Messages } from './messages';
import { nl } from './nl';

export const MESSAGES: Record<Language, Messages> = { nl, fr, de, en };
