import { AlertIcon } from '../../../components/icons';

/** A field's error, referenced by the field's aria-describedby. Renders an empty anchor when there is none. */
export function FieldMessage({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="flex items-start gap-1 text-xs text-danger empty:hidden">
      {message && (
        <>
          <AlertIcon size={13} className="mt-0.5 shrink-0" />
          <span>{message}</span>
        </>
      )}
    </p>
  );
}

/** A hint under a field. */
export function FieldHint({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="text-2xs text-muted">
      {children}
    </p>
  );
}
