/**
 * The query of a sandbox extension that takes the usage endpoint's period
 * parameters and one required id (`teamId`, `resourceId`): unknown names,
 * bad values, a missing or repeated id and an impossible range are one 400
 * naming each parameter, as on the documented endpoints.
 */
import { MAX_HOURLY_DAYS, collectQuery, usageQuerySchema, type UsageQuery } from '../../src/contract/billing.ts';
import { invalidParameters, parameterIssues } from '../http/errors.ts';
import { parameterNameIssues } from '../http/params.ts';
import { rangeIssues } from '../queries/period.ts';

export async function extensionQuery(
  url: URL,
  options: { usageKeys: string[]; idParam: string; idHint: string; fresh: () => Promise<number> },
): Promise<{ q: UsageQuery; id: string; t: number }> {
  const { usageKeys, idParam } = options;
  const keys = [...usageKeys, idParam];
  const issues = parameterNameIssues(url, keys);
  const input = collectQuery(new URLSearchParams([...url.searchParams].filter(([k]) => usageKeys.includes(k))));
  const parsed = usageQuerySchema.safeParse(input);
  if (!parsed.success) issues.push(...parameterIssues(parsed.error, input, keys));
  const ids = url.searchParams.getAll(idParam);
  if (ids.length !== 1 || !ids[0]) issues.push({ parameter: idParam, message: ids.length > 1 ? 'must be given once' : `is required: ${options.idHint}` });
  if (issues.length > 0 || !parsed.success) throw invalidParameters(issues);
  const t = await options.fresh();
  const range = rangeIssues(parsed.data, t, MAX_HOURLY_DAYS);
  if (range.length > 0) throw invalidParameters(range);
  return { q: parsed.data, id: ids[0]!, t };
}
