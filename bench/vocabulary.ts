/**
 * Phrase banks for the benchmark's synthetic obstacles, per language. The Dutch titles and the
 * English sentences are cut from reference-data/sample-obstacles.json (real obstacles); the rest
 * is written in the same register so that the four languages tokenise and stem like real text.
 *
 * Two words are controlled, because the benchmark searches for them:
 * - the *common* term: the frontier-worker family (nl "grensarbeiders", fr "frontaliers",
 *   de "Grenzgänger", en "frontier workers") appears only through `worker`;
 * - the *rare* term: the invented village "Kievitsdonk" appears only through `rare`.
 * No other phrase may contain either.
 */
import type { Language } from '../src/core/shared/language.js';

export const COMMON_TERM = 'grensarbeiders';
export const RARE_TERM = 'Kievitsdonk';

export type ThemeKey =
  | 'healthcare'
  | 'liveability'
  | 'nitrogen'
  | 'pfas'
  | 'accessibility'
  | 'cross_border_work'
  | 'economy'
  | 'social_security'
  | 'taxation'
  | 'education'
  | 'safety'
  | 'environment'
  | 'governance';

export type SegmentKey = 'nl-vl' | 'nl-nw' | 'nl-ni' | 'fr-de' | 'fr-es' | 'nordic';

export interface Vocabulary {
  /** Noun phrases that open a title, per theme. */
  topics: Record<ThemeKey, string[]>;
  /** What goes wrong: the rest of a title. */
  problems: string[];
  /** Opening sentences of a summary: `{topic}` (lower case) and `{place}` are filled in. */
  openers: string[];
  /** Sentences that any summary or description may continue with. */
  sentences: string[];
  /** The common term: a title form and sentences. `{topic}` and `{problem}` are filled in. */
  worker: { title: string; sentences: string[] };
  /** The rare term, in a sentence. */
  rare: string[];
  /** Who is affected (the affectedGroups field). */
  groups: string[];
  /** Place names that this language writes its own way (Aachen → Aken); the rest are written as they are. */
  exonyms: Record<string, string>;
}

