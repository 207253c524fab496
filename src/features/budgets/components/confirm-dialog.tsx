import { useEffect, useId, useRef, type ReactNode } from 'react';
import { BUTTON_CLASS } from '../../../components/field';
import { DANGER_BUTTON_CLASS, PRIMARY_BUTTON_CLASS } from './styles';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` for a destructive confirm button. */
  tone?: 'danger' | 'default';
  onConfirm: () => void;
  /** Also on Escape. */
  onCancel: () => void;
}

/**
 * A modal confirmation on the native <dialog> (focus kept inside, Escape
 * cancels, the page behind is inert). The safe choice has focus first.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'default',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-card border border-border bg-surface p-0 text-foreground shadow-xl backdrop:bg-black/40"
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {children && (
            <div id={bodyId} className="mt-1.5 text-[13px] text-muted">
              {children}
            </div>
          )}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <button ref={cancelRef} type="button" onClick={onCancel} className={BUTTON_CLASS}>
              {cancelLabel}
            </button>
            <button type="button" onClick={onConfirm} className={tone === 'danger' ? DANGER_BUTTON_CLASS : PRIMARY_BUTTON_CLASS}>
              {confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
