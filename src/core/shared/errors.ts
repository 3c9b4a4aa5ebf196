import type { Language } from './language.js';

/**
 * The one error catalogue of Schakel. Every error a caller can see has a stable code
 * (never renamed), an HTTP status, and a message in each language. The HTTP edge turns an
 * AppError into application/problem+json (RFC 9457); nothing else decides a status.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  obstacle_not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  version_conflict: 412,
  precondition_required: 428,
  reference_exhausted: 409,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  sign_in_throttled: 429,
  user_exists: 409,
  user_not_found: 404,
  user_disabled: 409,
  token_not_found: 404,
  link_invalid: 410,
  organisation_exists: 409,
  organisation_not_found: 404,
  transition_not_allowed: 409,
  analysis_incomplete: 409,
  governing_body_not_found: 404,
  governing_body_exists: 409,
  meeting_not_found: 404,
  decision_not_found: 404,
  norm_not_found: 404,
  competence_not_found: 404,
  routing_not_found: 404,
  acknowledgement_closed: 409,
  obstacle_not_routed: 409,
  calendar_not_found: 404,
  notification_not_found: 404,
  action_not_found: 404,
  state_of_play_round_not_found: 404,
  state_of_play_item_not_found: 404,
  state_of_play_round_open: 409,
  state_of_play_round_closed: 409,
  state_of_play_round_not_closed: 409,
  oidc_provider_unknown: 404,
  oidc_state_invalid: 400,
  oidc_failed: 502,
  oidc_unknown_user: 403,
  oidc_email_unverified: 403,
  oidc_user_disabled: 403,
  selection_round_not_found: 404,
  selection_solution_not_found: 404,
  selection_round_status: 409,
  selection_unscored: 409,
  selection_solution_status: 409,
  service_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Why one field was rejected. Stable codes; the message per language comes from FIELD_MESSAGES. */
export type FieldErrorCode =
  | 'required'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_format'
  | 'too_long'
  | 'too_short'
  | 'too_big'
  | 'too_small'
  | 'unknown_field'
  | 'unknown_key'
  | 'no_language'
  | 'duplicate'
  | 'common_password'
  | 'wrong_password'
  | 'invalid_target'
  | 'other_body'
  | 'lead_required'
  | 'one_of_required'
  | 'other_organisation'
  | 'wrong_government'
  | 'already_routed'
  | 'not_proposed'
  | 'not_a_candidate'
  | 'not_participating'
  | 'other_segment';

export interface FieldError {
  /** The field, as a dotted path into the request: `title.nl`, `themes.1`, `limit`. */
  name: string;
  code: FieldErrorCode;
  /** Values that the message interpolates, such as `max` or `allowed`. */
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly params: Record<string, string | number>;
  /** `transition_not_allowed`: the statuses the caller may move the obstacle to instead. */
  readonly allowed: string[] | undefined;