const nl: Vocabulary = {
  topics: {
    healthcare: [
      'Scheve vergoeding ziekenhuiszorg',
      'Behandeling over de grens',
      'Vergoeding patiëntenreizen',
      'Toegang tot de huisarts',
    ],
    liveability: [
      'Erkenning ouderschap',
      'Medisch attest voor deelname aan sportevenementen',
      'Inschrijving in de gemeente',
      'Bezorging van post en pakketten',
    ],
    nitrogen: ['Stikstofdepositie op Natura 2000-gebieden', 'Vergunning voor veehouderij', 'Rekenmodel voor stikstof'],
    pfas: [
      'PFAS-lozingen in Schelde en Westerschelde',
      'Normen voor PFAS in oppervlaktewater',
      'Visconsumptieadvies na PFAS-vervuiling',
    ],
    accessibility: [
      'Belgisch trampersoneel op Nederlands traject',
      'Grensoverschrijdend spoortraject',
      'Toelating rollend materieel',
      'Onderbroken spoor',
      'Wederzijdse erkenning milieuvignetten',
      'Estuaire vaart via de Westerschelde',
    ],
    cross_border_work: [
      'Duitse minijob',
      'Verlof voor politiek werk',
      'Stage aan de andere kant van de grens',
      'Testplicht voor grenspendelaars',
      'Detachering van werknemers',
    ],
    economy: [
      'Duitstalige folders op commerciële evenementen',
      'Concernbijdragen over de grens',
      'Vestigingsvergunning voor zelfstandigen',
      'Aanbesteding door buitenlandse bedrijven',
    ],
    social_security: [
      'Sociale zekerheid bij thuiswerk',
      'Pensioenval door verschil in pensioenleeftijd',
      'Kinderzuschlag en kindgebonden budget',
      'Werkloosheidsuitkering',
      'Inkomensverzekering voor dagpendelaars',
    ],
    taxation: [
      'Thuiswerkdagen',
      'BPM-vrijstelling voor bedrijfsauto',
      'Belasting van uitzendkrachten',
      'Dubbele belasting van pensioenen',
      'Loonheffing',
    ],
    education: [
      'Erkenning beroepskwalificaties',
      'Grensoverschrijdend leerlingwezen',
      "Erkenning van diploma's",
      'Schoolvervoer over de grens',
    ],
    safety: [
      'Inzet van ambulances over de grens',
      'Grensoverschrijdende politiesamenwerking',
      'Brandweerhulp in het buurland',
      'Crisiscommunicatie bij rampen',
    ],
    environment: [
      'Scheepsafval in het havengebied',
      'Grensoverschrijdend vervoer van meststoffen',
      'Grensoverschrijdende hernieuwbare-energieprojecten',
      'Nitraatrichtlijn en mestquota',
      'Grondwaterwinning bij de grens',
    ],
    governance: [
      'Gebrek aan grensoverschrijdende data',
      'Grenseffectrapportage',
      'Samenwerking tussen gemeenten',
      'Informatie voor grensbewoners',
    ],
  },
  problems: [
    'belast in woonland',
    'duurt maanden',
    'valt tussen wal en schip',
    'niet erkend in het buurland',
    'loopt vast op verschillende regels',
    'mag niet zonder meer over de grens',
    'leidt tot dubbele belasting',
    'niet vergoed over de grens',
    'stuit op tegenstrijdige wetgeving',
    'vraagt twee vergunningen',
    'verschuift bij verhuizing naar het buurland',
    'verloopt traag door papierwerk',
  ],
  openers: [
    '{topic} is in de regio {place} aan weerszijden van de grens anders geregeld.',
    'Bij {topic} lopen inwoners van de regio {place} vast omdat de regels in beide landen verschillen.',
    'Sinds de laatste wetswijziging leidt {topic} in de regio {place} tot problemen voor wie over de grens woont of werkt.',
    'Gemeenten in de regio {place} melden dat {topic} over de grens niet goed geregeld is.',
    'Voor {topic} moeten burgers en bedrijven in de regio {place} bij twee administraties aankloppen.',
    'Een geplande samenwerking in de regio {place} liep vast op {topic}.',
  ],
  sentences: [
    'Dat kan leiden tot dubbele belasting en trage procedures voor onderling overleg.',
    'Werkgevers houden vaak nog belasting in op het volledige loon.',
    'De betrokken ministeries hebben het probleem erkend, maar een oplossing is er nog niet.',
    'Het grensinformatiepunt adviseert per geval, wat veel tijd kost.',
    'Een studie van ITEM bracht de gevolgen in kaart.',
    'Het onderwerp staat op de agenda van het Vlaams-Nederlandse grensoverleg.',
    'Een aanpassing van het belastingverdrag zou het probleem kunnen oplossen.',
    'Statistieken stoppen aan de grens, waardoor cijfers over de omvang ontbreken.',
    'Tijdens de pandemie golden tijdelijke uitzonderingen die inmiddels zijn vervallen.',
    'Het gaat naar schatting om enkele honderden personen per jaar.',
    'De provincie heeft het probleem aangekaart bij de Europese Commissie.',
    'Een b-solutions-adviestraject heeft mogelijke oplossingen uitgewerkt.',
    'De douane kan in de tussentijd een boete opleggen.',
    'Patiëntenstromen lopen daardoor maar in één richting.',
    'Beide overheden wachten op elkaar, zodat het dossier al jaren stilligt.',
    'Volgens de Euregio ontbreekt een vast aanspreekpunt aan de andere kant van de grens.',
  ],
  worker: {
    title: '{topic} van grensarbeiders {problem}',
    sentences: [
      'Vooral grensarbeiders die in het ene land wonen en in het andere werken, merken de gevolgen.',
      'Grensarbeiders krijgen tegenstrijdige informatie van de administraties in beide landen.',
      'Volgens de GrensInfoPunten kloppen jaarlijks honderden grensarbeiders aan met deze vraag.',
    ],
  },
  rare: ['Het probleem werd gemeld door inwoners van Kievitsdonk.', 'In Kievitsdonk gaat het om enkele tientallen huishoudens.'],
  groups: [
    'Werknemers, werkgevers en uitkeringsinstanties',
    'Patiënten en zorgverzekeraars',
    'Studenten en leerlingen',
    'Gezinnen met kinderen',
    'Ondernemers en zelfstandigen',
    'Gepensioneerden',
    'Landbouwbedrijven',
    'Reizigers en vervoerders',
  ],
  exonyms: {
    Aachen: 'Aken',
    Strasbourg: 'Straatsburg',
    Kleve: 'Kleef',
    Copenhagen: 'Kopenhagen',
    Antwerp: 'Antwerpen',
    Ghent: 'Gent',
  },
};

