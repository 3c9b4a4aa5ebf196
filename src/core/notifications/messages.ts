import type { EscalationLevel } from '../monitoring/escalation.js';
import { type Language, resolveText } from '../shared/language.js';
import type { MailKind, Notification, NotificationParams } from './notification.js';

interface Template {
  subject: string;
  body: string;
}

/**
 * The subject and body of each kind, per language. `{reference}`, `{title}`, `{dueDate}`,
 * `{organisation}`, `{days}`, `{action}`, `{level}` and `{body}` are filled in from the
 * notification's params (a missing one reads `—`). A part in `[[…]]` is left out as a whole when
 * a param it names is missing (the action of a reminder, the body of a political escalation).
 */
export const MESSAGES: Record<MailKind, Record<Language, Template>> = {
  routing_request: {
    nl: {
      subject: 'Schakel: obstakel {reference} is naar uw departement gerouteerd',
      body: 'Het obstakel {reference} "{title}" is gerouteerd naar {organisation}. Wilt u het bekijken en uw reactie geven vóór {dueDate}?',
    },
    fr: {
      subject: "Schakel : l'obstacle {reference} a été transmis à votre département",
      body: "L'obstacle {reference} « {title} » a été transmis à {organisation}. Merci de l'examiner et de répondre avant le {dueDate}.",
    },
    de: {
      subject: 'Schakel: Hindernis {reference} wurde an Ihr Ressort weitergeleitet',
      body: 'Das Hindernis {reference} „{title}“ wurde an {organisation} weitergeleitet. Bitte prüfen Sie es und antworten Sie vor dem {dueDate}.',
    },
    en: {
      subject: 'Schakel: obstacle {reference} has been routed to your department',
      body: 'The obstacle {reference} "{title}" has been routed to {organisation}. Please review it and respond before {dueDate}.',
    },
  },
  reminder_before_due: {
    nl: {
      subject: 'Schakel: herinnering, {reference} vervalt op {dueDate}',
      body: 'Voor het obstakel {reference} "{title}" wordt uw reactie verwacht vóór {dueDate} (nog {days} dagen).[[ Actie: "{action}".]]',
    },
    fr: {
      subject: 'Schakel : rappel, {reference} arrive à échéance le {dueDate}',
      body: "Votre réponse sur l'obstacle {reference} « {title} » est attendue avant le {dueDate} (encore {days} jours).[[ Action : « {action} ».]]",
    },
    de: {
      subject: 'Schakel: Erinnerung, {reference} ist am {dueDate} fällig',
      body: 'Ihre Antwort zum Hindernis {reference} „{title}“ wird bis zum {dueDate} erwartet (noch {days} Tage).[[ Maßnahme: „{action}“.]]',
    },
    en: {
      subject: 'Schakel: reminder, {reference} is due on {dueDate}',
      body: 'Your response on the obstacle {reference} "{title}" is expected before {dueDate} ({days} days left).[[ Action: "{action}".]]',
    },
  },
  reminder_overdue: {
    nl: {
      subject: 'Schakel: {reference} is over de termijn',
      body: 'De reactie op het obstakel {reference} "{title}" was verwacht op {dueDate} en is {days} dagen te laat.[[ Actie: "{action}".]]',
    },
    fr: {
      subject: 'Schakel : {reference} a dépassé son échéance',
      body: "La réponse sur l'obstacle {reference} « {title} » était attendue le {dueDate} et a {days} jours de retard.[[ Action : « {action} ».]]",
    },
    de: {
      subject: 'Schakel: {reference} ist überfällig',
      body: 'Die Antwort zum Hindernis {reference} „{title}“ war am {dueDate} fällig und ist {days} Tage überfällig.[[ Maßnahme: „{action}“.]]',
    },
    en: {
      subject: 'Schakel: {reference} is overdue',
      body: 'The response on the obstacle {reference} "{title}" was due on {dueDate} and is {days} days late.',
    },
  },
  escalation: {
    nl: {
      subject: 'Schakel: escalatie van {reference}[[ naar {level}]]',
      body: 'Het obstakel {reference} "{title}" is geëscaleerd: {organisation} heeft niet gereageerd vóór {dueDate}.[[ Actie "{action}" is nu op {level}.]][[ De actie is {days} werkdagen te laat.]][[ Het obstakel wordt voorgesteld voor de agenda van {body}.]]',
    },
    fr: {
      subject: 'Schakel : escalade de {reference}[[ au {level}]]',
      body: "L'obstacle {reference} « {title} » a été escaladé : {organisation} n'a pas répondu avant le {dueDate}.[[ L'action « {action} » est maintenant au {level}.]][[ L'action a {days} jours ouvrables de retard.]][[ L'obstacle est proposé pour l'ordre du jour de {body}.]]",
    },
    de: {
      subject: 'Schakel: Eskalation von {reference}[[ auf die {level}]]',
      body: 'Das Hindernis {reference} „{title}“ wurde eskaliert: {organisation} hat nicht vor dem {dueDate} geantwortet.[[ Die Maßnahme „{action}“ ist jetzt auf der {level}.]][[ Sie ist {days} Arbeitstage überfällig.]][[ Das Hindernis wird für die Tagesordnung von {body} vorgeschlagen.]]',
    },
    en: {
      subject: 'Schakel: escalation of {reference}[[ to the {level}]]',
      body: 'The obstacle {reference} "{title}" has been escalated: {organisation} did not respond before {dueDate}.[[ The action "{action}" is now at the {level}.]][[ It is {days} working days overdue.]][[ The obstacle is proposed for the agenda of {body}.]]',
    },
  },
  state_of_play_request: {
    nl: {
      subject: 'Schakel: stand van zaken gevraagd voor {reference}',
      body: 'Wilt u de stand van zaken van het obstakel {reference} "{title}" bijwerken vóór {dueDate}?',
    },
    fr: {
      subject: "Schakel : état d'avancement demandé pour {reference}",
      body: "Merci de mettre à jour l'état d'avancement de l'obstacle {reference} « {title} » avant le {dueDate}.",
    },
    de: {
      subject: 'Schakel: Sachstand erbeten für {reference}',
      body: 'Bitte aktualisieren Sie den Sachstand des Hindernisses {reference} „{title}“ bis zum {dueDate}.',
    },
    en: {
      subject: 'Schakel: state of play requested for {reference}',
      body: 'Please update the state of play of the obstacle {reference} "{title}" before {dueDate}.',
    },
  },
  state_of_play_reminder: {
    nl: {
      subject: 'Schakel: herinnering, stand van zaken van {reference}',
      body: 'De stand van zaken van het obstakel {reference} "{title}" wordt nog verwacht, uiterlijk {dueDate}.',
    },
    fr: {
      subject: "Schakel : rappel, état d'avancement de {reference}",
      body: "L'état d'avancement de l'obstacle {reference} « {title} » est toujours attendu, au plus tard le {dueDate}.",
    },
    de: {
      subject: 'Schakel: Erinnerung, Sachstand von {reference}',
      body: 'Der Sachstand des Hindernisses {reference} „{title}“ wird noch erwartet, spätestens am {dueDate}.',
    },
    en: {
      subject: 'Schakel: reminder, state of play of {reference}',
      body: 'The state of play of the obstacle {reference} "{title}" is still expected, by {dueDate} at the latest.',
    },
  },
  digest: {
    nl: {
      subject: 'Schakel: uw overzicht van vandaag ({days} ongelezen)',
      body: 'Ongelezen meldingen van het afgelopen etmaal:',
    },
    fr: {
      subject: 'Schakel : votre récapitulatif du jour ({days} non lues)',
      body: 'Notifications non lues des dernières 24 heures :',
    },
    de: {
      subject: 'Schakel: Ihre Tagesübersicht ({days} ungelesen)',
      body: 'Ungelesene Benachrichtigungen der letzten 24 Stunden:',
    },
    en: { subject: 'Schakel: your daily digest ({days} unread)', body: 'Unread notifications of the last day:' },
  },
};

