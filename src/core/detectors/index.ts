import type { Detector } from '../detect/detector';
import { caSin } from './ca-sin';
import { dateOfBirth } from './date-of-birth';
import { emailAddress } from './email';
import { ipAddress } from './ip-address';
import { medicalLicense } from './medical-license';
import { phoneNumber } from './phone';
import { ukNhs } from './uk-nhs';
import { ukNino } from './uk-nino';
import { usMbi } from './us-mbi';
import { usNpi } from './us-npi';
import { creditCard } from './credit-card';
import { abaRouting } from './aba-routing';
import { iban } from './iban';
import { usBankNumber } from './us-bank-number';
import { usDriverLicense } from './us-driver-license';
import { usEin } from './us-ein';
import { usItin } from './us-itin';
import { usPassport } from './us-passport';
import { usSsn } from './us-ssn';

/** Every detector, in no particular order: the engine resolves overlaps by score. */
export const ALL_DETECTORS: readonly Detector[] = [
  usSsn,
  creditCard,
  usItin,
  iban,
  usBankNumber,
  abaRouting,
  usEin,
  usPassport,
  usDriverLicense,
  usNpi,
  usMbi,
  medicalLicense,
  emailAddress,
  ukNino,
  ukNhs,
  caSin,
  ipAddress,
  phoneNumber,
  dateOfBirth,
];
