/**
 * Query parameter names, checked the same way on every endpoint before any
 * value is read: a name the endpoint does not know is a 400 listing the known
 * ones, and the names that would reach an object's prototype are refused by
 * name.
 */
import type { ParameterIssue } from '../../src/contract/billing.ts';
import { invalidParameters } from './errors.ts';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws a 400 naming each unknown or reserved parameter of `url` (a trailing `[]` marks a list). */
export function checkParameterNames(url: URL, known: readonly string[]): void {
  const issues = parameterNameIssues(url, known);
  if (issues.length > 0) throw invalidParameters(issues);
}

/** One issue per unknown or reserved parameter name of `url`. */
export function parameterNameIssues(url: URL, known: readonly string[]): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  const seen = new Set<string>();
  for (const raw of url.searchParams.keys()) {
    if (seen.has(raw)) continue;
    seen.add(raw);
    const name = raw.endsWith('[]') ? raw.slice(0, -2) : raw;
    if (RESERVED.has(name))
      issues.push({ parameter: raw, message: 'is a reserved name and not a parameter', allowed: [...known] });
    else if (!known.includes(name))
      issues.push({
        parameter: raw,
        message: known.length === 0 ? 'is not a known parameter (this endpoint takes none)' : 'is not a known parameter',
        allowed: [...known],
      });
  }
  return issues;
}
