/**
 * Where loaders and actions get their API client: on the server from the load context that the
 * Fastify adapter gives (in-process requests), in the browser from `fetch`.
 */
import type { AppLoadContext } from 'react-router';
import { type ApiClient, type ApiFetch, createApiClient } from './api-client';
import { documentLanguage, type Language, languageOfRequest } from './language';

declare module 'react-router' {
  interface AppLoadContext {
    /**
     * Calls the JSON API of the same process (Fastify inject), as a Fetch API request, as the
     * page's caller: with the page request's session cookie (only that one) and address.
     */
    apiFetch: ApiFetch;
    /** The same without any session: for what is the same for everyone (reference data), kept across requests. */
    publicApiFetch: ApiFetch;
    /** This page response's CSP nonce (fresh per request): for the inline scripts React Router writes. */
    nonce: string;
  }
}

export function serverApi(context: AppLoadContext, request: Request): { api: ApiClient; language: Language } {
  const language = languageOfRequest(request);
  return { api: createApiClient(context.apiFetch, language, context.publicApiFetch), language };
}

const browserClients = new Map<Language, ApiClient>();

/** The browser's client; reference data is fetched once per language and page load. */
export function browserApi(): { api: ApiClient; language: Language } {
  const language = documentLanguage();
  let api = browserClients.get(language);
  if (!api) {
    api = createApiClient((path, init) => fetch(path, { ...init, credentials: 'same-origin' }), language);
    browserClients.set(language, api);
  }
  return { api, language };
}
