/**
 * One generic test over every detector's own examples, run through the whole engine
 * (normalization, the cluster prefilter, context and headers), so a detector cannot ship
 * without examples and its prefilter cannot silently hide its positives.
 */
import { scanText } from '../../src/core/detect/scan-text';
import { ALL_DETECTORS } from '../../src/core/detectors';
import { ENTITY_IDS } from '../../src/core/types';

describe.each(ALL_DETECTORS.map((d) => [d.entity, d] as const))('%s', (_entity, detector) => {
  it('has positive and negative examples', () => {
    expect(detector.examples.positive.length).toBeGreaterThanOrEqual(3);
    expect(detector.examples.negative.length).toBeGreaterThanOrEqual(3);
  });

  it('has a sticky pattern, a trigger and a description', () => {
    expect(detector.pattern.sticky).toBe(true);
    expect(detector.description.length).toBeGreaterThan(10);
    expect(detector.trigger.firstGroup[0]).toBeLessThanOrEqual(detector.trigger.firstGroup[1]);
  });

  it.each(detector.examples.positive.map((e) => [e.text, e] as const))('finds %j', (_text, example) => {
    const { findings } = scanText(example.text, { header: example.header });
    const own = findings.filter((f) => f.entity === detector.entity);
    expect(own).toHaveLength(1);
    const finding = own[0]!;
    expect(example.text.slice(finding.start, finding.end)).toBe(example.match);
    expect(finding.confidence).toBe(example.confidence);
    // The preview never shows the whole value.
    expect(finding.preview).toContain('*');
  });

  it.each(detector.examples.negative.map((t) => [t] as const))('ignores %j', (text) => {
    const own = scanText(text).findings.filter((f) => f.entity === detector.entity);
    expect(own).toEqual([]);
  });
});

it('registers one detector per entity id, each entity at most once', () => {
  const entities = ALL_DETECTORS.map((d) => d.entity);
  expect(new Set(entities).size).toBe(entities.length);
  for (const entity of entities) expect(ENTITY_IDS).toContain(entity);
});
