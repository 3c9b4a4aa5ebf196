/** Every route path of the web app, in one place. */
export const paths = {
  home: () => '/',
  register: (query?: string) => (query ? `/obstacles?${query}` : '/obstacles'),
  newObstacle: () => '/obstacles/new',
  obstacle: (reference: string) => `/obstacles/${encodeURIComponent(reference)}`,
  editObstacle: (reference: string) => `/obstacles/${encodeURIComponent(reference)}/edit`,
  language: (to: string, back: string) => `/language?${new URLSearchParams({ to, back }).toString()}`,
};
