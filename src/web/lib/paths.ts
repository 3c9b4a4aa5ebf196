/** Every route path of the web app, in one place. */
export const paths = {
  home: () => '/',
  register: (query?: string) => (query ? `/obstacles?${query}` : '/obstacles'),
  newObstacle: () => '/obstacles/new',
  obstacle: (reference: string) => `/obstacles/${encodeURIComponent(reference)}`,
  editObstacle: (reference: string) => `/obstacles/${encodeURIComponent(reference)}/edit`,
  /** The analysis (the six parts of the expert report), for those who may edit the obstacle. */
  analysis: (reference: string) => `/obstacles/${encodeURIComponent(reference)}/analysis`,
  /** The secretariat's intake queue: reported obstacles and those in intake, by their clarification date. */
  intake: (query?: string) => (query ? `/intake?${query}` : '/intake'),
  /** The monitoring dashboard of a signed-in user; `query`: its filter. */
  dashboard: (query?: string) => (query ? `/dashboard?${query}` : '/dashboard'),
  language: (to: string, back: string) => `/language?${new URLSearchParams({ to, back }).toString()}`,
  /** Sign in, then back to `returnTo` (a path of this site; see return-to.ts). */
  signIn: (returnTo?: string) =>
    returnTo && returnTo !== '/' ? `/sign-in?${new URLSearchParams({ returnTo }).toString()}` : '/sign-in',
  signOut: () => '/sign-out',
  account: () => '/account',
  /** My notifications (`unread`: only the unread ones). */
  inbox: (query?: string) => (query ? `/inbox?${query}` : '/inbox'),
  /** The one-time link to set a password (invite or reset). */
  setPassword: (token: string) => `/password/${encodeURIComponent(token)}`,
  users: (query?: string) => (query ? `/admin/users?${query}` : '/admin/users'),
  organisations: () => '/admin/organisations',
  organisation: (key: string) => `/admin/organisations/${encodeURIComponent(key)}`,
  decisions: () => '/decisions',
  decision: (id: string) => `/decisions/${encodeURIComponent(id)}`,
  meetings: () => '/meetings',
  meeting: (id: string) => `/meetings/${encodeURIComponent(id)}`,
  /** Record a decision on an obstacle; from a meeting's agenda with `meeting`. */
  recordDecision: (reference: string, meeting?: string) =>
    `/obstacles/${encodeURIComponent(reference)}/decision${meeting ? `?${new URLSearchParams({ meeting }).toString()}` : ''}`,
  governingBodies: () => '/governing-bodies',
  /** The selection rounds (secretariat, decision makers, partners of a round). */
  selectionRounds: () => '/selection-rounds',
  selectionRound: (id: string) => `/selection-rounds/${encodeURIComponent(id)}`,
  /** Two finished solutions of a round side by side (what-if); `a` and `b` are solution ids. */
  selectionCompare: (id: string, a?: string, b?: string) =>
    `/selection-rounds/${encodeURIComponent(id)}/compare${a && b ? `?${new URLSearchParams({ a, b }).toString()}` : ''}`,
  /** The report of a round: set-up, scores, portfolio, explanations, amendments. */
  selectionReport: (id: string) => `/selection-rounds/${encodeURIComponent(id)}/report`,
  /** A solution of a round: the proposed portfolio with its explanations. */
  selectionSolution: (id: string, sid: string) =>
    `/selection-rounds/${encodeURIComponent(id)}/solutions/${encodeURIComponent(sid)}`,
  /** The scoring grid of a round (the caller's organisation, or `organisation` for the secretariat). */
  selectionRoundScores: (id: string, organisation?: string) =>
    `/selection-rounds/${encodeURIComponent(id)}/scores${organisation ? `?${new URLSearchParams({ organisation }).toString()}` : ''}`,
  /** What is routed to the caller's department (department users). */
  myObstacles: () => '/my/obstacles',
  /** The competence matrix (the secretariat) and one cell of it. */
  competences: () => '/admin/competences',
  competence: (theme: string, government: string) =>
    `/admin/competences/${encodeURIComponent(theme)}/${encodeURIComponent(government)}`,
  /** The norm durations per phase (the secretariat). */
  norms: () => '/admin/norms',
  /** The working-day calendars and their public holidays (public). */
  calendars: (query?: string) => (query ? `/calendars?${query}` : '/calendars'),
  governingBody: (key: string) => `/governing-bodies/${encodeURIComponent(key)}`,
  /** Route a selected obstacle, or add departments to a routed one (the secretariat). */
  routeObstacle: (reference: string) => `/obstacles/${encodeURIComponent(reference)}/routing`,
  /** A routed department accepts or declines its part. */
  acknowledgeRouting: (reference: string, organisation: string) =>
    `/obstacles/${encodeURIComponent(reference)}/routings/${encodeURIComponent(organisation)}`,
  /** The secretariat's routing alerts: governments of routed obstacles where nobody accepted. */
  routingAlerts: () => '/routing/alerts',
  /** Add an action or milestone to an obstacle. */
  newAction: (reference: string) => `/obstacles/${encodeURIComponent(reference)}/actions/new`,
  editAction: (id: string) => `/actions/${encodeURIComponent(id)}/edit`,
  /** The overdue and stale actions (`list=stale`), with filters. */
  monitoring: (query?: string) => (query ? `/monitoring?${query}` : '/monitoring'),
  /** The half-yearly state-of-play rounds (the secretariat; department users: theirs). */
  stateOfPlay: () => '/state-of-play',
  /** One round: progress per department, and a department's answer forms; `query`: a notice. */
  stateOfPlayRound: (id: string, query?: string) => `/state-of-play/${encodeURIComponent(id)}${query ? `?${query}` : ''}`,
  /** The overview of a closed round, with its .docx. */
  stateOfPlayOverview: (id: string) => `/state-of-play/${encodeURIComponent(id)}/overview`,
  /** The escalated actions by level (`level=political`). */
  escalations: (query?: string) => (query ? `/escalations?${query}` : '/escalations'),
};
