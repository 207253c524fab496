import { useId, useRef, type ReactNode } from 'react';
import { get, useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../../api/errors';
import { BUTTON_CLASS } from '../../../components/field';
import { AlertIcon } from '../../../components/icons';
import { CURRENCIES, MAX_ALERT_THRESHOLDS, type Budget, type BudgetData } from '../../../contract/billing';
import { CURRENCY_NAMES } from '../../../lib/labels';
import { useCreateBudget } from '../api/create-budget';
import { useMonthSpend } from '../api/get-month-spend';
import { useApiClock } from '../../../api/api-clock';
import { breachScope, useBreachOutlook } from '../../../api/breach-outlook';
import { useMonthEnd } from '../../../api/month-end';
import { isApiCurrency } from '../../../api/month-rates';
import { useUpdateBudget } from '../api/update-budget';
import { parseAmount, type BudgetFormValues } from '../budget-form';
import { budgetFormResolver } from '../budget-resolver';
import { apiDetailsToIssues, issuesToFormErrors, SERVER_ERROR_PATH } from '../field-errors';
import { newIdempotencyKey } from '../idempotency-key';
import { nextThreshold } from '../thresholds';
import { ChannelsField } from './channels-field';
import { FieldHint, FieldMessage } from './field-message';
import { ResourceTypesField } from './resource-types-field';
import { SpendSummary } from './spend-summary';
import { ThresholdRow } from './threshold-row';
import { PRIMARY_BUTTON_CLASS, INPUT_CLASS } from './styles';
import { UnsavedChangesGuard } from './unsaved-changes-guard';

function Section({ title, description, children }: { title?: string; description?: string; children: ReactNode }) {
  return (
    <section className="rounded-card border border-border bg-surface p-4 shadow-card">
      {title && <h2 className="text-[13px] font-semibold text-foreground">{title}</h2>}
      {description && <p className="mt-0.5 text-xs text-muted">{description}</p>}
      <div className={title ? 'mt-3' : ''}>{children}</div>
    </section>
  );
}

export interface BudgetFormProps {
  /** Editing this budget; a new one when left out. */
  budgetId?: string;
  defaultValues: BudgetFormValues;
  onSaved: (budget: Pick<Budget, 'name'>) => void;
}

/**
 * The budget editor: react-hook-form validated with the shared budget schema,
 * a live preview of when each threshold is reached, server errors at their
 * fields, and a guard against leaving with unsaved changes.
 */
export function BudgetForm({ budgetId, defaultValues, onSaved }: BudgetFormProps) {
  const uid = useId();
  const ids = {
    name: `${uid}-name`,
    nameHint: `${uid}-name-hint`,
    nameError: `${uid}-name-error`,
    amount: `${uid}-amount`,
    amountError: `${uid}-amount-error`,
    currency: `${uid}-currency`,
    currencyError: `${uid}-currency-error`,
    thresholdsError: `${uid}-thresholds-error`,
  };
  const form = useForm<BudgetFormValues, unknown, BudgetData>({
    defaultValues,
    resolver: budgetFormResolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { control, register, handleSubmit, setError, formState } = form;
  const { errors, isDirty, isSubmitting, isSubmitSuccessful } = formState;
  const thresholds = useFieldArray({ control, name: 'thresholds' });
  const watched = useWatch({ control });
  const apiClock = useApiClock();
  const now = apiClock.clock?.now;
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const create = useCreateBudget();
  const update = useUpdateBudget();

  const currency = watched.currency ?? defaultValues.currency;
  const resourceTypes = (watched.resourceTypes ?? []).filter((t) => t !== undefined);
  const amount = parseAmount(watched.monthlyBudget ?? '');
  const percents = (watched.thresholds ?? []).map((t) => (t?.percent === undefined ? Number.NaN : t.percent));
  const monthSpend = useMonthSpend(resourceTypes, currency, now);
  // the month-end projection of record for these types and currency; the breach forecast is centred on it
  const record = useMonthEnd(isApiCurrency(currency) ? breachScope(resourceTypes) : undefined, isApiCurrency(currency) ? currency : 'USD');
  const breach = useBreachOutlook(
    resourceTypes,
    currency,
    percents.map((p) => (Number.isFinite(p) && amount > 0 ? (amount * p) / 100 : Number.NaN)),
    record.data?.projected,
  );
  const spend = monthSpend.isPlaceholderData ? undefined : monthSpend.data;
  const next = nextThreshold(percents);

  const message = (path: string) => (get(errors, path) as { message?: string } | undefined)?.message;

  /** An API failure: 400 details at their fields (the typed values stay), anything else above the buttons. */
  const showServerError = (error: unknown, values: BudgetFormValues) => {
    const issues = error instanceof ApiError && error.status === 400 ? apiDetailsToIssues(error.details) : [];
    const seen = new Set<string>();
    const fieldErrors = issuesToFormErrors(issues, values).filter((e) => !seen.has(e.path) && Boolean(seen.add(e.path)));
    const focusPath = fieldErrors.find((e) => e.path !== SERVER_ERROR_PATH && !e.path.endsWith('.root'))?.path;
    for (const e of fieldErrors)
      setError(e.path as FieldPath<BudgetFormValues>, { type: 'server', message: e.message }, { shouldFocus: e.path === focusPath });
    if (!seen.has(SERVER_ERROR_PATH))
      setError(SERVER_ERROR_PATH, {
        type: 'server',
        message: fieldErrors.length > 0 ? 'The billing API refused some values: see the fields marked above.' : errorMessage(error),
      });
  };

  const onValid = async (data: BudgetData) => {
    const values = form.getValues();
    try {
      let saved: Pick<Budget, 'name'>;
      if (budgetId === undefined) {
        const body = JSON.stringify(data);
        if (idempotency.current?.body !== body) idempotency.current = { body, key: newIdempotencyKey() };
        const created = await create.mutateAsync({ data, idempotencyKey: idempotency.current.key, spend });
        saved = 'name' in created ? created : { name: data.name ?? 'New budget' };
      } else {
        saved = await update.mutateAsync({ budgetId, data, spend });
      }
      onSaved(saved);
    } catch (error) {
      showServerError(error, values);
      throw error;
    }
  };

  const rootError = message(SERVER_ERROR_PATH);
  const thresholdsError = message('thresholds.root') ?? message('thresholds');

  return (
    <form
      noValidate
      aria-label={budgetId === undefined ? 'New budget' : 'Edit budget'}
      onSubmit={(event) => void handleSubmit(onValid)(event).catch(() => {})}
      className="flex flex-col gap-4"
    >
      <UnsavedChangesGuard when={isDirty && !isSubmitting && !isSubmitSuccessful} />

      <Section>
        <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_minmax(0,1fr)]">
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={ids.name} className="text-2xs font-medium text-muted">
              Budget name
            </label>
            <input
              id={ids.name}
              type="text"
              autoComplete="off"
              placeholder="e.g. GPU clusters"
              aria-invalid={message('name') ? true : undefined}
              aria-describedby={`${ids.nameHint} ${ids.nameError}`}
              {...register('name')}
              className={INPUT_CLASS}
            />
            <FieldHint id={ids.nameHint}>Optional: defaults to what it covers.</FieldHint>
            <FieldMessage id={ids.nameError} message={message('name')} />
          </div>
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={ids.amount} className="text-2xs font-medium text-muted">
              Monthly budget
            </label>
            <div className="relative">
              <input
                id={ids.amount}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                placeholder="0"
                aria-invalid={message('monthlyBudget') ? true : undefined}
                aria-describedby={ids.amountError}
                {...register('monthlyBudget')}
                className={`${INPUT_CLASS} pr-12 text-right tabular-nums`}
              />
              <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-xs text-muted">
                {currency}
              </span>
            </div>
            <FieldMessage id={ids.amountError} message={message('monthlyBudget')} />
          </div>
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={ids.currency} className="text-2xs font-medium text-muted">
              Currency
            </label>
            <select
              id={ids.currency}
              aria-invalid={message('currency') ? true : undefined}
              aria-describedby={ids.currencyError}
              {...register('currency')}
              className={INPUT_CLASS}
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c} · {CURRENCY_NAMES[c]}
                </option>
              ))}
            </select>
            <FieldMessage id={ids.currencyError} message={message('currency')} />
          </div>
        </div>
      </Section>

      <Section>
        <ResourceTypesField control={control} error={message('resourceTypes')} />
      </Section>

      <Section
        title="Alert thresholds"
        description="Percentages of the monthly budget. Each one fires its actions when this month's spend reaches it."
      >
        <div className="flex flex-col gap-3">
          <SpendSummary
            spend={spend}
            loading={(monthSpend.isFetching || (now === undefined && apiClock.error == null)) && spend === undefined}
            error={monthSpend.error ?? apiClock.error}
            noTypes={resourceTypes.length === 0}
            amount={amount}
            currency={currency}
            forecast={breach.view?.projected}
            record={record.data}
          />
          <ol aria-label="Alert thresholds" aria-describedby={ids.thresholdsError} className="flex flex-col">
            {thresholds.fields.map((field, index) => (
              <ThresholdRow
                key={field.id}
                index={index}
                count={thresholds.fields.length}
                values={percents}
                control={control}
                register={register}
                errors={errors}
                amount={amount}
                currency={currency}
                spend={spend}
                breach={breach.view?.thresholds[index]}
                onRemove={() => thresholds.remove(index)}
              />
            ))}
          </ol>
          <FieldMessage id={ids.thresholdsError} message={thresholdsError} />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              disabled={next === undefined}
              onClick={() => next !== undefined && thresholds.append({ percent: next, actions: ['send_alert'] })}
              className={BUTTON_CLASS}
            >
              <span aria-hidden="true">+</span> Add threshold
            </button>
            <span className="text-2xs text-muted">
              Up to {MAX_ALERT_THRESHOLDS}, from 1% to 200%. Keyboard: arrow keys ±1, Page Up/Down ±10.
            </span>
          </div>
        </div>
      </Section>

      <Section>
        <ChannelsField
          register={register}
          emailEnabled={watched.emailEnabled ?? false}
          webhookEnabled={watched.webhookEnabled ?? false}
          otherChannels={defaultValues.otherChannels}
          emailError={message('emailAddress')}
          webhookError={message('webhookUrl')}
        />
      </Section>

      {rootError && (
        <div role="alert" className="flex gap-2.5 rounded-card border border-danger/30 bg-danger-soft px-4 py-3 text-[13px] text-foreground">
          <AlertIcon size={16} className="mt-0.5 shrink-0 text-danger" />
          <p className="min-w-0 break-words">
            <span className="font-semibold">The budget was not saved.</span> {rootError}
          </p>
        </div>
      )}

      <div className="flex flex-wrap items-center justify-end gap-2">
        <Link to="/budgets" className={BUTTON_CLASS}>
          Cancel
        </Link>
        <button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className={PRIMARY_BUTTON_CLASS}>
          {isSubmitting ? 'Saving…' : 'Save budget'}
        </button>
      </div>
    </form>
  );
}
