import classes from './Badges.module.css';

/**
 * A value the provider did not send. Rendered as a dash with a spoken label, never as an empty cell.
 * The dash is a symbol with a text alternative, hence role="img" (a label on a bare span is not
 * announced reliably). A plain span, not Mantine's Text: a queue row can hold several
 * (components/Badges.module.css).
 */
export function MissingValue({ label = 'Not provided' }: { label?: string }) {
  return (
    <span role="img" className={classes.missing} aria-label={label} title={label}>
      —
    </span>
  );
}