/** The closing lines of every mail: where to read it, and where to change what one receives. */
const FOOTER: Record<Language, { open: string; preferences: string }> = {
  nl: { open: 'Openen in Schakel', preferences: 'Uw voorkeuren voor meldingen wijzigen' },
  fr: { open: 'Ouvrir dans Schakel', preferences: 'Modifier vos préférences de notification' },
  de: { open: 'In Schakel öffnen', preferences: 'Ihre Benachrichtigungseinstellungen ändern' },
  en: { open: 'Open in Schakel', preferences: 'Change your notification preferences' },
};

/** The levels of the escalation ladder as messages name them (core/monitoring/escalation.ts). */
export const LEVEL_NAMES: Record<Language, Record<EscalationLevel, string>> = {
  nl: { official: 'ambtelijk niveau', administrative: 'bestuurlijk niveau', political: 'politiek niveau' },
  fr: { official: 'niveau des services', administrative: 'niveau administratif', political: 'niveau politique' },
  de: { official: 'Arbeitsebene', administrative: 'Leitungsebene', political: 'politische Ebene' },
  en: { official: 'official level', administrative: 'administrative level', political: 'political level' },
};

function fill(template: string, params: NotificationParams, language: Language): string {
  const values: Record<string, string | undefined> = {
    reference: params.reference,
    // The recipient's language, else the first there is (nl, fr, de, en), else `title`.
    title: resolveText(params.titles, language)?.value ?? params.title,
    dueDate: params.dueDate,
    organisation: params.organisation,
    days: params.days === undefined ? undefined : String(params.days),
    action: resolveText(params.actionTitles, language)?.value,
    level: params.level === undefined ? undefined : LEVEL_NAMES[language][params.level],
    body: resolveText(params.bodyNames, language)?.value ?? params.body,
  };
  const present = (key: string) => values[key] !== undefined && values[key] !== '';
  return template
    .replace(/\[\[(.*?)\]\]/g, (_, part: string) =>
      [...part.matchAll(/\{(\w+)\}/g)].every((m) => present(m[1] ?? '')) ? part : '',
    )
    .replace(/\{(\w+)\}/g, (_, key: string) => (present(key) ? (values[key] as string) : '—'));
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

/** A notification's subject and body in a language (the inbox shows these, a mail sends them). */
export function renderNotification(notification: Pick<Notification, 'kind' | 'params'>, language: Language): RenderedMessage {
  const template = MESSAGES[notification.kind][language];
  return {
    subject: fill(template.subject, notification.params, language),
    body: fill(template.body, notification.params, language),
  };
}

/** Joins an app path to the public address: `https://schakel.example.eu` + `/inbox`. */
export function absoluteLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** The plain-text mail of one notification. */
export function notificationMail(
  notification: Pick<Notification, 'kind' | 'params' | 'link'>,
  language: Language,
  publicUrl: string,
): RenderedMessage {
  const { subject, body } = renderNotification(notification, language);
  const footer = FOOTER[language];
  return {
    subject,
    body: [
      body,
      '',
      `${footer.open}: ${absoluteLink(publicUrl, notification.link)}`,
      '',
      '--',
      `${footer.preferences}: ${absoluteLink(publicUrl, '/account')}`,
    ].join('\n'),
  };
}

/** The plain-text daily digest: the unread notifications, each with its subject and link. */
export function digestMail(
  notifications: readonly Pick<Notification, 'kind' | 'params' | 'link'>[],
  language: Language,
  publicUrl: string,
): RenderedMessage {
  const template = MESSAGES.digest[language];
  const footer = FOOTER[language];
  const lines = notifications.map((n) => `- ${renderNotification(n, language).subject}\n  ${absoluteLink(publicUrl, n.link)}`);
  return {
    subject: fill(template.subject, { days: notifications.length }, language),
    body: [
      template.body,
      '',
      ...lines,
      '',
      `${footer.open}: ${absoluteLink(publicUrl, '/inbox')}`,
      '',
      '--',
      `${footer.preferences}: ${absoluteLink(publicUrl, '/account')}`,
    ].join('\n'),
  };
}