const fr: Vocabulary = {
  topics: {
    healthcare: [
      'Remboursement des soins hospitaliers',
      'Traitement médical transfrontalier',
      'Remboursement des frais de transport des patients',
      'Accès au médecin traitant',
    ],
    liveability: [
      'Reconnaissance de la parentalité',
      'Certificat médical pour les épreuves sportives',
      'Inscription auprès de la commune',
      'Distribution du courrier et des colis',
    ],
    nitrogen: ["Dépôts d'azote sur les sites Natura 2000", 'Permis pour les élevages', "Modèle de calcul de l'azote"],
    pfas: [
      "Rejets de PFAS dans l'Escaut",
      'Normes PFAS pour les eaux de surface',
      'Avis sur la consommation de poisson après la pollution aux PFAS',
    ],
    accessibility: [
      'Liaison ferroviaire transfrontalière',
      'Personnel de tram sur le tronçon étranger',
      'Homologation du matériel roulant',
      'Ligne de bus transfrontalière',
      'Vignettes environnementales pour les zones à faibles émissions',
    ],
    cross_border_work: [
      'Mini-job allemand',
      'Congé pour mandat politique',
      "Stage de l'autre côté de la frontière",
      'Obligation de test pour les navetteurs',
      'Détachement de salariés',
    ],
    economy: [
      'Brochures en allemand sur les salons commerciaux',
      'Contributions de groupe entre sociétés',
      "Autorisation d'établissement pour les indépendants",
      'Marchés publics ouverts aux entreprises étrangères',
    ],
    social_security: [
      'Sécurité sociale en cas de télétravail',
      'Constitution des droits à pension',
      'Allocations familiales',
      'Allocation de chômage',
      'Assurance perte de revenus',
    ],
    taxation: [
      'Jours de télétravail',
      'Exonération pour la voiture de société',
      'Imposition des intérimaires',
      'Double imposition des pensions',
      'Retenue à la source sur le salaire',
    ],
    education: [
      'Reconnaissance des qualifications professionnelles',
      'Apprentissage franco-allemand',
      'Reconnaissance des diplômes',
      'Transport scolaire au-delà de la frontière',
    ],
    safety: [
      'Intervention des ambulances au-delà de la frontière',
      'Coopération policière transfrontalière',
      'Secours des pompiers dans le pays voisin',
      'Communication de crise en cas de catastrophe',
    ],
    environment: [
      'Déchets des navires dans la zone portuaire',
      "Transport d'engrais",
      "Projets d'énergie renouvelable",
      "Directive nitrates et quotas d'effluents",
      "Captage d'eau souterraine près de la frontière",
    ],
    governance: [
      'Manque de données transfrontalières',
      'Évaluation des effets transfrontaliers',
      'Coopération entre communes',
      'Information des riverains de la frontière',
    ],
  },
  problems: [
    'imposé dans le pays de résidence',
    'prend des mois',
    'tombe entre deux systèmes',
    'non reconnu dans le pays voisin',
    'bloqué par des règles divergentes',
    'impossible sans autorisation supplémentaire',
    'soumis à une double imposition',
    "non remboursé de l'autre côté de la frontière",
    'se heurte à des législations contradictoires',
    'exige deux permis',
    'retardé par la paperasse',
  ],
  openers: [
    'Dans la région {place}, {topic} est réglé différemment de part et d’autre de la frontière.',
    'Les habitants de la région {place} se heurtent à {topic}, car les règles diffèrent entre les deux pays.',
    'Depuis la dernière réforme, {topic} pose problème dans la région {place} à ceux qui vivent ou travaillent de l’autre côté.',
    'Les communes de la région {place} signalent que {topic} n’est pas bien réglé au-delà de la frontière.',
    'Pour {topic}, les citoyens et les entreprises de la région {place} doivent s’adresser à deux administrations.',
  ],
  sentences: [
    'Cela peut entraîner une double imposition et de longues procédures amiables.',
    'Les employeurs retiennent souvent encore l’impôt sur la totalité du salaire.',
    'Les ministères concernés ont reconnu le problème, mais aucune solution n’a encore été trouvée.',
    'Le point d’information frontalier conseille au cas par cas, ce qui prend beaucoup de temps.',
    'Une étude de l’ITEM a analysé les conséquences.',
    'Le sujet figure au programme de travail du comité de coopération transfrontalière.',
    'Une modification de la convention fiscale pourrait résoudre le problème.',
    'Les statistiques s’arrêtent à la frontière, si bien que l’ampleur du problème reste inconnue.',
    'Pendant la pandémie, des dérogations temporaires s’appliquaient; elles ont expiré depuis.',
    'Quelques centaines de personnes par an seraient concernées.',
    'La loi 3DS a déjà permis de lever un obstacle comparable.',
    'Un projet b-solutions a formulé des pistes de solution.',
  ],
  worker: {
    title: '{topic} des travailleurs frontaliers {problem}',
    sentences: [
      'Ce sont surtout les travailleurs frontaliers qui en subissent les conséquences.',
      'Les frontaliers reçoivent des informations contradictoires des administrations des deux pays.',
    ],
  },
  rare: ['Le problème a été signalé par des habitants de Kievitsdonk.'],
  groups: [
    'Salariés, employeurs et caisses',
    'Patients et assureurs',
    'Étudiants et apprentis',
    'Familles avec enfants',
    'Entreprises et indépendants',
    'Retraités',
    'Voyageurs et transporteurs',
  ],
  exonyms: {
    Aachen: 'Aix-la-Chapelle',
    Strasbourg: 'Strasbourg',
    Kleve: 'Clèves',
    Copenhagen: 'Copenhague',
    Antwerp: 'Anvers',
    Ghent: 'Gand',
  },
};

