import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { PaneRecipientClass, RecipientGroupView } from '../pane-view';
import type { PaneStrings } from '../strings';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  group: {
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  lookalike: {
    border: `2px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px' },
  domain: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  addresses: { margin: '2px 0 0', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

const BADGE_COLOR: Record<PaneRecipientClass, 'informative' | 'brand' | 'warning' | 'danger' | 'subtle'> = {
  internal: 'subtle',
  partner: 'brand',
  personal: 'warning',
  external: 'informative',
  lookalike: 'danger',
};

/** Outside recipients grouped by domain, each with its class; look-alikes stand out. */
export function RecipientGroups({ groups, strings }: { groups: RecipientGroupView[]; strings: PaneStrings }) {
  const styles = useStyles();
  if (groups.length === 0) return <p>{strings.noOutsideRecipients}</p>;
  return (
    <ul className={styles.list} data-testid="recipient-groups">
      {groups.map((group) => {
        const isLookalike = group.recipientClass === 'lookalike';
        return (
          <li
            key={group.domain}
            className={isLookalike ? `${styles.group} ${styles.lookalike}` : styles.group}
            data-class={group.recipientClass}
          >
            <div className={styles.head}>
              <span className={styles.domain}>{group.domain}</span>
              <Badge appearance={isLookalike ? 'filled' : 'tint'} color={BADGE_COLOR[group.recipientClass]}>
                {strings.recipientClass[group.recipientClass]}
              </Badge>
            </div>
            {isLookalike && (
              <p className={styles.addresses} role="note">
                {strings.lookalikeHint}
                {group.lookalikeOf ? ` (${group.lookalikeOf})` : ''}
              </p>
            )}
            <p className={styles.addresses}>{group.addresses.join(', ')}</p>
          </li>
        );
      })}
    </ul>
  );
}