  constructor(
    code: ErrorCode,
    options: { fields?: FieldError[]; params?: Record<string, string | number>; allowed?: string[]; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields ?? [];
    this.params = options.params ?? {};
    this.allowed = options.allowed;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export function validationError(fields: FieldError[]): AppError {
  return new AppError('validation_failed', { fields });
}

type Messages<K extends string> = Record<K, Record<Language, string>>;

const MESSAGES: Messages<ErrorCode> = {
  notification_not_found: {
    nl: 'Er is geen melding {id} in uw inbox.',
    fr: "Il n'y a pas de notification {id} dans votre boîte de réception.",
    de: 'In Ihrem Posteingang gibt es keine Benachrichtigung {id}.',
    en: 'There is no notification {id} in your inbox.',
  },
  validation_failed: {
    nl: 'De invoer is niet geldig. Controleer de genoemde velden.',
    fr: 'Les données envoyées ne sont pas valides. Vérifiez les champs indiqués.',
    de: 'Die Eingabe ist ungültig. Bitte prüfen Sie die genannten Felder.',
    en: 'The input is not valid. Check the fields listed.',
  },
  invalid_json: {
    nl: 'De inhoud van het verzoek is geen geldige JSON.',
    fr: "Le corps de la requête n'est pas du JSON valide.",
    de: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
    en: 'The request body is not valid JSON.',
  },
  invalid_cursor: {
    nl: 'De cursor voor het volgende blad is ongeldig of verlopen. Begin opnieuw zonder cursor.',
    fr: 'Le curseur de pagination est invalide ou expiré. Recommencez sans curseur.',
    de: 'Der Cursor für die nächste Seite ist ungültig oder abgelaufen. Beginnen Sie ohne Cursor neu.',
    en: 'The paging cursor is invalid or expired. Start again without a cursor.',
  },
  unsupported_media_type: {
    nl: 'Stuur de inhoud als application/json.',
    fr: 'Envoyez le contenu en application/json.',
    de: 'Senden Sie den Inhalt als application/json.',
    en: 'Send the body as application/json.',
  },
  payload_too_large: {
    nl: 'Het verzoek is te groot (maximaal {max} bytes).',
    fr: 'La requête est trop volumineuse (maximum {max} octets).',
    de: 'Die Anfrage ist zu groß (höchstens {max} Bytes).',
    en: 'The request is too large (at most {max} bytes).',
  },
  not_found: {
    nl: 'Deze pagina of bron bestaat niet.',
    fr: "Cette page ou ressource n'existe pas.",
    de: 'Diese Seite oder Ressource gibt es nicht.',
    en: 'This page or resource does not exist.',
  },
  obstacle_not_found: {
    nl: 'Er is geen grensbelemmering met kenmerk {id}.',
    fr: "Il n'existe pas d'obstacle transfrontalier avec l'identifiant {id}.",
    de: 'Es gibt kein Grenzhindernis mit der Kennung {id}.',
    en: 'There is no obstacle with identifier {id}.',
  },
  method_not_allowed: {
    nl: 'Deze methode is niet toegestaan op deze bron.',
    fr: "Cette méthode n'est pas autorisée sur cette ressource.",
    de: 'Diese Methode ist für diese Ressource nicht erlaubt.',
    en: 'This method is not allowed on this resource.',
  },
  not_acceptable: {
    nl: 'Deze bron is alleen beschikbaar als JSON.',
    fr: "Cette ressource n'est disponible qu'en JSON.",
    de: 'Diese Ressource ist nur als JSON verfügbar.',
    en: 'This resource is only available as JSON.',
  },
  version_conflict: {
    nl: 'Iemand anders heeft dit intussen gewijzigd (nu versie {current}). Haal de nieuwste versie op en probeer opnieuw.',
    fr: "Quelqu'un d'autre l'a modifié entre-temps (version actuelle {current}). Rechargez la dernière version et réessayez.",
    de: 'Jemand anderes hat dies inzwischen geändert (jetzt Version {current}). Laden Sie die neueste Version und versuchen Sie es erneut.',
    en: 'Someone else changed this in the meantime (now version {current}). Fetch the latest version and try again.',
  },
  precondition_required: {
    nl: 'Stuur de header If-Match met de versie die u wijzigt, bijvoorbeeld If-Match: "3".',
    fr: 'Envoyez l\'en-tête If-Match avec la version que vous modifiez, par exemple If-Match: "3".',
    de: 'Senden Sie den Header If-Match mit der Version, die Sie ändern, zum Beispiel If-Match: "3".',
    en: 'Send the If-Match header with the version you are changing, for example If-Match: "3".',
  },
  reference_exhausted: {
    nl: 'Er kon geen nieuw kenmerk worden toegekend. Probeer het opnieuw.',
    fr: "Aucun nouvel identifiant n'a pu être attribué. Réessayez.",
    de: 'Es konnte keine neue Kennung vergeben werden. Versuchen Sie es erneut.',
    en: 'No new reference could be allocated. Try again.',
  },
  unauthenticated: {
    nl: 'Meld u aan om dit te doen.',
    fr: 'Connectez-vous pour effectuer cette action.',
    de: 'Melden Sie sich an, um dies zu tun.',
    en: 'Sign in to do this.',
  },
  invalid_credentials: {
    nl: 'Het e-mailadres of het wachtwoord klopt niet.',
    fr: "L'adresse e-mail ou le mot de passe est incorrect.",
    de: 'Die E-Mail-Adresse oder das Passwort ist falsch.',
    en: 'The e-mail address or the password is wrong.',
  },
  forbidden: {
    nl: 'U hebt geen toestemming om dit te doen.',
    fr: "Vous n'êtes pas autorisé à effectuer cette action.",
    de: 'Sie sind nicht berechtigt, dies zu tun.',
    en: 'You are not allowed to do this.',
  },
  csrf_failed: {
    nl: 'Het verzoek mist een geldige X-CSRF-Token-header. Haal die op met GET /api/v1/session en probeer opnieuw.',
    fr: "La requête n'a pas d'en-tête X-CSRF-Token valide. Obtenez-le avec GET /api/v1/session et réessayez.",
    de: 'Der Anfrage fehlt ein gültiger X-CSRF-Token-Header. Holen Sie ihn mit GET /api/v1/session und versuchen Sie es erneut.',
    en: 'The request lacks a valid X-CSRF-Token header. Get it from GET /api/v1/session and try again.',
  },
  sign_in_throttled: {
    nl: 'Te veel mislukte aanmeldpogingen. Probeer het over {seconds} seconden opnieuw.',
    fr: 'Trop de tentatives de connexion échouées. Réessayez dans {seconds} secondes.',
    de: 'Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in {seconds} Sekunden erneut.',
    en: 'Too many failed sign-in attempts. Try again in {seconds} seconds.',
  },
  user_exists: {
    nl: 'Er is al een gebruiker met e-mailadres {email}.',
    fr: "Il existe déjà un utilisateur avec l'adresse {email}.",
    de: 'Es gibt bereits einen Benutzer mit der E-Mail-Adresse {email}.',
    en: 'There is already a user with e-mail address {email}.',
  },
  user_not_found: {
    nl: 'Er is geen gebruiker {user}.',
    fr: "Il n'existe pas d'utilisateur {user}.",
    de: 'Es gibt keinen Benutzer {user}.',
    en: 'There is no user {user}.',
  },
  user_disabled: {
    nl: 'De gebruiker met e-mailadres {email} is uitgeschakeld.',
    fr: "L'utilisateur avec l'adresse {email} est désactivé.",
    de: 'Der Benutzer mit der E-Mail-Adresse {email} ist deaktiviert.',
    en: 'The user with e-mail address {email} is disabled.',
  },
  organisation_exists: {
    nl: 'Er is al een organisatie met sleutel {key}.',
    fr: 'Il existe déjà une organisation avec la clé {key}.',
    de: 'Es gibt bereits eine Organisation mit dem Schlüssel {key}.',
    en: 'There is already an organisation with key {key}.',
  },
  organisation_not_found: {
    nl: 'Er is geen organisatie met sleutel {key}.',
    fr: "Il n'existe pas d'organisation avec la clé {key}.",
    de: 'Es gibt keine Organisation mit dem Schlüssel {key}.',
    en: 'There is no organisation with key {key}.',
  },
  link_invalid: {
    nl: 'Deze link is onbekend, al gebruikt of verlopen. Vraag een nieuwe aan.',
    fr: 'Ce lien est inconnu, déjà utilisé ou expiré. Demandez-en un nouveau.',
    de: 'Dieser Link ist unbekannt, bereits verwendet oder abgelaufen. Fordern Sie einen neuen an.',
    en: 'This link is unknown, already used or expired. Ask for a new one.',
  },
  token_not_found: {
    nl: 'Er is geen geldig API-token met kenmerk {id}.',
    fr: "Il n'existe pas de jeton d'API valide avec l'identifiant {id}.",
    de: 'Es gibt kein gültiges API-Token mit der Kennung {id}.',
    en: 'There is no open API token with identifier {id}.',
  },
  transition_not_allowed: {
    nl: 'Een grensbelemmering met status {from} kan niet naar {to}. U kunt nu naar: {allowed}.',
    fr: 'Un obstacle au statut {from} ne peut pas passer à {to}. Vous pouvez maintenant passer à : {allowed}.',
    de: 'Ein Grenzhindernis mit dem Status {from} kann nicht zu {to} wechseln. Jetzt möglich: {allowed}.',
    en: 'An obstacle in status {from} cannot move to {to}. You can move it to: {allowed}.',
  },
  analysis_incomplete: {
    nl: 'De analyse is nog niet af: vul eerst de genoemde delen in.',
    fr: "L'analyse n'est pas encore complète : remplissez d'abord les parties indiquées.",
    de: 'Die Analyse ist noch nicht vollständig: Füllen Sie zuerst die genannten Teile aus.',
    en: 'The analysis is not complete: fill in the parts listed first.',
  },
  governing_body_not_found: {
    nl: 'Er is geen bestuursorgaan "{key}".',
    fr: 'Il n’existe pas d’organe de décision « {key} ».',
    de: 'Es gibt kein Entscheidungsgremium „{key}“.',
    en: 'There is no governing body "{key}".',
  },
  governing_body_exists: {
    nl: 'Er is al een bestuursorgaan met de sleutel "{key}".',
    fr: 'Un organe de décision avec la clé « {key} » existe déjà.',
    de: 'Ein Entscheidungsgremium mit dem Schlüssel „{key}“ gibt es bereits.',
    en: 'A governing body with the key "{key}" exists already.',
  },
  meeting_not_found: {
    nl: 'Er is geen vergadering "{id}", of u mag haar niet inzien.',
    fr: 'Il n’existe pas de réunion « {id} », ou vous ne pouvez pas la consulter.',
    de: 'Es gibt keine Sitzung „{id}“, oder Sie dürfen sie nicht einsehen.',
    en: 'There is no meeting "{id}", or you may not see it.',
  },
  decision_not_found: {
    nl: 'Er is geen besluit "{id}", of u mag het niet inzien.',
    fr: 'Il n’existe pas de décision « {id} », ou vous ne pouvez pas la consulter.',
    de: 'Es gibt keinen Beschluss „{id}“, oder Sie dürfen ihn nicht einsehen.',
    en: 'There is no decision "{id}", or you may not see it.',
  },
  competence_not_found: {
    nl: 'Er is geen thema "{theme}" of geen overheid "{government}" in de bevoegdhedenmatrix.',
    fr: 'Il n’existe pas de thème « {theme} » ou pas de gouvernement « {government} » dans la matrice des compétences.',
    de: 'Es gibt kein Thema „{theme}“ oder keine Regierung „{government}“ in der Zuständigkeitsmatrix.',
    en: 'There is no theme "{theme}" or no government "{government}" in the competence matrix.',
  },
  routing_not_found: {
    nl: 'Grensbelemmering "{id}" is nu niet naar "{organisation}" gerouteerd.',
    fr: 'L’obstacle « {id} » n’est pas adressé actuellement à « {organisation} ».',
    de: 'Das Grenzhindernis „{id}“ ist derzeit nicht an „{organisation}“ weitergeleitet.',
    en: 'Obstacle "{id}" is not routed to "{organisation}" now.',
  },
  acknowledgement_closed: {
    nl: '"{organisation}" heeft al geantwoord ({acknowledgement}); een antwoord wordt niet gewijzigd.',
    fr: '« {organisation} » a déjà répondu ({acknowledgement}) ; une réponse ne se modifie pas.',
    de: '„{organisation}“ hat bereits geantwortet ({acknowledgement}); eine Antwort wird nicht geändert.',
    en: '"{organisation}" has answered already ({acknowledgement}); an answer is not changed.',
  },
  obstacle_not_routed: {
    nl: 'Grensbelemmering "{id}" heeft status "{status}": alleen een gerouteerde grensbelemmering krijgt er departementen bij.',
    fr: 'L’obstacle « {id} » a le statut « {status} » : seul un obstacle adressé reçoit d’autres départements.',
    de: 'Das Grenzhindernis „{id}“ hat den Status „{status}“: nur ein weitergeleitetes Hindernis erhält weitere Ministerien.',
    en: 'Obstacle "{id}" has status "{status}": only a routed obstacle gets more departments.',
  },
  norm_not_found: {
    nl: 'Er is geen norm voor de fase "{phase}".',
    fr: 'Il n’existe pas de norme pour la phase « {phase} ».',
    de: 'Es gibt keine Frist für die Phase „{phase}“.',
    en: 'There is no norm for the phase "{phase}".',
  },
  calendar_not_found: {
    nl: 'Er is geen kalender "{key}".',
    fr: 'Il n’existe pas de calendrier « {key} ».',
    de: 'Es gibt keinen Kalender „{key}“.',
    en: 'There is no calendar "{key}".',
  },
  action_not_found: {
    nl: 'Er is geen actie "{id}", of u mag ze niet inzien.',
    fr: 'Il n’existe pas d’action « {id} », ou vous ne pouvez pas la consulter.',
    de: 'Es gibt keine Maßnahme „{id}“, oder Sie dürfen sie nicht einsehen.',
    en: 'There is no action "{id}", or you may not see it.',
  },
  state_of_play_round_not_found: {
    nl: 'Er is geen ronde stand van zaken "{id}", of u mag ze niet inzien.',
    fr: 'Il n’existe pas de tour d’état d’avancement « {id} », ou vous ne pouvez pas le consulter.',
    de: 'Es gibt keine Sachstandsrunde „{id}“, oder Sie dürfen sie nicht einsehen.',
    en: 'There is no state-of-play round "{id}", or you may not see it.',
  },
  state_of_play_item_not_found: {
    nl: 'Deze ronde heeft geen punt "{id}".',
    fr: 'Ce tour n’a pas de point « {id} ».',
    de: 'Diese Runde hat keinen Punkt „{id}“.',
    en: 'This round has no item "{id}".',
  },
  state_of_play_round_open: {
    nl: 'Er loopt al een ronde stand van zaken ({id}). Sluit die eerst.',
    fr: 'Un tour d’état d’avancement est déjà ouvert ({id}). Clôturez-le d’abord.',
    de: 'Es läuft bereits eine Sachstandsrunde ({id}). Schließen Sie diese zuerst.',
    en: 'A state-of-play round is open already ({id}). Close it first.',
  },
  state_of_play_round_closed: {
    nl: 'Deze ronde stand van zaken is gesloten: er kan niets meer aan veranderen.',
    fr: 'Ce tour d’état d’avancement est clôturé : plus rien ne peut y être modifié.',
    de: 'Diese Sachstandsrunde ist geschlossen: Daran kann nichts mehr geändert werden.',
    en: 'This state-of-play round is closed: nothing about it can change any more.',
  },
  state_of_play_round_not_closed: {
    nl: 'Het overzicht van deze ronde bestaat pas als ze gesloten is.',
    fr: 'La synthèse de ce tour n’existe qu’une fois le tour clôturé.',
    de: 'Die Übersicht dieser Runde gibt es erst, wenn sie geschlossen ist.',
    en: 'The overview of this round exists once it is closed.',
  },
  oidc_provider_unknown: {
    nl: 'Er is geen aanmelddienst {provider}.',
    fr: "Il n'existe pas de service de connexion {provider}.",
    de: 'Es gibt keinen Anmeldedienst {provider}.',
    en: 'There is no sign-in provider {provider}.',
  },
  oidc_state_invalid: {
    nl: 'Deze aanmelding is onbekend, verlopen of al gebruikt, of begon in een andere browser. Meld u opnieuw aan.',
    fr: 'Cette connexion est inconnue, expirée ou déjà utilisée, ou a commencé dans un autre navigateur. Reconnectez-vous.',
    de: 'Diese Anmeldung ist unbekannt, abgelaufen oder schon verwendet, oder sie begann in einem anderen Browser. Melden Sie sich erneut an.',
    en: 'This sign-in is unknown, expired or already used, or began in another browser. Sign in again.',
  },
  oidc_failed: {
    nl: 'De aanmelddienst gaf geen bruikbaar antwoord. Probeer het opnieuw of meld u aan met uw wachtwoord.',
    fr: "Le service de connexion n'a pas donné de réponse utilisable. Réessayez ou connectez-vous avec votre mot de passe.",
    de: 'Der Anmeldedienst gab keine verwendbare Antwort. Versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.',
    en: 'The sign-in provider gave no usable answer. Try again, or sign in with your password.',
  },
  oidc_unknown_user: {
    nl: 'U bent aangemeld bij uw organisatie, maar hebt geen account in Schakel. Vraag een beheerder om u toe te voegen.',
    fr: "Vous êtes connecté auprès de votre organisation, mais vous n'avez pas de compte dans Schakel. Demandez à un administrateur de vous ajouter.",
    de: 'Sie sind bei Ihrer Organisation angemeldet, haben aber kein Konto in Schakel. Bitten Sie einen Administrator, Sie hinzuzufügen.',
    en: 'You signed in with your organisation, but you have no account in Schakel. Ask an administrator to add you.',
  },
  oidc_email_unverified: {
    nl: 'De aanmelddienst bevestigt uw e-mailadres niet, dus kan Schakel u niet herkennen. Vraag een beheerder om hulp.',
    fr: "Le service de connexion ne confirme pas votre adresse e-mail ; Schakel ne peut donc pas vous reconnaître. Demandez de l'aide à un administrateur.",
    de: 'Der Anmeldedienst bestätigt Ihre E-Mail-Adresse nicht, daher kann Schakel Sie nicht erkennen. Bitten Sie einen Administrator um Hilfe.',
    en: 'The sign-in provider does not confirm your e-mail address, so Schakel cannot recognise you. Ask an administrator for help.',
  },
  oidc_user_disabled: {
    nl: 'Uw account in Schakel is uitgeschakeld. Vraag een beheerder om hulp.',
    fr: "Votre compte dans Schakel est désactivé. Demandez de l'aide à un administrateur.",
    de: 'Ihr Konto in Schakel ist deaktiviert. Bitten Sie einen Administrator um Hilfe.',
    en: 'Your account in Schakel is disabled. Ask an administrator for help.',
  },
  service_unavailable: {
    nl: 'De database is niet bereikbaar. Probeer het later opnieuw.',
    fr: "La base de données n'est pas joignable. Réessayez plus tard.",
    de: 'Die Datenbank ist nicht erreichbar. Versuchen Sie es später erneut.',
    en: 'The database cannot be reached. Try again later.',
  },
  internal_error: {
    nl: 'Er ging iets mis aan onze kant. Er is niets gewijzigd; probeer het opnieuw.',
    fr: "Une erreur s'est produite de notre côté. Rien n'a été modifié ; réessayez.",
    de: 'Auf unserer Seite ist ein Fehler aufgetreten. Es wurde nichts geändert; versuchen Sie es erneut.',
    en: 'Something went wrong on our side. Nothing was changed; try again.',
  },
  selection_round_not_found: {
    nl: 'Er is geen selectieronde {id}.',
    fr: "Il n'y a pas de cycle de sélection {id}.",
    de: 'Es gibt keine Auswahlrunde {id}.',
    en: 'There is no selection round {id}.',
  },
  selection_solution_not_found: {
    nl: 'Deze selectieronde heeft geen oplossing {id}.',
    fr: "Ce cycle de sélection n'a pas de solution {id}.",
    de: 'Diese Auswahlrunde hat keine Lösung {id}.',
    en: 'This selection round has no solution {id}.',
  },
  selection_round_status: {
    nl: 'De selectieronde is "{status}": dit kan nu niet. Toegestaan in: {allowed}.',
    fr: 'Le cycle de sélection est « {status} » : ce n’est pas possible maintenant. Possible en : {allowed}.',
    de: 'Die Auswahlrunde ist „{status}“: Das ist jetzt nicht möglich. Möglich in: {allowed}.',
    en: 'The selection round is "{status}": this cannot be done now. Possible in: {allowed}.',
  },
  selection_unscored: {
    nl: 'Nog niet elke kandidaat heeft een score: {candidates}. Laat ze scoren of sluit ze uit.',
    fr: 'Tous les candidats n’ont pas encore de note : {candidates}. Faites-les noter ou excluez-les.',
    de: 'Noch nicht jeder Kandidat hat eine Bewertung: {candidates}. Lassen Sie sie bewerten oder schließen Sie sie aus.',
    en: 'Not every candidate has a score yet: {candidates}. Have them scored, or leave them out.',
  },
  selection_solution_status: {
    nl: 'De oplossing is "{status}": dit kan nu niet.',
    fr: 'La solution est « {status} » : ce n’est pas possible maintenant.',
    de: 'Die Lösung ist „{status}“: Das ist jetzt nicht möglich.',
    en: 'The solution is "{status}": this cannot be done now.',
  },
};

const TITLES: Messages<ErrorCode> = {
  notification_not_found: {
    nl: 'Melding niet gevonden',
    fr: 'Notification introuvable',
    de: 'Benachrichtigung nicht gefunden',
    en: 'Notification not found',
  },
  validation_failed: { nl: 'Ongeldige invoer', fr: 'Données invalides', de: 'Ungültige Eingabe', en: 'Invalid input' },
  invalid_json: { nl: 'Ongeldige JSON', fr: 'JSON invalide', de: 'Ungültiges JSON', en: 'Invalid JSON' },
  invalid_cursor: { nl: 'Ongeldige cursor', fr: 'Curseur invalide', de: 'Ungültiger Cursor', en: 'Invalid cursor' },
  unsupported_media_type: {
    nl: 'Niet-ondersteund inhoudstype',
    fr: 'Type de contenu non pris en charge',
    de: 'Nicht unterstützter Inhaltstyp',
    en: 'Unsupported media type',
  },
  payload_too_large: { nl: 'Verzoek te groot', fr: 'Requête trop volumineuse', de: 'Anfrage zu groß', en: 'Payload too large' },
  not_found: { nl: 'Niet gevonden', fr: 'Introuvable', de: 'Nicht gefunden', en: 'Not found' },
  obstacle_not_found: {
    nl: 'Grensbelemmering niet gevonden',
    fr: 'Obstacle introuvable',
    de: 'Grenzhindernis nicht gefunden',
    en: 'Obstacle not found',
  },
  method_not_allowed: {
    nl: 'Methode niet toegestaan',
    fr: 'Méthode non autorisée',
    de: 'Methode nicht erlaubt',
    en: 'Method not allowed',
  },
  not_acceptable: { nl: 'Niet aanvaardbaar', fr: 'Non acceptable', de: 'Nicht annehmbar', en: 'Not acceptable' },
  version_conflict: {
    nl: 'Gewijzigd door iemand anders',
    fr: "Modifié par quelqu'un d'autre",
    de: 'Von jemand anderem geändert',
    en: 'Changed by someone else',
  },
  precondition_required: {
    nl: 'Versie ontbreekt',
    fr: 'Version manquante',
    de: 'Version fehlt',
    en: 'Version required',
  },
  reference_exhausted: {
    nl: 'Kenmerk niet toegekend',
    fr: 'Identifiant non attribué',
    de: 'Kennung nicht vergeben',
    en: 'Reference not allocated',
  },
  unauthenticated: { nl: 'Niet aangemeld', fr: 'Non connecté', de: 'Nicht angemeldet', en: 'Not signed in' },
  invalid_credentials: {
    nl: 'Aanmelden mislukt',
    fr: 'Échec de la connexion',
    de: 'Anmeldung fehlgeschlagen',
    en: 'Sign-in failed',
  },
  forbidden: { nl: 'Geen toegang', fr: 'Accès refusé', de: 'Kein Zugriff', en: 'Forbidden' },
  csrf_failed: {
    nl: 'CSRF-controle mislukt',
    fr: 'Échec du contrôle CSRF',
    de: 'CSRF-Prüfung fehlgeschlagen',
    en: 'CSRF check failed',
  },
  sign_in_throttled: {
    nl: 'Te veel pogingen',
    fr: 'Trop de tentatives',
    de: 'Zu viele Versuche',
    en: 'Too many attempts',
  },
  user_exists: {
    nl: 'Gebruiker bestaat al',
    fr: "L'utilisateur existe déjà",
    de: 'Benutzer existiert bereits',
    en: 'User exists',
  },
  user_not_found: {
    nl: 'Gebruiker niet gevonden',
    fr: 'Utilisateur introuvable',
    de: 'Benutzer nicht gefunden',
    en: 'User not found',
  },
  user_disabled: {
    nl: 'Gebruiker uitgeschakeld',
    fr: 'Utilisateur désactivé',
    de: 'Benutzer deaktiviert',
    en: 'User disabled',
  },
  organisation_exists: {
    nl: 'Organisatie bestaat al',
    fr: "L'organisation existe déjà",
    de: 'Organisation existiert bereits',
    en: 'Organisation exists',
  },
  organisation_not_found: {
    nl: 'Organisatie niet gevonden',
    fr: 'Organisation introuvable',
    de: 'Organisation nicht gefunden',
    en: 'Organisation not found',
  },
  link_invalid: { nl: 'Link ongeldig', fr: 'Lien invalide', de: 'Link ungültig', en: 'Link not valid' },
  token_not_found: { nl: 'Token niet gevonden', fr: 'Jeton introuvable', de: 'Token nicht gefunden', en: 'Token not found' },
  transition_not_allowed: {
    nl: 'Statuswijziging niet mogelijk',
    fr: 'Changement de statut impossible',
    de: 'Statuswechsel nicht möglich',
    en: 'Transition not allowed',
  },
  analysis_incomplete: {
    nl: 'Analyse onvolledig',
    fr: 'Analyse incomplète',
    de: 'Analyse unvollständig',
    en: 'Analysis incomplete',
  },
  governing_body_not_found: {
    nl: 'Bestuursorgaan niet gevonden',
    fr: 'Organe de décision introuvable',
    de: 'Entscheidungsgremium nicht gefunden',
    en: 'Governing body not found',
  },
  governing_body_exists: {
    nl: 'Bestuursorgaan bestaat al',
    fr: 'L’organe de décision existe déjà',
    de: 'Entscheidungsgremium existiert bereits',
    en: 'Governing body exists',
  },
  meeting_not_found: {
    nl: 'Vergadering niet gevonden',
    fr: 'Réunion introuvable',
    de: 'Sitzung nicht gefunden',
    en: 'Meeting not found',
  },
  decision_not_found: {
    nl: 'Besluit niet gevonden',
    fr: 'Décision introuvable',
    de: 'Beschluss nicht gefunden',
    en: 'Decision not found',
  },
  competence_not_found: {
    nl: 'Bevoegdheid niet gevonden',
    fr: 'Compétence introuvable',
    de: 'Zuständigkeit nicht gefunden',
    en: 'Competence not found',
  },
  routing_not_found: {
    nl: 'Routering niet gevonden',
    fr: 'Adressage introuvable',
    de: 'Weiterleitung nicht gefunden',
    en: 'Routing not found',
  },
  acknowledgement_closed: {
    nl: 'Al beantwoord',
    fr: 'Déjà répondu',
    de: 'Bereits beantwortet',
    en: 'Answered already',
  },
  obstacle_not_routed: {
    nl: 'Niet gerouteerd',
    fr: 'Non adressé',
    de: 'Nicht weitergeleitet',
    en: 'Not routed',
  },
  norm_not_found: {
    nl: 'Norm niet gevonden',
    fr: 'Norme introuvable',
    de: 'Frist nicht gefunden',
    en: 'Norm not found',
  },
  calendar_not_found: {
    nl: 'Kalender niet gevonden',
    fr: 'Calendrier introuvable',
    de: 'Kalender nicht gefunden',
    en: 'Calendar not found',
  },
  action_not_found: {
    nl: 'Actie niet gevonden',
    fr: 'Action introuvable',
    de: 'Maßnahme nicht gefunden',
    en: 'Action not found',
  },
  state_of_play_round_not_found: {
    nl: 'Ronde niet gevonden',
    fr: 'Tour introuvable',
    de: 'Runde nicht gefunden',
    en: 'Round not found',
  },
  state_of_play_item_not_found: {
    nl: 'Punt niet gevonden',
    fr: 'Point introuvable',
    de: 'Punkt nicht gefunden',
    en: 'Item not found',
  },
  state_of_play_round_open: {
    nl: 'Er loopt al een ronde',
    fr: 'Un tour est déjà ouvert',
    de: 'Es läuft bereits eine Runde',
    en: 'A round is open already',
  },
  state_of_play_round_closed: { nl: 'Ronde gesloten', fr: 'Tour clôturé', de: 'Runde geschlossen', en: 'Round closed' },
  state_of_play_round_not_closed: {
    nl: 'Ronde nog open',
    fr: 'Tour encore ouvert',
    de: 'Runde noch offen',
    en: 'Round still open',
  },
  oidc_provider_unknown: {
    nl: 'Onbekende aanmelddienst',
    fr: 'Service de connexion inconnu',
    de: 'Unbekannter Anmeldedienst',
    en: 'Unknown sign-in provider',
  },
  oidc_state_invalid: {
    nl: 'Aanmelding ongeldig',
    fr: 'Connexion non valable',
    de: 'Anmeldung ungültig',
    en: 'Sign-in not valid',
  },
  oidc_failed: {
    nl: 'Aanmelddienst faalde',
    fr: 'Échec du service de connexion',
    de: 'Anmeldedienst fehlgeschlagen',
    en: 'Sign-in provider failed',
  },
  oidc_unknown_user: { nl: 'Geen account', fr: 'Aucun compte', de: 'Kein Konto', en: 'No account' },
  oidc_email_unverified: {
    nl: 'E-mailadres niet bevestigd',
    fr: 'Adresse e-mail non confirmée',
    de: 'E-Mail-Adresse nicht bestätigt',
    en: 'E-mail address not confirmed',
  },
  oidc_user_disabled: {
    nl: 'Account uitgeschakeld',
    fr: 'Compte désactivé',
    de: 'Konto deaktiviert',
    en: 'Account disabled',
  },
  service_unavailable: {
    nl: 'Dienst niet beschikbaar',
    fr: 'Service indisponible',
    de: 'Dienst nicht verfügbar',
    en: 'Service unavailable',
  },
  internal_error: { nl: 'Interne fout', fr: 'Erreur interne', de: 'Interner Fehler', en: 'Internal error' },
  selection_round_not_found: {
    nl: 'Selectieronde niet gevonden',
    fr: 'Cycle de sélection introuvable',
    de: 'Auswahlrunde nicht gefunden',
    en: 'Selection round not found',
  },
  selection_solution_not_found: {
    nl: 'Oplossing niet gevonden',
    fr: 'Solution introuvable',
    de: 'Lösung nicht gefunden',
    en: 'Solution not found',
  },
  selection_round_status: {
    nl: 'Niet in deze fase van de ronde',
    fr: 'Pas à ce stade du cycle',
    de: 'Nicht in dieser Phase der Runde',
    en: 'Not at this stage of the round',
  },
  selection_unscored: {
    nl: 'Kandidaten zonder score',
    fr: 'Candidats sans note',
    de: 'Kandidaten ohne Bewertung',
    en: 'Candidates without a score',
  },
  selection_solution_status: {
    nl: 'Niet bij deze oplossing',
    fr: 'Pas avec cette solution',
    de: 'Nicht bei dieser Lösung',
    en: 'Not with this solution',
  },
};

const FIELD_MESSAGES: Messages<FieldErrorCode> = {
  required: {
    nl: 'Dit veld is verplicht.',
    fr: 'Ce champ est obligatoire.',
    de: 'Dieses Feld ist erforderlich.',
    en: 'This field is required.',
  },
  invalid_type: {
    nl: 'Verwacht {expected}.',
    fr: 'Valeur attendue : {expected}.',
    de: 'Erwartet: {expected}.',
    en: 'Expected {expected}.',
  },
  invalid_value: {
    nl: 'Kies een van: {allowed}.',
    fr: 'Choisissez parmi : {allowed}.',
    de: 'Wählen Sie einen dieser Werte: {allowed}.',
    en: 'Choose one of: {allowed}.',
  },
  invalid_format: {
    nl: 'Het formaat is niet geldig ({format}).',
    fr: "Le format n'est pas valide ({format}).",
    de: 'Das Format ist ungültig ({format}).',
    en: 'The format is not valid ({format}).',
  },
  too_long: {
    nl: 'Te lang: maximaal {max} tekens.',
    fr: 'Trop long : {max} caractères au maximum.',
    de: 'Zu lang: höchstens {max} Zeichen.',
    en: 'Too long: at most {max} characters.',
  },
  too_short: {
    nl: 'Te kort: minimaal {min} tekens.',
    fr: 'Trop court : {min} caractères au minimum.',
    de: 'Zu kurz: mindestens {min} Zeichen.',
    en: 'Too short: at least {min} characters.',
  },
  too_big: {
    nl: 'Te groot: maximaal {max}.',
    fr: 'Trop grand : {max} au maximum.',
    de: 'Zu groß: höchstens {max}.',
    en: 'Too big: at most {max}.',
  },
  too_small: {
    nl: 'Te klein: minimaal {min}.',
    fr: 'Trop petit : {min} au minimum.',
    de: 'Zu klein: mindestens {min}.',
    en: 'Too small: at least {min}.',
  },
  unknown_field: {
    nl: 'Dit veld bestaat niet.',
    fr: "Ce champ n'existe pas.",
    de: 'Dieses Feld gibt es nicht.',
    en: 'This field does not exist.',
  },
  unknown_key: {
    nl: 'Onbekende waarde "{value}".',
    fr: 'Valeur inconnue « {value} ».',
    de: 'Unbekannter Wert „{value}“.',
    en: 'Unknown value "{value}".',
  },
  no_language: {
    nl: 'Vul de tekst in minstens één taal in (nl, fr, de of en).',
    fr: 'Saisissez le texte dans au moins une langue (nl, fr, de ou en).',
    de: 'Geben Sie den Text in mindestens einer Sprache ein (nl, fr, de oder en).',
    en: 'Give the text in at least one language (nl, fr, de or en).',
  },
  common_password: {
    nl: 'Dit wachtwoord wordt veel gebruikt en is daardoor makkelijk te raden. Kies een ander, bijvoorbeeld een zin van enkele woorden.',
    fr: 'Ce mot de passe est très répandu et donc facile à deviner. Choisissez-en un autre, par exemple une phrase de quelques mots.',
    de: 'Dieses Passwort ist weit verbreitet und daher leicht zu erraten. Wählen Sie ein anderes, zum Beispiel einen Satz aus einigen Wörtern.',
    en: 'This password is widely used and so easy to guess. Choose another, for example a sentence of a few words.',
  },
  wrong_password: {
    nl: 'Dit is niet uw huidige wachtwoord.',
    fr: "Ce n'est pas votre mot de passe actuel.",
    de: 'Das ist nicht Ihr aktuelles Passwort.',
    en: 'This is not your current password.',
  },
  invalid_target: {
    nl: 'Kies een andere grensbelemmering: niet deze zelf, en geen die al is samengevoegd met een andere.',
    fr: 'Choisissez un autre obstacle : pas celui-ci, ni un obstacle déjà fusionné avec un autre.',
    de: 'Wählen Sie ein anderes Grenzhindernis: nicht dieses selbst und keines, das bereits mit einem anderen zusammengeführt wurde.',
    en: 'Choose another obstacle: not this one itself, nor one already merged into another.',
  },
  other_body: {
    nl: 'Deze vergadering is van een ander bestuursorgaan.',
    fr: 'Cette réunion est celle d’un autre organe de décision.',
    de: 'Diese Sitzung gehört zu einem anderen Entscheidungsgremium.',
    en: 'This meeting is one of another governing body.',
  },
  duplicate: {
    nl: 'Deze waarde komt meer dan eens voor.',
    fr: 'Cette valeur apparaît plusieurs fois.',
    de: 'Dieser Wert kommt mehrfach vor.',
    en: 'This value occurs more than once.',
  },
  lead_required: {
    nl: 'Wijs minstens één departement aan als trekker (rol "lead").',
    fr: 'Désignez au moins un département comme pilote (rôle « lead »).',
    de: 'Bestimmen Sie mindestens ein Ministerium als federführend (Rolle „lead“).',
    en: 'Name at least one department as the lead (role "lead").',
  },
  wrong_government: {
    nl: '"{value}" is geen departement van de overheid "{government}".',
    fr: '« {value} » n’est pas un département du gouvernement « {government} ».',
    de: '„{value}“ ist kein Ministerium der Regierung „{government}“.',
    en: '"{value}" is not a department of the government "{government}".',
  },
  already_routed: {
    nl: 'De grensbelemmering is al naar "{value}" gerouteerd.',
    fr: 'L’obstacle est déjà adressé à « {value} ».',
    de: 'Das Grenzhindernis ist bereits an „{value}“ weitergeleitet.',
    en: 'The obstacle is routed to "{value}" already.',
  },
  one_of_required: {
    nl: 'Geef precies één van "phase" en "workingDays".',
    fr: 'Indiquez exactement un des deux : « phase » ou « workingDays ».',
    de: 'Geben Sie genau eines von „phase“ und „workingDays“ an.',
    en: 'Give exactly one of "phase" and "workingDays".',
  },
  other_organisation: {
    nl: 'Deze persoon hoort niet bij de gekozen organisatie ({organisation}).',
    fr: 'Cette personne n’appartient pas à l’organisation choisie ({organisation}).',
    de: 'Diese Person gehört nicht zur gewählten Organisation ({organisation}).',
    en: 'This person does not belong to the organisation chosen ({organisation}).',
  },
  not_proposed: {
    nl: 'Deze grensbelemmering staat niet op "voorgesteld" (maar op "{status}").',
    fr: 'Cet obstacle n’est pas « proposé » (mais « {status} »).',
    de: 'Dieses Grenzhindernis ist nicht „vorgeschlagen“ (sondern „{status}“).',
    en: 'This obstacle is not "proposed" (it is "{status}").',
  },
  not_a_candidate: {
    nl: '"{value}" is geen kandidaat van deze ronde.',
    fr: '« {value} » n’est pas candidat de ce cycle.',
    de: '„{value}“ ist kein Kandidat dieser Runde.',
    en: '"{value}" is not a candidate of this round.',
  },
  not_participating: {
    nl: 'De organisatie "{value}" neemt niet deel aan deze ronde.',
    fr: 'L’organisation « {value} » ne participe pas à ce cycle.',
    de: 'Die Organisation „{value}“ nimmt an dieser Runde nicht teil.',
    en: 'The organisation "{value}" does not take part in this round.',
  },
  other_segment: {
    nl: '"{value}" hoort niet bij het grenssegment {segment}.',
    fr: '« {value} » n’appartient pas au segment frontalier {segment}.',
    de: '„{value}“ gehört nicht zum Grenzabschnitt {segment}.',
    en: '"{value}" does not belong to the border segment {segment}.',
  },
};

const TYPE_NAMES: Messages<'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'date'> = {
  string: { nl: 'tekst', fr: 'un texte', de: 'Text', en: 'a string' },
  number: { nl: 'een getal', fr: 'un nombre', de: 'eine Zahl', en: 'a number' },
  integer: { nl: 'een geheel getal', fr: 'un nombre entier', de: 'eine ganze Zahl', en: 'an integer' },
  boolean: { nl: 'waar of onwaar', fr: 'vrai ou faux', de: 'wahr oder falsch', en: 'true or false' },
  object: { nl: 'een object', fr: 'un objet', de: 'ein Objekt', en: 'an object' },
  array: { nl: 'een lijst', fr: 'une liste', de: 'eine Liste', en: 'a list' },
  date: { nl: 'een datum (JJJJ-MM-DD)', fr: 'une date (AAAA-MM-JJ)', de: 'ein Datum (JJJJ-MM-TT)', en: 'a date (YYYY-MM-DD)' },
};

function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}

export function errorTitle(code: ErrorCode, language: Language): string {
  return TITLES[code][language];
}

export function errorMessage(code: ErrorCode, language: Language, params: Record<string, string | number> = {}): string {
  return interpolate(MESSAGES[code][language], params);
}

export function fieldMessage(error: FieldError, language: Language): string {
  const params = { ...error.params };
  const expected = params.expected;
  if (typeof expected === 'string' && expected in TYPE_NAMES) {
    params.expected = TYPE_NAMES[expected as keyof typeof TYPE_NAMES][language];
  }
  return interpolate(FIELD_MESSAGES[error.code][language], params);
}