const de: Vocabulary = {
  topics: {
    healthcare: [
      'Erstattung von Krankenhausbehandlungen',
      'Grenzüberschreitende Behandlung',
      'Erstattung von Patientenfahrten',
      'Zugang zum Hausarzt',
    ],
    liveability: [
      'Anerkennung der Elternschaft',
      'Ärztliches Attest für Sportveranstaltungen',
      'Anmeldung beim Einwohnermeldeamt',
      'Zustellung von Post und Paketen',
    ],
    nitrogen: ['Stickstoffeintrag in Natura-2000-Gebiete', 'Genehmigung für Tierhaltungsbetriebe', 'Rechenmodell für Stickstoff'],
    pfas: [
      'PFAS-Einleitungen in die Schelde',
      'PFAS-Grenzwerte für Oberflächengewässer',
      'Verzehrempfehlung für Fisch nach PFAS-Belastung',
    ],
    accessibility: [
      'Grenzüberschreitende Bahnstrecke',
      'Straßenbahnpersonal auf dem ausländischen Abschnitt',
      'Zulassung von Schienenfahrzeugen',
      'Grenzüberschreitende Buslinie',
      'Umweltplaketten für Umweltzonen',
    ],
    cross_border_work: [
      'Geringfügige Beschäftigung',
      'Freistellung für politische Ämter',
      'Praktikum auf der anderen Seite der Grenze',
      'Testpflicht für Pendler',
      'Entsendung von Arbeitnehmern',
    ],
    economy: [
      'Deutschsprachige Prospekte auf Messen',
      'Konzernbeiträge zwischen Gesellschaften',
      'Niederlassungserlaubnis für Selbstständige',
      'Vergabe an ausländische Unternehmen',
    ],
    social_security: [
      'Sozialversicherung bei Homeoffice',
      'Rentenanwartschaften',
      'Kindergeld und Kinderzuschlag',
      'Arbeitslosengeld',
      'Einkommensausfallversicherung',
    ],
    taxation: [
      'Homeoffice-Tage',
      'Steuerbefreiung für den Dienstwagen',
      'Besteuerung von Leiharbeitnehmern',
      'Doppelbesteuerung von Renten',
      'Lohnsteuerabzug',
    ],
    education: [
      'Anerkennung von Berufsqualifikationen',
      'Deutsch-französische Ausbildung',
      'Anerkennung von Abschlüssen',
      'Schülerbeförderung über die Grenze',
    ],
    safety: [
      'Rettungsdiensteinsätze über die Grenze',
      'Grenzüberschreitende Polizeizusammenarbeit',
      'Feuerwehrhilfe im Nachbarland',
      'Krisenkommunikation bei Katastrophen',
    ],
    environment: [
      'Schiffsabfälle im Hafengebiet',
      'Transport von Düngemitteln',
      'Projekte für erneuerbare Energien',
      'Nitratrichtlinie und Güllequoten',
      'Grundwasserentnahme an der Grenze',
    ],
    governance: [
      'Fehlende grenzüberschreitende Daten',
      'Grenzfolgenabschätzung',
      'Zusammenarbeit zwischen Gemeinden',
      'Information für Grenzbewohner',
    ],
  },
  problems: [
    'im Wohnsitzland besteuert',
    'dauert Monate',
    'fällt zwischen zwei Systeme',
    'im Nachbarland nicht anerkannt',
    'scheitert an unterschiedlichen Regeln',
    'nicht ohne Weiteres über die Grenze möglich',
    'doppelt besteuert',
    'jenseits der Grenze nicht erstattet',
    'stößt auf widersprüchliche Gesetze',
    'erfordert zwei Genehmigungen',
    'durch Papierkram verzögert',
  ],
  openers: [
    'In der Region {place} ist {topic} auf beiden Seiten der Grenze unterschiedlich geregelt.',
    'Bei {topic} stoßen Einwohner der Region {place} auf Probleme, weil die Regeln in beiden Ländern abweichen.',
    'Seit der letzten Gesetzesänderung führt {topic} in der Region {place} zu Schwierigkeiten für alle, die jenseits der Grenze wohnen oder arbeiten.',
    'Gemeinden in der Region {place} melden, dass {topic} über die Grenze hinweg nicht gut geregelt ist.',
    'Für {topic} müssen sich Bürger und Unternehmen in der Region {place} an zwei Verwaltungen wenden.',
  ],
  sentences: [
    'Das kann zu Doppelbesteuerung und langwierigen Verständigungsverfahren führen.',
    'Arbeitgeber behalten oft noch Lohnsteuer auf das volle Gehalt ein.',
    'Die zuständigen Ministerien haben das Problem anerkannt, eine Lösung gibt es aber noch nicht.',
    'Die Grenzinfopunkte beraten im Einzelfall, was viel Zeit kostet.',
    'Eine Studie des ITEM hat die Folgen untersucht.',
    'Das Thema steht auf der Tagesordnung des Ausschusses für grenzüberschreitende Zusammenarbeit.',
    'Eine Änderung des Doppelbesteuerungsabkommens könnte das Problem lösen.',
    'Statistiken enden an der Grenze, sodass Zahlen zum Umfang fehlen.',
    'Während der Pandemie galten befristete Ausnahmen, die inzwischen ausgelaufen sind.',
    'Betroffen sind schätzungsweise einige hundert Personen im Jahr.',
    'Die Euregio hat in Expertenworkshops Lösungsvorschläge erarbeitet.',
    'Beide Behörden warten aufeinander, sodass das Dossier seit Jahren ruht.',
  ],
  worker: {
    title: '{topic} von Grenzgängern {problem}',
    sentences: [
      'Vor allem Grenzgänger, die in einem Land wohnen und im anderen arbeiten, spüren die Folgen.',
      'Grenzgänger erhalten widersprüchliche Auskünfte von den Verwaltungen beider Länder.',
    ],
  },
  rare: ['Das Problem wurde von Einwohnern aus Kievitsdonk gemeldet.'],
  groups: [
    'Arbeitnehmer, Arbeitgeber und Leistungsträger',
    'Patienten und Krankenkassen',
    'Studierende und Auszubildende',
    'Familien mit Kindern',
    'Unternehmen und Selbstständige',
    'Rentner',
    'Reisende und Verkehrsunternehmen',
  ],
  exonyms: {
    Aachen: 'Aachen',
    Strasbourg: 'Straßburg',
    Kleve: 'Kleve',
    Copenhagen: 'Kopenhagen',
    Antwerp: 'Antwerpen',
    Ghent: 'Gent',
  },
};

