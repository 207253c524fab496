import { useId } from 'react';
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

/** Email and webhook, each with its optional address; further stored channels are listed and kept. */
export function ChannelsField({ register, emailEnabled, webhookEnabled, otherChannels, emailError, webhookError }: ChannelsFieldProps) {
  const uid = useId();
  const ids = {
    email: `${uid}-email`,
    emailHint: `${uid}-email-hint`,
    emailError: `${uid}-email-error`,
    webhook: `${uid}-webhook`,
    webhookHint: `${uid}-webhook-hint`,
    webhookError: `${uid}-webhook-error`,
  };
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="pb-1 text-[13px] font-semibold text-foreground">Notification channels</legend>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <label className="flex items-center gap-2 text-[13px] font-medium text-foreground">
            <input type="checkbox" {...register('emailEnabled')} className={CHECKBOX_CLASS} />
            Email
          </label>
          {emailEnabled && (
            <div className="flex flex-col gap-1 pl-5.5">
              <label htmlFor={ids.email} className="text-2xs font-medium text-muted">
                Email address
              </label>
              <input
                id={ids.email}
                type="email"
                autoComplete="email"
                placeholder="finance@example.com"
                aria-invalid={emailError ? true : undefined}
                aria-describedby={`${ids.emailHint} ${ids.emailError}`}
                {...register('emailAddress')}
                className={INPUT_CLASS}
              />
              <FieldHint id={ids.emailHint}>Optional: empty sends to the account's default recipient.</FieldHint>
              <FieldMessage id={ids.emailError} message={emailError} />
            </div>
          )}
        </div>
        <div className="flex flex-col gap-1.5">
          <label className="flex items-center gap-2 text-[13px] font-medium text-foreground">
            <input type="checkbox" {...register('webhookEnabled')} className={CHECKBOX_CLASS} />
            Webhook
          </label>
          {webhookEnabled && (
            <div className="flex flex-col gap-1 pl-5.5">
              <label htmlFor={ids.webhook} className="text-2xs font-medium text-muted">
                Webhook URL
              </label>
              <input
                id={ids.webhook}
                type="url"
                inputMode="url"
                placeholder="https://hooks.example.com/billing"
                aria-invalid={webhookError ? true : undefined}
                aria-describedby={`${ids.webhookHint} ${ids.webhookError}`}
                {...register('webhookUrl')}
                className={INPUT_CLASS}
              />
              <FieldHint id={ids.webhookHint}>An https address; empty uses the account's default endpoint.</FieldHint>
              <FieldMessage id={ids.webhookError} message={webhookError} />
            </div>
          )}
        </div>
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
