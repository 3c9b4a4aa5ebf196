/**
 * Where to go after signing in (`returnTo`) or switching language (`back`): a path of this site,
 * never another site. Anything else becomes the fallback.
 *
 * Refused: absolute URLs (`https://evil.example`), scheme-relative ones (`//evil.example`),
 * backslashes (`/\evil.example`, which browsers read as `//`), and control characters or
 * whitespace (browsers drop a tab or newline, so `/\t/evil.example` would become `//evil.example`).
 * What passes is parsed as a URL on a dummy origin and must stay on it; the path, query and
 * fragment are given back as parsed.
 */
export function safeReturnTo(value: string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u0020\u007f-\u009f]/.test(value)) return fallback;
  const base = 'http://return-to.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
