import type { Confidence } from '../types';

/**
 * Score thresholds for the tiers, after Purview's 65 / 75 / 85: a finding is high from 0.85,
 * medium from 0.65, low below that. Detectors score from evidence; tiers are derived here only.
 */
export const TIER_THRESHOLDS = { high: 0.85, medium: 0.65 } as const;

export const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

export function tierOf(score: number): Confidence {
  if (score >= TIER_THRESHOLDS.high) return 'high';
  if (score >= TIER_THRESHOLDS.medium) return 'medium';
  return 'low';
}

export function atLeast(confidence: Confidence, minimum: Confidence): boolean {
  return CONFIDENCE_ORDER.indexOf(confidence) >= CONFIDENCE_ORDER.indexOf(minimum);
}

export function parseConfidence(value: string): Confidence | null {
  return value === 'low' || value === 'medium' || value === 'high' ? value : null;
}