const en: Vocabulary = {
  topics: {
    healthcare: [
      'Reimbursement of hospital care',
      'Treatment across the border',
      'Refund of patient travel',
      'Access to a family doctor',
    ],
    liveability: [
      'Recognition of parenthood',
      'Medical certificate for sports events',
      'Registration with the municipality',
      'Delivery of post and parcels',
    ],
    nitrogen: ['Nitrogen deposition on Natura 2000 sites', 'Permits for livestock farms', 'Nitrogen calculation model'],
    pfas: ['PFAS discharges into the Scheldt', 'PFAS limits for surface water', 'Fish consumption advice after PFAS pollution'],
    accessibility: [
      'Cross-border rail link',
      'Tram staff on the foreign section',
      'Approval of rolling stock',
      'Bus line across the border',
      'Environmental stickers for low-emission zones',
    ],
    cross_border_work: [
      'Marginal employment',
      'Leave for political office',
      'Internship across the border',
      'Testing obligation for commuters',
      'Posting of workers',
    ],
    economy: [
      'German-language brochures at trade fairs',
      'Group contributions between companies',
      'Establishment permit for the self-employed',
      'Public procurement by foreign companies',
    ],
    social_security: [
      'Social security when working from home',
      'Pension accrual',
      'Child benefit and child budget',
      'Unemployment benefit',
      'Income-loss insurance',
    ],
    taxation: [
      'Days worked from home',
      'Registration tax exemption for a company car',
      'Taxation of agency workers',
      'Double taxation of pensions',
      'Wage tax withholding',
    ],
    education: [
      'Recognition of professional qualifications',
      'Cross-border apprenticeships',
      'Recognition of diplomas',
      'School transport across the border',
    ],
    safety: [
      'Ambulance deployment across the border',
      'Cross-border police cooperation',
      'Fire brigade assistance in the neighbouring country',
      'Crisis communication in disasters',
    ],
    environment: [
      'Ship waste in the port area',
      'Transport of manure and fertilisers',
      'Renewable energy projects',
      'Nitrates Directive and manure quotas',
      'Groundwater extraction near the border',
    ],
    governance: [
      'Lack of cross-border data',
      'Cross-border impact assessment',
      'Cooperation between municipalities',
      'Information for border residents',
    ],
  },
  problems: [
    'taxed in the country of residence',
    'takes months',
    'falls between two systems',
    'not recognised in the neighbouring country',
    'blocked by diverging rules',
    'not possible across the border without extra permits',
    'taxed twice',
    'not reimbursed across the border',
    'runs into conflicting legislation',
    'needs two permits',
    'delayed by paperwork',
  ],
  openers: [
    'In the {place} area, {topic} is arranged differently on each side of the border.',
    'Residents of the {place} area run into {topic} because the rules of the two countries differ.',
    'Since the last change in the law, {topic} causes problems in the {place} area for people who live or work across the border.',
    'Municipalities in the {place} area report that {topic} is not properly arranged across the border.',
    'For {topic}, citizens and companies in the {place} area have to deal with two administrations.',
  ],
  // Cut from the real summaries and known statuses of reference-data/sample-obstacles.json.
  sentences: [
    'Employers often still withhold Dutch tax on the full salary, which can lead to double taxation and slow mutual-agreement procedures.',
    'Pandemic waivers postponed this repeatedly.',
    'Because the statutory pension age differed between Belgium (65) and the Netherlands (67), people can face a gap in income around retirement.',
    'In one reported case this took two and a half months, during which customs could fine him.',
    'Dutch insurers reimburse patients who choose Belgian hospitals, but Belgian patients are not reimbursed for care at the Dutch hospital, so patient flows run one way.',
    'Zeeland complained it was not informed and that the Flemish permit allowed far more than Dutch norms.',
    'Fish consumption advice and damage claims followed.',
    'It was one of the agenda items brought into the Flemish–Dutch border governance in 2021 by border authorities.',
    'Statistics stop at the national border, so decision makers lack figures on cross-border flows and needs.',
    'Reinforced inland vessels wanted to sail from Zeebrugge to Antwerp over the Westerschelde, which needed agreement between Flanders and the Netherlands on conditions.',
    'It needs agreement between three countries and has stalled for years.',
    'The missing link was put on the agenda of the 2018 Flemish–Dutch Top.',
    'ITEM examined the effects in a cross-border impact assessment.',
    'Legal, spatial-planning and economic frameworks that stop at the border make such projects hard to realise.',
    'A parent living in the Netherlands and working in Germany may get neither benefit.',
    'The region sought transparent procedures for treatment and reimbursement.',
    'The Dutch government ran extra test facilities for two months; no evaluation or standing playbook followed.',
    'Different national application of the rules creates fraud risks.',
    'Euregio expert workshops list such problems and draft legal fixes.',
    'A b-solutions project produced a roadmap and fact sheets for promising professions.',
    'The fix required a change in the law of one country only.',
    'The obstacle was solved via French law 2022-217 (3DS) after work in the Franco-German committee.',
    'It was put on the Franco-German committee’s 2020 work programme.',
    'Getting technical approval in both countries is complex and costly, blocking a local service.',
    'Known status: selected as b-solutions advice case (3rd call).',
    'Known status: analysed in ITEM Cross-Border Impact Assessment; later status not verified.',
    'Known status: concluded, resolved (2023).',
    'Known status: open; discussed again at the Flemish–Dutch Top.',
  ],
  worker: {
    title: '{topic} of frontier workers {problem}',
    sentences: [
      'Under the EU coordination rules a frontier worker who works 25% or more in the country of residence falls under that country’s social security.',
      'Frontier workers get contradictory information from the administrations of both countries.',
    ],
  },
  rare: ['Residents of Kievitsdonk reported the problem.'],
  groups: [
    'Employees, employers and benefit agencies',
    'Patients and insurers',
    'Students and apprentices',
    'Families with children',
    'Companies and the self-employed',
    'Pensioners',
    'Travellers and carriers',
  ],
  exonyms: {
    Aachen: 'Aachen',
    Strasbourg: 'Strasbourg',
    Kleve: 'Kleve',
    Copenhagen: 'Copenhagen',
    Antwerp: 'Antwerp',
    Ghent: 'Ghent',
  },
};

