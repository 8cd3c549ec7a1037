import type { Detector } from '../detect/detector';
import { creditCard } from './credit-card';
import { usSsn } from './us-ssn';

/** Every detector, in no particular order: the engine resolves overlaps by score. */
export const ALL_DETECTORS: readonly Detector[] = [usSsn, creditCard];
