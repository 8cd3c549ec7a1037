import { Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { parsePolicyText, type PolicyParse } from '../policy-text';

const useStyles = makeStyles({
  editor: { fontFamily: tokens.fontFamilyMonospace, minHeight: '220px' },
  problems: { margin: 0, paddingLeft: '18px', color: tokens.colorPaletteRedForeground1 },
});

export interface PolicyEditorProps {
  text: string;
  onChange(text: string, parsed: PolicyParse): void;
}

/** The policy as JSON, validated on every keystroke by the core's loadPolicy. */
export function PolicyEditor({ text, onChange }: PolicyEditorProps) {
  const styles = useStyles();
  const parsed = useMemo(() => parsePolicyText(text), [text]);
  return (
    <Field
      label="Policy (JSON)"
      validationState={parsed.ok ? 'success' : 'error'}
      validationMessage={
        parsed.ok ? (
          `Valid policy, revision ${parsed.policy.revision}: ${parsed.policy.rules.length} rules.`
        ) : (
          <ul className={styles.problems} data-testid="policy-problems">
            {parsed.problems.slice(0, 5).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )
      }
    >
      <Textarea
        className={styles.editor}
        textarea={{ className: styles.editor, spellCheck: false }}
        value={text}
        resize="vertical"
        onChange={(_, data) => onChange(data.value, parsePolicyText(data.value))}
        data-testid="policy-editor"
      />
    </Field>
  );
}
