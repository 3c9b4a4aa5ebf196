import { createContext, useContext } from 'react';

/**
 * The CSP nonce of the page being rendered on the server (entry.server.tsx provides it from the
 * load context). In the browser there is none: the inline scripts ran before hydration, and the
 * browser hides the attribute anyway. Never put it in loader data.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
