/**
 * The task pane's own words, in the four languages the Smart Alerts messages speak. The verdict
 * sentence itself comes from the core's message renderer; these are the labels around it.
 */

export type PaneLocale = 'en' | 'es' | 'fr' | 'de';

export interface PaneStrings {
  title: string;
  scanning: string;
  scanningAttachment: (name: string) => string;
  actionLabel: Record<'allow' | 'warn' | 'justify' | 'encrypt' | 'block', string>;
  outsideRecipients: string;
  noOutsideRecipients: string;
  recipientClass: Record<'internal' | 'partner' | 'personal' | 'external' | 'lookalike', string>;
  lookalikeHint: string;
  findings: string;
  noFindings: string;
  maskedSamples: string;
  unscanned: string;
  unscannedReason: (reason: string) => string;
  actions: string;
  encrypt: string;
  encryptAndSend: string;
  removeOutside: string;
  redact: string;
  justify: string;
  reportFalsePositive: string;
  justifyTitle: string;
  reason: string;
  pickReason: string;
  otherReason: string;
  explain: string;
  sendWithJustification: string;
  cancel: string;
  done: {
    encryptedSent: string;
    encryptedPressSend: string;
    removed: (count: number) => string;
    redacted: (count: number) => string;
    justifiedSent: string;
    justifiedPressSend: string;
    reported: string;
  };
  failed: string;
  retry: string;
  /** Shown when the Smart Alerts button opened the pane. */
  heldAtSend: string;
  partSubject: string;
  partBody: string;
  andMore: (count: number) => string;
}

const en: PaneStrings = {
  title: 'SendWarden',
  scanning: 'Checking this message…',
  scanningAttachment: (name) => `Scanning ${name}…`,
  actionLabel: {
    allow: 'Ready to send',
    warn: 'Check before sending',
    justify: 'A reason is needed to send',
    encrypt: 'Encryption required',
    block: 'This message cannot be sent',
  },
  outsideRecipients: 'Outside recipients',
  noOutsideRecipients: 'All recipients are inside your organization.',
  recipientClass: {
    internal: 'Internal',
    partner: 'Partner',
    personal: 'Personal email',
    external: 'External',
    lookalike: 'Look-alike domain',
  },
  lookalikeHint: 'This domain imitates a known one. Check the address.',
  findings: 'Sensitive data found',
  noFindings: 'No sensitive data found.',
  maskedSamples: 'Masked samples',
  unscanned: 'Could not be checked',
  unscannedReason: (reason) => UNSCANNED.en[reason] ?? reason,
  actions: 'What you can do',
  encrypt: 'Encrypt',
  encryptAndSend: 'Encrypt and send',
  removeOutside: 'Remove outside recipients',
  redact: 'Mask the data in the body',
  justify: 'Send with a justification',
  reportFalsePositive: 'Report a false positive',
  justifyTitle: 'Why does this need to go out?',
  reason: 'Reason',
  pickReason: 'Pick a reason',
  otherReason: 'Other (explain below)',
  explain: 'Details',
  sendWithJustification: 'Send',
  cancel: 'Cancel',
  done: {
    encryptedSent: 'Marked for encryption and sent.',
    encryptedPressSend: 'Marked for encryption. Press Send to send it.',
    removed: (n) => `Removed ${n} outside recipient${n === 1 ? '' : 's'}.`,
    redacted: (n) => `Masked ${n} value${n === 1 ? '' : 's'} in the body.`,
    justifiedSent: 'Your reason was recorded and the message was sent.',
    justifiedPressSend: 'Your reason was recorded. Press Send to send it.',
    reported: 'Thank you. IT will review this false positive.',
  },
  failed: 'That did not work. Try again, or contact IT.',
  retry: 'Check again',
  heldAtSend: 'Outlook held your message at Send. Here is why, and what you can do.',
  partSubject: 'Subject',
  partBody: 'Body',
  andMore: (n) => `and ${n} more`,
};

