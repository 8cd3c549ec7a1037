import { makeStyles, tokens } from '@fluentui/react-components';
import type { FindingView, UnscannedView } from '../pane-view';
import type { PaneStrings } from '../strings';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  item: { borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`, paddingLeft: '8px' },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: '8px',
    fontWeight: tokens.fontWeightSemibold,
  },
  detail: { margin: '2px 0 0', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  place: { display: 'block' },
  sample: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
});

/** Each finding type with its count, where it was found, and masked samples. */
export function FindingList({ findings, strings }: { findings: FindingView[]; strings: PaneStrings }) {
  const styles = useStyles();
  if (findings.length === 0) return <p>{strings.noFindings}</p>;
  return (
    <ul className={styles.list} data-testid="findings">
      {findings.map((finding) => (
        <li key={finding.entity} className={styles.item} data-entity={finding.entity}>
          <div className={styles.head}>
            <span>{finding.label}</span>
            <span>{finding.count}</span>
          </div>
          {finding.places.length > 0 && (
            <p className={styles.detail}>
              {finding.places.map((place) => (
                <span key={place} className={styles.place}>
                  {place}
                </span>
              ))}
            </p>
          )}
          {finding.samples.length > 0 && (
            <p className={styles.detail}>
              {strings.maskedSamples}:{' '}
              {finding.samples.map((sample, index) => (
                <span key={sample}>
                  {index > 0 && ', '}
                  <span className={styles.sample}>{sample}</span>
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Attachments that could not be read: never a silent pass, always shown. */
export function UnscannedList({ items, strings }: { items: UnscannedView[]; strings: PaneStrings }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} data-testid="unscanned">
      {items.map((item) => (
        <li key={`${item.name}:${item.reason}`} className={styles.item}>
          <div className={styles.head}>
            <span style={{ overflowWrap: 'anywhere' }}>{item.name}</span>
          </div>
          <p className={styles.detail}>{strings.unscannedReason(item.reason)}</p>
        </li>
      ))}
    </ul>
  );
}
