import type { Action } from '../policy/policy';
import type { OutsideClass } from '../policy/verdict';
import type { EntityId, UnscannedReason } from '../types';

/** The languages SendWarden speaks. Anything else falls back to English. */
export const LANGUAGES = ['en', 'es', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** [singular, plural] */
type Forms = readonly [string, string];

export interface MessageTexts {
  title: Record<Action, string>;
  lead: Record<Action, string>;
  /** Appended to the encrypt lead when the employee may justify instead. */
  orJustify: string;
  /** Button labels, at most 20 characters (the Smart Alerts limit). */
  button: Record<Action, string>;
  entities: Record<EntityId, Forms>;
  /** ': ' in most languages; French puts a (no-break) space before the colon. */
  colon: string;
  found: string;
  inPlaces: string;
  subject: string;
  body: string;
  outside: string;
  classes: Record<OutsideClass, string>;
  looksLike: string;
  unscanned: string;
  unscannedReasons: Record<UnscannedReason, string>;
  scanIncomplete: string;
  markForEncryption: string;
  andMore: string;
  and: string;
}

const EN: MessageTexts = {
  title: {
    allow: 'Ready to send',
    warn: 'Check before sending',
    justify: 'A reason is needed',
    encrypt: 'Encryption required',
    block: 'Sending blocked',
  },
  lead: {
    allow: 'Nothing to flag.',
    warn: 'Please check this message before you send it.',
    justify: 'This message needs a business reason before it is sent.',
    encrypt: 'This message must be encrypted before it is sent',
    block: 'This message cannot be sent as it is.',
  },
  orJustify: ', or sent with a business reason',
  button: { allow: 'Send', warn: 'Review', justify: 'Give a reason', encrypt: 'Encrypt', block: 'Review' },
  entities: {
    US_SSN: ['Social Security number', 'Social Security numbers'],
    US_ITIN: ['taxpayer ID (ITIN)', 'taxpayer IDs (ITIN)'],
    CREDIT_CARD: ['card number', 'card numbers'],
    IBAN_CODE: ['IBAN', 'IBANs'],
    US_BANK_NUMBER: ['bank account number', 'bank account numbers'],
    ABA_ROUTING_NUMBER: ['routing number', 'routing numbers'],
    US_PASSPORT: ['passport number', 'passport numbers'],
    US_DRIVER_LICENSE: ["driver's license number", "driver's license numbers"],
    US_NPI: ['provider ID (NPI)', 'provider IDs (NPI)'],
    US_MBI: ['Medicare ID', 'Medicare IDs'],
    MEDICAL_LICENSE: ['medical license number', 'medical license numbers'],
    US_EIN: ['employer ID (EIN)', 'employer IDs (EIN)'],
    DATE_OF_BIRTH: ['date of birth', 'dates of birth'],
    EMAIL_ADDRESS: ['e-mail address', 'e-mail addresses'],
    PHONE_NUMBER: ['phone number', 'phone numbers'],
    IP_ADDRESS: ['IP address', 'IP addresses'],
    UK_NINO: ['UK National Insurance number', 'UK National Insurance numbers'],
    UK_NHS: ['NHS number', 'NHS numbers'],
    CA_SIN: ['Canadian SIN', 'Canadian SINs'],
  },
  colon: ': ',
  found: 'Found',
  inPlaces: 'in',
  subject: 'the subject',
  body: 'the body',
  outside: 'Outside recipients',
  classes: { partner: 'partner', personal: 'personal mail', external: 'external', lookalike: 'look-alike' },
  looksLike: '{domain} looks like {of} but is not.',
  unscanned: 'Could not scan',
  unscannedReasons: {
    encrypted: 'encrypted',
    'too-large': 'too large',
    corrupt: 'damaged',
    unsupported: 'unsupported',
    timeout: 'timed out',
    image: 'image',
    cloud: 'cloud link',
    limit: 'limit reached',
  },
  scanIncomplete: 'The scan did not finish.',
  markForEncryption: 'Mark it for encryption to send it.',
  andMore: 'and {n} more',
  and: 'and',
};

const ES: MessageTexts = {
  title: {
    allow: 'Listo para enviar',
    warn: 'Revise antes de enviar',
    justify: 'Se necesita un motivo',
    encrypt: 'Cifrado obligatorio',
    block: 'Envío bloqueado',
  },
  lead: {
    allow: 'Nada que señalar.',
    warn: 'Revise este mensaje antes de enviarlo.',
    justify: 'Este mensaje necesita un motivo de negocio para enviarse.',
    encrypt: 'Este mensaje debe cifrarse antes de enviarse',
    block: 'Este mensaje no se puede enviar tal como está.',
  },
  orJustify: ', o enviarse con un motivo de negocio',
  button: { allow: 'Enviar', warn: 'Revisar', justify: 'Dar un motivo', encrypt: 'Cifrar', block: 'Revisar' },
  entities: {
    US_SSN: ['número de Seguro Social', 'números de Seguro Social'],
    US_ITIN: ['ITIN', 'ITIN'],
    CREDIT_CARD: ['número de tarjeta', 'números de tarjeta'],
    IBAN_CODE: ['IBAN', 'IBAN'],
    US_BANK_NUMBER: ['número de cuenta bancaria', 'números de cuenta bancaria'],
    ABA_ROUTING_NUMBER: ['número de ruta bancaria', 'números de ruta bancaria'],
    US_PASSPORT: ['número de pasaporte', 'números de pasaporte'],
    US_DRIVER_LICENSE: ['número de licencia de conducir', 'números de licencia de conducir'],
    US_NPI: ['ID de proveedor (NPI)', 'ID de proveedor (NPI)'],
    US_MBI: ['ID de Medicare', 'ID de Medicare'],
    MEDICAL_LICENSE: ['número de licencia médica', 'números de licencia médica'],
    US_EIN: ['ID de empleador (EIN)', 'ID de empleador (EIN)'],
    DATE_OF_BIRTH: ['fecha de nacimiento', 'fechas de nacimiento'],
    EMAIL_ADDRESS: ['dirección de correo', 'direcciones de correo'],
    PHONE_NUMBER: ['número de teléfono', 'números de teléfono'],
    IP_ADDRESS: ['dirección IP', 'direcciones IP'],
    UK_NINO: ['número de Seguro Nacional (RU)', 'números de Seguro Nacional (RU)'],
    UK_NHS: ['número del NHS', 'números del NHS'],
    CA_SIN: ['SIN canadiense', 'SIN canadienses'],
  },
  colon: ': ',
  found: 'Encontrado',
  inPlaces: 'en',
  subject: 'el asunto',
  body: 'el cuerpo',
  outside: 'Destinatarios externos',
  classes: { partner: 'socio', personal: 'correo personal', external: 'externo', lookalike: 'suplantación' },
  looksLike: '{domain} se parece a {of}, pero no lo es.',
  unscanned: 'No se pudo analizar',
  unscannedReasons: {
    encrypted: 'cifrado',
    'too-large': 'demasiado grande',
    corrupt: 'dañado',
    unsupported: 'no compatible',
    timeout: 'tiempo agotado',
    image: 'imagen',
    cloud: 'enlace en la nube',
    limit: 'límite alcanzado',
  },
  scanIncomplete: 'El análisis no terminó.',
  markForEncryption: 'Márquelo para cifrado para enviarlo.',
  andMore: 'y {n} más',
  and: 'y',
};

const FR: MessageTexts = {
  title: {
    allow: 'Prêt à envoyer',
    warn: 'Vérifiez avant l’envoi',
    justify: 'Un motif est requis',
    encrypt: 'Chiffrement requis',
    block: 'Envoi bloqué',
  },
  lead: {
    allow: 'Rien à signaler.',
    warn: 'Vérifiez ce message avant de l’envoyer.',
    justify: 'Ce message nécessite un motif professionnel pour être envoyé.',
    encrypt: 'Ce message doit être chiffré avant l’envoi',
    block: 'Ce message ne peut pas être envoyé en l’état.',
  },
  orJustify: ', ou envoyé avec un motif professionnel',
  button: {
    allow: 'Envoyer',
    warn: 'Vérifier',
    justify: 'Justifier',
    encrypt: 'Chiffrer',
    block: 'Vérifier',
  },
  entities: {
    US_SSN: ['numéro de sécurité sociale (US)', 'numéros de sécurité sociale (US)'],
    US_ITIN: ['ITIN', 'ITIN'],
    CREDIT_CARD: ['numéro de carte', 'numéros de carte'],
    IBAN_CODE: ['IBAN', 'IBAN'],
    US_BANK_NUMBER: ['numéro de compte bancaire', 'numéros de compte bancaire'],
    ABA_ROUTING_NUMBER: ['code de routage bancaire', 'codes de routage bancaire'],
    US_PASSPORT: ['numéro de passeport', 'numéros de passeport'],
    US_DRIVER_LICENSE: ['numéro de permis de conduire', 'numéros de permis de conduire'],
    US_NPI: ['identifiant de soignant (NPI)', 'identifiants de soignant (NPI)'],
    US_MBI: ['identifiant Medicare', 'identifiants Medicare'],
    MEDICAL_LICENSE: ['numéro de licence médicale', 'numéros de licence médicale'],
    US_EIN: ['identifiant employeur (EIN)', 'identifiants employeur (EIN)'],
    DATE_OF_BIRTH: ['date de naissance', 'dates de naissance'],
    EMAIL_ADDRESS: ['adresse e-mail', 'adresses e-mail'],
    PHONE_NUMBER: ['numéro de téléphone', 'numéros de téléphone'],
    IP_ADDRESS: ['adresse IP', 'adresses IP'],
    UK_NINO: ['numéro National Insurance (RU)', 'numéros National Insurance (RU)'],
    UK_NHS: ['numéro NHS', 'numéros NHS'],
    CA_SIN: ['NAS canadien', 'NAS canadiens'],
  },
  colon: '\u00a0: ',
  found: 'Trouvé',
  inPlaces: 'dans',
  subject: 'l’objet',
  body: 'le corps',
  outside: 'Destinataires externes',
  classes: {
    partner: 'partenaire',
    personal: 'messagerie personnelle',
    external: 'externe',
    lookalike: 'imitation',
  },
  looksLike: '{domain} ressemble à {of} mais ne l’est pas.',
  unscanned: 'Analyse impossible',
  unscannedReasons: {
    encrypted: 'chiffré',
    'too-large': 'trop volumineux',
    corrupt: 'endommagé',
    unsupported: 'non pris en charge',
    timeout: 'délai dépassé',
    image: 'image',
    cloud: 'lien cloud',
    limit: 'limite atteinte',
  },
  scanIncomplete: 'L’analyse ne s’est pas terminée.',
  markForEncryption: 'Marquez-le pour chiffrement pour l’envoyer.',
  andMore: 'et {n} de plus',
  and: 'et',
};

const DE: MessageTexts = {
  title: {
    allow: 'Bereit zum Senden',
    warn: 'Vor dem Senden prüfen',
    justify: 'Begründung nötig',
    encrypt: 'Verschlüsselung nötig',
    block: 'Senden blockiert',
  },
  lead: {
    allow: 'Nichts zu beanstanden.',
    warn: 'Bitte prüfen Sie diese Nachricht vor dem Senden.',
    justify: 'Diese Nachricht braucht vor dem Senden eine geschäftliche Begründung.',
    encrypt: 'Diese Nachricht muss vor dem Senden verschlüsselt werden',
    block: 'Diese Nachricht kann so nicht gesendet werden.',
  },
  orJustify: ' oder mit einer geschäftlichen Begründung gesendet werden',
  button: {
    allow: 'Senden',
    warn: 'Prüfen',
    justify: 'Begründen',
    encrypt: 'Verschlüsseln',
    block: 'Prüfen',
  },
  entities: {
    US_SSN: ['US-Sozialversicherungsnummer', 'US-Sozialversicherungsnummern'],
    US_ITIN: ['US-Steuer-ID (ITIN)', 'US-Steuer-IDs (ITIN)'],
    CREDIT_CARD: ['Kartennummer', 'Kartennummern'],
    IBAN_CODE: ['IBAN', 'IBANs'],
    US_BANK_NUMBER: ['Kontonummer', 'Kontonummern'],
    ABA_ROUTING_NUMBER: ['Bankleitzahl (ABA)', 'Bankleitzahlen (ABA)'],
    US_PASSPORT: ['Reisepassnummer', 'Reisepassnummern'],
    US_DRIVER_LICENSE: ['Führerscheinnummer', 'Führerscheinnummern'],
    US_NPI: ['Behandler-ID (NPI)', 'Behandler-IDs (NPI)'],
    US_MBI: ['Medicare-ID', 'Medicare-IDs'],
    MEDICAL_LICENSE: ['Approbationsnummer', 'Approbationsnummern'],
    US_EIN: ['Arbeitgeber-ID (EIN)', 'Arbeitgeber-IDs (EIN)'],
    DATE_OF_BIRTH: ['Geburtsdatum', 'Geburtsdaten'],
    EMAIL_ADDRESS: ['E-Mail-Adresse', 'E-Mail-Adressen'],
    PHONE_NUMBER: ['Telefonnummer', 'Telefonnummern'],
    IP_ADDRESS: ['IP-Adresse', 'IP-Adressen'],
    UK_NINO: ['britische Versicherungsnummer', 'britische Versicherungsnummern'],
    UK_NHS: ['NHS-Nummer', 'NHS-Nummern'],
    CA_SIN: ['kanadische SIN', 'kanadische SINs'],
  },
  colon: ': ',
  found: 'Gefunden',
  inPlaces: 'in',
  subject: 'Betreff',
  body: 'Text',
  outside: 'Externe Empfänger',
  classes: { partner: 'Partner', personal: 'privates Postfach', external: 'extern', lookalike: 'Imitat' },
  looksLike: '{domain} ähnelt {of}, ist es aber nicht.',
  unscanned: 'Nicht prüfbar',
  unscannedReasons: {
    encrypted: 'verschlüsselt',
    'too-large': 'zu groß',
    corrupt: 'beschädigt',
    unsupported: 'nicht unterstützt',
    timeout: 'Zeitüberschreitung',
    image: 'Bild',
    cloud: 'Cloud-Link',
    limit: 'Grenze erreicht',
  },
  scanIncomplete: 'Die Prüfung wurde nicht abgeschlossen.',
  markForEncryption: 'Markieren Sie sie zur Verschlüsselung, um sie zu senden.',
  andMore: 'und {n} weitere',
  and: 'und',
};

export const MESSAGE_TEXTS: Record<Language, MessageTexts> = { en: EN, es: ES, fr: FR, de: DE };

/** 'de-DE' -> 'de'; unknown or absent locales -> 'en'. */
export function languageOf(locale: string | undefined): Language {
  const primary = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).indexOf(primary) >= 0 ? (primary as Language) : 'en';
}