const es: PaneStrings = {
  title: 'SendWarden',
  scanning: 'Revisando este mensaje…',
  scanningAttachment: (name) => `Analizando ${name}…`,
  actionLabel: {
    allow: 'Listo para enviar',
    warn: 'Revise antes de enviar',
    justify: 'Se necesita un motivo para enviar',
    encrypt: 'Se requiere cifrado',
    block: 'Este mensaje no se puede enviar',
  },
  outsideRecipients: 'Destinatarios externos',
  noOutsideRecipients: 'Todos los destinatarios son de su organización.',
  recipientClass: {
    internal: 'Interno',
    partner: 'Socio',
    personal: 'Correo personal',
    external: 'Externo',
    lookalike: 'Dominio parecido',
  },
  lookalikeHint: 'Este dominio imita a uno conocido. Compruebe la dirección.',
  findings: 'Datos sensibles encontrados',
  noFindings: 'No se encontraron datos sensibles.',
  maskedSamples: 'Muestras enmascaradas',
  unscanned: 'No se pudo revisar',
  unscannedReason: (reason) => UNSCANNED.es[reason] ?? reason,
  actions: 'Qué puede hacer',
  encrypt: 'Cifrar',
  encryptAndSend: 'Cifrar y enviar',
  removeOutside: 'Quitar destinatarios externos',
  redact: 'Enmascarar los datos del cuerpo',
  justify: 'Enviar con una justificación',
  reportFalsePositive: 'Notificar un falso positivo',
  justifyTitle: '¿Por qué debe enviarse?',
  reason: 'Motivo',
  pickReason: 'Elija un motivo',
  otherReason: 'Otro (explíquelo abajo)',
  explain: 'Detalles',
  sendWithJustification: 'Enviar',
  cancel: 'Cancelar',
  done: {
    encryptedSent: 'Marcado para cifrado y enviado.',
    encryptedPressSend: 'Marcado para cifrado. Pulse Enviar para enviarlo.',
    removed: (n) => `Se quitaron ${n} destinatario${n === 1 ? '' : 's'} externo${n === 1 ? '' : 's'}.`,
    redacted: (n) => `Se enmascararon ${n} valor${n === 1 ? '' : 'es'} en el cuerpo.`,
    justifiedSent: 'Se registró su motivo y se envió el mensaje.',
    justifiedPressSend: 'Se registró su motivo. Pulse Enviar para enviarlo.',
    reported: 'Gracias. TI revisará este falso positivo.',
  },
  failed: 'No funcionó. Inténtelo de nuevo o contacte con TI.',
  retry: 'Revisar de nuevo',
  heldAtSend: 'Outlook retuvo su mensaje al enviarlo. Este es el motivo y lo que puede hacer.',
  partSubject: 'Asunto',
  partBody: 'Cuerpo',
  andMore: (n) => `y ${n} más`,
};

const fr: PaneStrings = {
  title: 'SendWarden',
  scanning: 'Vérification du message…',
  scanningAttachment: (name) => `Analyse de ${name}…`,
  actionLabel: {
    allow: 'Prêt à envoyer',
    warn: 'Vérifiez avant d’envoyer',
    justify: 'Un motif est nécessaire pour envoyer',
    encrypt: 'Chiffrement requis',
    block: 'Ce message ne peut pas être envoyé',
  },
  outsideRecipients: 'Destinataires externes',
  noOutsideRecipients: 'Tous les destinataires sont dans votre organisation.',
  recipientClass: {
    internal: 'Interne',
    partner: 'Partenaire',
    personal: 'Messagerie personnelle',
    external: 'Externe',
    lookalike: 'Domaine imitant',
  },
  lookalikeHint: 'Ce domaine imite un domaine connu. Vérifiez l’adresse.',
  findings: 'Données sensibles trouvées',
  noFindings: 'Aucune donnée sensible trouvée.',
  maskedSamples: 'Exemples masqués',
  unscanned: 'Impossible à vérifier',
  unscannedReason: (reason) => UNSCANNED.fr[reason] ?? reason,
  actions: 'Que pouvez-vous faire',
  encrypt: 'Chiffrer',
  encryptAndSend: 'Chiffrer et envoyer',
  removeOutside: 'Retirer les destinataires externes',
  redact: 'Masquer les données du corps',
  justify: 'Envoyer avec une justification',
  reportFalsePositive: 'Signaler un faux positif',
  justifyTitle: 'Pourquoi ce message doit-il partir ?',
  reason: 'Motif',
  pickReason: 'Choisissez un motif',
  otherReason: 'Autre (précisez ci-dessous)',
  explain: 'Précisions',
  sendWithJustification: 'Envoyer',
  cancel: 'Annuler',
  done: {
    encryptedSent: 'Marqué pour chiffrement et envoyé.',
    encryptedPressSend: 'Marqué pour chiffrement. Cliquez sur Envoyer.',
    removed: (n) =>
      `${n} destinataire${n === 1 ? '' : 's'} externe${n === 1 ? '' : 's'} retiré${n === 1 ? '' : 's'}.`,
    redacted: (n) => `${n} valeur${n === 1 ? '' : 's'} masquée${n === 1 ? '' : 's'} dans le corps.`,
    justifiedSent: 'Votre motif est enregistré et le message est envoyé.',
    justifiedPressSend: 'Votre motif est enregistré. Cliquez sur Envoyer.',
    reported: 'Merci. Le service informatique examinera ce faux positif.',
  },
  failed: 'Cela n’a pas fonctionné. Réessayez ou contactez le service informatique.',
  retry: 'Vérifier à nouveau',
  heldAtSend: 'Outlook a retenu votre message à l’envoi. Voici pourquoi et ce que vous pouvez faire.',
  partSubject: 'Objet',
  partBody: 'Corps',
  andMore: (n) => `et ${n} de plus`,
};

