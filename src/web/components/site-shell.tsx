import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link, NavLink, useLocation } from 'react-router';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../lib/language';
import { paths } from '../lib/paths';
import { useSession } from '../lib/session';
import { CsrfField } from './csrf-field';

/** Signed in: the user's name (to the account page) and a sign-out button (a POST form); else a sign-in link. */
function AccountMenu({ back }: { back: string }) {
  const { t } = useTranslation();
  const { user, unread } = useSession();
  const onSignIn = back.startsWith(paths.signIn());
  return (
    <nav className="schakel-account" aria-label={t('app.accountNav')}>
      {user ? (
        <ul>
          <li>
            <Link to={paths.inbox()} id="site-inbox">
              {t('inbox.nav')}
              {unread ? (
                <>
                  {' '}
                  <span className="schakel-badge">{unread}</span>
                  <span className="schakel-visually-hidden"> {t('inbox.unreadCount', { count: unread })}</span>
                </>
              ) : null}
            </Link>
          </li>
          <li>
            <Link to={paths.account()} aria-label={t('app.signedInAs', { name: user.name })}>
              {user.name}
            </Link>
          </li>
          <li>
            <Form method="post" action={paths.signOut()} className="schakel-inline-form">
              <CsrfField />
              <button type="submit" className="schakel-link-button">
                {t('app.signOut')}
              </button>
            </Form>
          </li>
        </ul>
      ) : (
        <ul>
          <li>
            <Link to={onSignIn ? back : paths.signIn(back)}>{t('app.signIn')}</Link>
          </li>
        </ul>
      )}
    </nav>
  );
}

/** The frame of every page: skip link, header with the menu and the language switcher, main, footer. */
export function SiteShell({ language, children }: { language: Language; children: ReactNode }) {
  const { t } = useTranslation();
  const { abilities, user } = useSession();
  const location = useLocation();
  const back = `${location.pathname}${location.search}`;
  // After a client-side move to another page, the focus goes to the content, as after a page load
  // (not when only the query changes: a ticked filter keeps the focus where it is).
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      {/* Utrecht's skip-link classes on a bare link: the component wraps it in a <p> with margins. */}
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="schakel-header">
        <div className="schakel-header__inner">
          <a className="schakel-logo" href={paths.home()}>
            <span className="schakel-logo__name">{t('app.name')}</span>
            <span className="schakel-logo__tagline">{t('app.tagline')}</span>
          </a>
          <nav className="schakel-language" aria-label={t('app.languageNav')}>
            <ul>
              {LANGUAGES.map((code) => (
                <li key={code}>
                  {code === language ? (
                    <a
                      href={paths.language(code, back)}
                      lang={code}
                      hrefLang={code}
                      aria-current="true"
                      aria-label={t('app.languageCurrent', { language: LANGUAGE_NAMES[code] })}
                    >
                      {LANGUAGE_NAMES[code]}
                    </a>
                  ) : (
                    <a href={paths.language(code, back)} lang={code} hrefLang={code}>
                      {LANGUAGE_NAMES[code]}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <AccountMenu back={back} />
        </div>
        <nav className="schakel-nav" aria-label={t('app.mainNav')}>
          <ul>
            <li>
              <NavLink to={paths.home()} end>
                {t('app.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to={paths.register()} end>
                {t('app.register')}
              </NavLink>
            </li>
            <li>
              <NavLink to={paths.decisions()}>{t('governance.navDecisions')}</NavLink>
            </li>
            {user ? (
              <li>
                <NavLink to={paths.meetings()}>{t('governance.navMeetings')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to={paths.monitoring()}>{t('monitoring.nav')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to={paths.dashboard()}>{t('app.dashboard')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('create_obstacle') ? (
              <li>
                <NavLink to={paths.newObstacle()}>{t('app.report')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('work_intake') ? (
              <li>
                <NavLink to={paths.intake()}>{t('app.intake')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('read_escalations') ? (
              <li>
                <NavLink to={paths.escalations()}>{t('monitoring.escalation.nav')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('read_my_obstacles') ? (
              <li>
                <NavLink to={paths.myObstacles()}>{t('myObstacles.nav')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('read_state_of_play') ? (
              <li>
                <NavLink to={paths.stateOfPlay()}>{t('stateOfPlay.nav')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('read_routing_alerts') ? (
              <li>
                <NavLink to={paths.routingAlerts()}>{t('routing.navAlerts')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('manage_selection') || abilities.includes('score_selection') ? (
              <li>
                <NavLink to={paths.selectionRounds()}>{t('rounds.nav')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('manage_competences') ? (
              <li>
                <NavLink to={paths.competences()}>{t('competences.nav')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('manage_norms') ? (
              <li>
                <NavLink to={paths.norms()}>{t('schedule.navNorms')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('manage_users') ? (
              <li>
                <NavLink to={paths.users()}>{t('app.users')}</NavLink>
              </li>
            ) : null}
            {abilities.includes('manage_organisations') ? (
              <li>
                <NavLink to={paths.organisations()}>{t('app.organisations')}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} className="schakel-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="schakel-footer">
        <p>{t('app.footer')}</p>
        <p>
          <Link className="utrecht-link" to={paths.calendars()}>
            {t('schedule.navCalendars')}
          </Link>
        </p>
      </footer>
    </>
  );
}
