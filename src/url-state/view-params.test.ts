import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseViewParams, viewParam, viewParamsToSearchParams } from './view-params';

const spec = {
  metric: viewParam(z.enum(['cost', 'usage']), 'cost'),
  top: viewParam(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  stacked: viewParam(z.stringbool(), false),
};

describe('view params', () => {
  it('reads valid values and falls back with an issue for invalid ones', () => {
    expect(parseViewParams(new URLSearchParams('metric=usage&top=25&stacked=true'), spec)).toEqual({
      values: { metric: 'usage', top: 25, stacked: true },
      issues: [],
    });
    const { values, issues } = parseViewParams(new URLSearchParams('metric=bytes&top=500'), spec);
    expect(values).toEqual({ metric: 'cost', top: 10, stacked: false });
    expect(issues.map((i) => [i.param, i.value])).toEqual([
      ['metric', 'bytes'],
      ['top', '500'],
    ]);
    expect(issues[0]!.reason).toBe('not a valid value; showing cost');
  });

  it('writes non-defaults, drops defaults, keeps other parameters', () => {
    const params = viewParamsToSearchParams({ metric: 'usage', top: 10 }, spec, '?top=20&currency=EUR');
    expect(params.toString()).toBe('currency=EUR&metric=usage');
  });

  it('refuses names that belong to the shared filters', () => {
    expect(() => parseViewParams(new URLSearchParams(), { currency: viewParam(z.string(), 'x') })).toThrow(/clashes/);
  });

  it('says what is shown instead, never "showing ."', () => {
    const withEmpty = { q: viewParam(z.string().check(z.maxLength(3)), '') };
    expect(parseViewParams(new URLSearchParams('q=abcd'), withEmpty).issues[0]!.reason).toBe('not a valid value; left out');
    const declared = { q: viewParam(z.string().check(z.maxLength(3)), '', 'too long; showing every team') };
    expect(parseViewParams(new URLSearchParams('q=abcd'), declared).issues[0]!.reason).toBe('too long; showing every team');
  });
});
