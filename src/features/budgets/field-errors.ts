/**
 * Problems with a budget body, named by their path in the body as the API
 * names them (`alertThresholds.2`, `notificationChannels.1.url`,
 * `actions.at_110_percent`), placed at the editor field they belong to and
 * worded with that field's label. Used for the form's own validation and for
 * the API's 400 details alike.
 */
import { parameterIssueSchema } from '../../contract/billing';
import { formChannels, type BudgetFormValues } from './budget-form';

export interface FieldIssue {
  /** Path in the request body, dot-separated. */
  parameter: string;
  message: string;
  /** The validation code, when known (`invalid_type`…). */
  code?: string;
}

export interface FormError {
  /** React Hook Form path: `monthlyBudget`, `thresholds.2.percent`, `thresholds.root`, `root.server`… */
  path: string;
  message: string;
  type: string;
}

/** The form-level slot for problems that belong to no field. */
export const SERVER_ERROR_PATH = 'root.server';

const ACTION_KEY = /^at_(\d{1,3})_percent$/;

/** The form field a body path belongs to. */
export function parameterToFormPath(parameter: string, values: BudgetFormValues): string {
  const [head, second] = parameter.split('.');
  switch (head) {
    case 'name':
    case 'monthlyBudget':
    case 'currency':
      return head;
    case 'resourceTypes':
      return 'resourceTypes';
    case 'alertThresholds': {
      const i = second === undefined ? Number.NaN : Number(second);
      return Number.isInteger(i) && i >= 0 && i < values.thresholds.length ? `thresholds.${i}.percent` : 'thresholds.root';
    }
    case 'actions': {
      const m = second === undefined ? null : ACTION_KEY.exec(second);
      const i = m ? values.thresholds.findIndex((t) => t.percent === Number(m[1])) : -1;
      return i >= 0 ? `thresholds.${i}.actions` : 'thresholds.root';
    }
    case 'notificationChannels': {
      const i = second === undefined ? Number.NaN : Number(second);
      const channel = Number.isInteger(i) ? formChannels(values)[i] : undefined;
      const own = Number.isInteger(i) && i < Number(values.emailEnabled) + Number(values.webhookEnabled);
      if (channel && own) return channel.type === 'email' ? 'emailAddress' : 'webhookUrl';
      return SERVER_ERROR_PATH;
    }
    default:
      return SERVER_ERROR_PATH;
  }
}

/** The visible label of a form field, to start its messages with. */
export function formPathLabel(path: string): string | undefined {
  const threshold = /^thresholds\.(\d+)\.(percent|actions)$/.exec(path);
  if (threshold) {
    const n = Number(threshold[1]) + 1;
    return threshold[2] === 'percent' ? `Threshold ${n}` : `Actions at threshold ${n}`;
  }
  const labels: Record<string, string> = {
    name: 'Budget name',
    monthlyBudget: 'Monthly budget',
    currency: 'Currency',
    resourceTypes: 'Resource types',
    'thresholds.root': 'Alert thresholds',
    emailAddress: 'Email address',
    webhookUrl: 'Webhook URL',
  };
  return labels[path];
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** `Monthly budget must be greater than 0`, `A budget needs at least 1 resource type`. */
export function fieldSentence(path: string, parameter: string, message: string): string {
  const label = formPathLabel(path);
  if (/^(needs|allows) /.test(message)) return `A budget ${message}`;
  if (label && /^(must|is|lists|keys) /.test(message)) return `${label} ${message}`;
  if (!label && path === SERVER_ERROR_PATH && parameter && parameter !== 'body' && /^(must|is) /.test(message))
    return `${parameter} ${message}`;
  return capitalise(message);
}

/** Whether the field was left empty (so "must be a number" reads "is required"). */
function isEmpty(path: string, values: BudgetFormValues): boolean {
  if (path === 'monthlyBudget') return values.monthlyBudget.trim() === '';
  const t = /^thresholds\.(\d+)\.percent$/.exec(path);
  return t ? Number.isNaN(values.thresholds[Number(t[1])]?.percent) : false;
}

/** Issues at form fields, worded for people; the first issue of a field comes first. */
export function issuesToFormErrors(issues: readonly FieldIssue[], values: BudgetFormValues): FormError[] {
  return issues.map(({ parameter, message, code }) => {
    const path = parameterToFormPath(parameter, values);
    const text = (code === 'invalid_type' || message === 'must be a number') && isEmpty(path, values) ? 'is required' : message;
    return { path, message: fieldSentence(path, parameter, text), type: code ?? 'server' };
  });
}

/** The `details` of an API 400 as issues (anything else: none). */
export function apiDetailsToIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d) => {
    const parsed = parameterIssueSchema.safeParse(d);
    return parsed.success ? [{ parameter: parsed.data.parameter, message: parsed.data.message }] : [];
  });
}
