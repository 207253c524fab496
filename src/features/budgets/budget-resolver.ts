/**
 * The editor's validation: the shared `budgetInputSchema`, run through
 * zodResolver on the body the form would send, with each problem moved to the
 * form field it belongs to.
 */
import { toNestErrors } from '@hookform/resolvers';
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldError, FieldErrors, Resolver, ResolverOptions } from 'react-hook-form';
import { budgetInputSchema, type BudgetData, type BudgetInput } from '../../contract/billing';
import { formToBudgetInput, type BudgetFormValues } from './budget-form';
import { issuesToFormErrors, type FieldIssue } from './field-errors';

// The contract is Zod Mini, which loads no locale: what the schema does not word
// itself is worded in zod's English, as the server words it. The messages load
// with the editor (and are shared with the API client, which loads them lazily too).
const schemaResolver = import('zod/v4/locales/en.js').then(
  ({ default: en }) => zodResolver(budgetInputSchema, { error: en().localeError }),
  () => zodResolver(budgetInputSchema),
);

function isFieldError(node: unknown): node is FieldError {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as FieldError).type === 'string' &&
    typeof (node as FieldError).message === 'string'
  );
}

/** Nested resolver errors back to one entry per path (`alertThresholds.2`). */
export function flattenFieldErrors(errors: FieldErrors, prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (isFieldError(errors)) out.push({ parameter: prefix, message: errors.message ?? '', code: errors.type });
  for (const [key, child] of Object.entries(errors)) {
    if (key === 'ref' || key === 'types' || ((key === 'type' || key === 'message') && typeof child === 'string')) continue;
    if (child && typeof child === 'object')
      out.push(...flattenFieldErrors(child as FieldErrors, key === 'root' && prefix ? prefix : prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

/**
 * Validates the form with the shared `budgetInputSchema` (through zodResolver,
 * on the body the form would send) and puts each problem at the form field it
 * belongs to, worded with the field's label. The valid result is the
 * normalised body to send.
 */
export const budgetFormResolver: Resolver<BudgetFormValues, unknown, BudgetData> = async (values, context, options) => {
  const input = formToBudgetInput(values);
  const result = await (await schemaResolver)(input, context, {
    ...(options as unknown as ResolverOptions<BudgetInput>),
    fields: {},
    names: undefined,
    shouldUseNativeValidation: false,
  });
  const issues = flattenFieldErrors(result.errors as FieldErrors);
  if (issues.length === 0) return { values: result.values as BudgetData, errors: {} };
  const flat: Record<string, FieldError> = {};
  for (const { path, message, type } of issuesToFormErrors(issues, values)) flat[path] ??= { type, message };
  return { values: {}, errors: toNestErrors(flat, options) };
};