export const VOCABULARY: Record<Language, Vocabulary> = { nl, fr, de, en };

/** Places per border segment, as pairs across the border (or one region); names go through `exonyms`. */
export const PLACES: Record<SegmentKey, string[][]> = {
  'nl-vl': [
    ['Zeeuws-Vlaanderen', 'Ghent'],
    ['Baarle-Nassau', 'Baarle-Hertog'],
    ['Roosendaal', 'Antwerp'],
    ['Maastricht', 'Lanaken'],
    ['Terneuzen', 'Ghent'],
    ['Weert', 'Mol'],
    ['Hasselt', 'Maastricht'],
  ],
  'nl-nw': [
    ['Venlo', 'Nettetal'],
    ['Kerkrade', 'Herzogenrath'],
    ['Nijmegen', 'Kleve'],
    ['Heerlen', 'Aachen'],
    ['Enschede', 'Gronau'],
  ],
  'nl-ni': [
    ['Emmen', 'Meppen'],
    ['Groningen', 'Leer'],
    ['Bad Nieuweschans', 'Weener'],
    ['Coevorden', 'Nordhorn'],
  ],
  'fr-de': [
    ['Strasbourg', 'Kehl'],
    ['Forbach', 'Saarbrücken'],
    ['Lauterbourg', 'Karlsruhe'],
    ['Mulhouse', 'Freiburg'],
  ],
  'fr-es': [
    ['Hendaye', 'Irun'],
    ['Bourg-Madame', 'Puigcerdà'],
    ['Perpignan', 'Figueres'],
  ],
  nordic: [
    ['Malmö', 'Copenhagen'],
    ['Haparanda', 'Tornio'],
    ['Kirkenes', 'Nikel'],
    ['Strömstad', 'Halden'],
  ],
};