const de: PaneStrings = {
  title: 'SendWarden',
  scanning: 'Nachricht wird geprüft…',
  scanningAttachment: (name) => `${name} wird geprüft…`,
  actionLabel: {
    allow: 'Bereit zum Senden',
    warn: 'Vor dem Senden prüfen',
    justify: 'Zum Senden ist eine Begründung nötig',
    encrypt: 'Verschlüsselung erforderlich',
    block: 'Diese Nachricht kann nicht gesendet werden',
  },
  outsideRecipients: 'Externe Empfänger',
  noOutsideRecipients: 'Alle Empfänger gehören zu Ihrer Organisation.',
  recipientClass: {
    internal: 'Intern',
    partner: 'Partner',
    personal: 'Private E-Mail',
    external: 'Extern',
    lookalike: 'Ähnliche Domäne',
  },
  lookalikeHint: 'Diese Domäne ahmt eine bekannte nach. Prüfen Sie die Adresse.',
  findings: 'Gefundene sensible Daten',
  noFindings: 'Keine sensiblen Daten gefunden.',
  maskedSamples: 'Maskierte Beispiele',
  unscanned: 'Konnte nicht geprüft werden',
  unscannedReason: (reason) => UNSCANNED.de[reason] ?? reason,
  actions: 'Was Sie tun können',
  encrypt: 'Verschlüsseln',
  encryptAndSend: 'Verschlüsseln und senden',
  removeOutside: 'Externe Empfänger entfernen',
  redact: 'Daten im Text maskieren',
  justify: 'Mit Begründung senden',
  reportFalsePositive: 'Fehlalarm melden',
  justifyTitle: 'Warum muss diese Nachricht raus?',
  reason: 'Grund',
  pickReason: 'Grund auswählen',
  otherReason: 'Sonstiges (unten erläutern)',
  explain: 'Erläuterung',
  sendWithJustification: 'Senden',
  cancel: 'Abbrechen',
  done: {
    encryptedSent: 'Zur Verschlüsselung markiert und gesendet.',
    encryptedPressSend: 'Zur Verschlüsselung markiert. Klicken Sie auf Senden.',
    removed: (n) => `${n} externe${n === 1 ? 'r' : ''} Empfänger entfernt.`,
    redacted: (n) => `${n} Wert${n === 1 ? '' : 'e'} im Text maskiert.`,
    justifiedSent: 'Ihre Begründung wurde gespeichert und die Nachricht gesendet.',
    justifiedPressSend: 'Ihre Begründung wurde gespeichert. Klicken Sie auf Senden.',
    reported: 'Danke. Die IT prüft diesen Fehlalarm.',
  },
  failed: 'Das hat nicht geklappt. Versuchen Sie es erneut oder wenden Sie sich an die IT.',
  retry: 'Erneut prüfen',
  heldAtSend: 'Outlook hat Ihre Nachricht beim Senden angehalten. Hier steht, warum, und was Sie tun können.',
  partSubject: 'Betreff',
  partBody: 'Text',
  andMore: (n) => `und ${n} weitere`,
};

const UNSCANNED: Record<PaneLocale, Partial<Record<string, string>>> = {
  en: {
    encrypted: 'encrypted or password-protected',
    'too-large': 'too large',
    corrupt: 'damaged',
    unsupported: 'file type not supported',
    timeout: 'took too long',
    image: 'image (text in pictures is not read)',
    cloud: 'cloud link',
    limit: 'too many nested files',
  },
  es: {
    encrypted: 'cifrado o protegido con contraseña',
    'too-large': 'demasiado grande',
    corrupt: 'dañado',
    unsupported: 'tipo de archivo no compatible',
    timeout: 'tardó demasiado',
    image: 'imagen (no se lee el texto de las imágenes)',
    cloud: 'vínculo en la nube',
    limit: 'demasiados archivos anidados',
  },
  fr: {
    encrypted: 'chiffré ou protégé par mot de passe',
    'too-large': 'trop volumineux',
    corrupt: 'endommagé',
    unsupported: 'type de fichier non pris en charge',
    timeout: 'trop long à analyser',
    image: 'image (le texte des images n’est pas lu)',
    cloud: 'lien cloud',
    limit: 'trop de fichiers imbriqués',
  },
  de: {
    encrypted: 'verschlüsselt oder kennwortgeschützt',
    'too-large': 'zu groß',
    corrupt: 'beschädigt',
    unsupported: 'Dateityp nicht unterstützt',
    timeout: 'dauerte zu lange',
    image: 'Bild (Text in Bildern wird nicht gelesen)',
    cloud: 'Cloud-Link',
    limit: 'zu viele verschachtelte Dateien',
  },
};

const STRINGS: Record<PaneLocale, PaneStrings> = { en, es, fr, de };

/** 'de-AT' -> 'de'; anything unknown falls back to English. */
export function paneLocale(locale: string | undefined): PaneLocale {
  const language = (locale ?? 'en').slice(0, 2).toLowerCase();
  return language === 'es' || language === 'fr' || language === 'de' ? language : 'en';
}

export function stringsFor(locale: string | undefined): PaneStrings {
  return STRINGS[paneLocale(locale)];
}
