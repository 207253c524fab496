import { describe, expect, it } from 'vitest';
import { breachSentence, chanceLabel, dayRange } from './breach-text';

describe('breach text', () => {
  it('says the chance and the expected day with its range', () => {
    expect(breachSentence({ probability: 0.734, reached: false, expected: { date: '2025-01-24', earliest: '2025-01-21', latest: '2025-01-28' } })).toBe(
      '73% chance to exceed by month end; expected around 24 Jan (21–28 Jan)',
    );
    expect(breachSentence({ probability: 0.5, reached: false, expected: { date: '2025-01-31', earliest: '2025-01-29', latest: '2025-01-31' } }, 'reach')).toBe(
      '50% chance to reach by month end; expected around 31 Jan (29–31 Jan)',
    );
  });

  it('never claims certainty it does not have, and names a threshold already passed', () => {
    expect(chanceLabel(0)).toBe('Under 1%');
    expect(chanceLabel(0.004)).toBe('Under 1%');
    expect(chanceLabel(1)).toBe('Over 99%');
    expect(chanceLabel(0.996)).toBe('Over 99%');
    expect(breachSentence({ probability: 0, reached: false })).toBe('Under 1% chance to exceed by month end');
    expect(breachSentence({ probability: 1, reached: true })).toBe('Exceeded already');
    expect(breachSentence({ probability: 1, reached: true }, 'reach')).toBe('Reached already');
  });

  it('writes ranges across months and single days', () => {
    expect(dayRange('2025-01-29', '2025-02-02')).toBe('29 Jan – 2 Feb');
    expect(dayRange('2025-03-05', '2025-03-05')).toBe('5 Mar');
  });
});
