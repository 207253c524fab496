import { useId, type InputHTMLAttributes } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import type { NotificationChannel } from '../../../contract/billing';
import type { BudgetFormValues } from '../budget-form';
import { FieldHint, FieldMessage } from './field-message';
import { CHECKBOX_CLASS, INPUT_CLASS } from './styles';

export interface ChannelsFieldProps {
  register: UseFormRegister<BudgetFormValues>;
  emailEnabled: boolean;
  webhookEnabled: boolean;
  otherChannels: readonly NotificationChannel[];
  emailError?: string;
  webhookError?: string;
}

function describeChannel(c: NotificationChannel): string {
  if (c.type === 'email') return c.address ? `Email ${c.address}` : 'Email (default recipient)';
  return c.url ? `Webhook ${c.url}` : 'Webhook (default endpoint)';
}

/** One channel: its checkbox and, while it is ticked, its optional address. */
function ChannelOption({
  label,
  enabled,
  toggle,
  address,
  addressLabel,
  hint,
  error,
  input,
}: {
  label: string;
  enabled: boolean;
  toggle: ReturnType<UseFormRegister<BudgetFormValues>>;
  address: ReturnType<UseFormRegister<BudgetFormValues>>;
  addressLabel: string;
  hint: string;
  error?: string;
  /** The address input's type and hints. */
  input: Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'autoComplete' | 'placeholder'>;
}) {
  const uid = useId();
  const ids = { input: `${uid}-input`, hint: `${uid}-hint`, error: `${uid}-error` };
  return (
    <div className="flex flex-col gap-1.5">
      <label className="flex items-center gap-2 text-[13px] font-medium text-foreground">
        <input type="checkbox" {...toggle} className={CHECKBOX_CLASS} />
        {label}
      </label>
      {enabled && (
        <div className="flex flex-col gap-1 pl-5.5">
          <label htmlFor={ids.input} className="text-2xs font-medium text-muted">
            {addressLabel}
          </label>
          <input
            id={ids.input}
            {...input}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${ids.hint} ${ids.error}`}
            {...address}
            className={INPUT_CLASS}
          />
          <FieldHint id={ids.hint}>{hint}</FieldHint>
          <FieldMessage id={ids.error} message={error} />
        </div>
      )}
    </div>
  );
}

/** Email and webhook, each with its optional address; further stored channels are listed and kept. */
export function ChannelsField({ register, emailEnabled, webhookEnabled, otherChannels, emailError, webhookError }: ChannelsFieldProps) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="pb-1 text-[13px] font-semibold text-foreground">Notification channels</legend>
      <div className="grid gap-4 md:grid-cols-2">
        <ChannelOption
          label="Email"
          enabled={emailEnabled}
          toggle={register('emailEnabled')}
          address={register('emailAddress')}
          addressLabel="Email address"
          input={{ type: 'email', autoComplete: 'email', placeholder: 'finance@example.com' }}
          hint="Optional: empty sends to the account's default recipient."
          error={emailError}
        />
        <ChannelOption
          label="Webhook"
          enabled={webhookEnabled}
          toggle={register('webhookEnabled')}
          address={register('webhookUrl')}
          addressLabel="Webhook URL"
          input={{ type: 'url', inputMode: 'url', placeholder: 'https://hooks.example.com/billing' }}
          hint="An https address; empty uses the account's default endpoint."
          error={webhookError}
        />
      </div>
      {otherChannels.length > 0 && (
        <div className="text-xs text-muted">
          <p>Also notifies (kept as they are):</p>
          <ul className="mt-0.5 list-inside list-disc">
            {otherChannels.map((c, i) => (
              <li key={i} className="break-all">
                {describeChannel(c)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