export const MUNICIPALITIES: Record<SegmentKey, string[]> = {
  'nl-vl': ['Sluis', 'Terneuzen', 'Hulst', 'Baarle-Nassau', 'Baarle-Hertog', 'Maastricht', 'Lanaken', 'Essen', 'Hamont-Achel'],
  'nl-nw': ['Venlo', 'Nettetal', 'Kerkrade', 'Herzogenrath', 'Nijmegen', 'Kleve', 'Enschede', 'Gronau'],
  'nl-ni': ['Emmen', 'Meppen', 'Oldambt', 'Leer', 'Coevorden', 'Nordhorn'],
  'fr-de': ['Strasbourg', 'Kehl', 'Forbach', 'Saarbrücken', 'Lauterbourg'],
  'fr-es': ['Hendaye', 'Irun', 'Bourg-Madame', 'Puigcerdà'],
  nordic: ['Malmö', 'København', 'Haparanda', 'Tornio', 'Strömstad', 'Halden'],
};

export const PROVISIONS: {
  side: string;
  citation: string;
  level: 'eu' | 'international' | 'national' | 'federal' | 'regional';
}[] = [
  { side: 'EU', citation: 'Verordening (EG) nr. 883/2004, art. 13', level: 'eu' },
  { side: 'EU', citation: 'Richtlijn 2011/24/EU, art. 7', level: 'eu' },
  { side: 'EU', citation: 'Richtlijn 91/676/EEG (Nitraatrichtlijn)', level: 'eu' },
  { side: 'NL', citation: 'Wet op de loonbelasting 1964, art. 28a', level: 'national' },
  { side: 'NL', citation: 'Wet BPM 1992, art. 1', level: 'national' },
  { side: 'NL', citation: 'Algemene Kinderbijslagwet, art. 7', level: 'national' },
  { side: 'BE', citation: 'WIB 1992, art. 228', level: 'federal' },
  { side: 'BE', citation: 'Vlaams Omgevingsvergunningsdecreet, art. 70', level: 'regional' },
  { side: 'DE', citation: '§ 8 SGB IV', level: 'federal' },
  { side: 'DE', citation: '§ 6a BKGG', level: 'federal' },
  { side: 'FR', citation: 'Code du sport, art. L231-2-1', level: 'national' },
  { side: 'FR', citation: 'Loi n° 2022-217 (3DS), art. 18', level: 'national' },
  { side: 'NL', citation: 'Belastingverdrag Nederland-België 2001, art. 15', level: 'international' },
  { side: 'NL', citation: 'Belastingverdrag Nederland-Duitsland 2012, art. 14', level: 'international' },
];

export const EVIDENCE_SOURCES: { title: string; url: string }[] = [
  { title: 'b-solutions advice case', url: 'https://futurium.ec.europa.eu/en/border-focal-point-network/b-solutions' },
  { title: 'ITEM Cross-Border Impact Assessment', url: 'https://itemcrossborder.eu/cross-border-impact-assessment' },
  { title: 'Grensinfopunt', url: 'https://www.grensinfopunt.nl' },
  { title: 'Nordic Freedom of Movement Council', url: 'https://www.norden.org/en/information/freedom-movement-council' },
  { title: 'Kamerstuk', url: 'https://zoek.officielebekendmakingen.nl/kst-35714-K.html' },
  { title: 'Vlaams-Nederlandse Top', url: 'https://www.vlaanderen.be/vlaams-nederlandse-samenwerking' },
];
