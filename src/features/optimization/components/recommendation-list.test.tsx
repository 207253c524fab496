import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OptimizationRecommendation } from '../../../contract/billing';
import { RECOMMENDATIONS_PAGE, RecommendationList } from './recommendation-list';

const recs: OptimizationRecommendation[] = Array.from({ length: 60 }, (_, i) => ({
  id: `rec-${i + 1}`,
  title: `Recommendation ${i + 1}`,
  impact: 'high',
  potentialSavings: 1000 - i,
  description: 'Do less.',
  implementationEffort: 'low',
  resourceIds: [],
}));

function list(expanded: string[] = []) {
  return render(
    <MemoryRouter>
      <RecommendationList
        all={recs}
        shown={recs}
        currency="USD"
        impact="all"
        effort="all"
        onFilterChange={() => {}}
        expanded={expanded}
        onToggle={() => {}}
        filterSearch=""
      />
    </MemoryRouter>,
  );
}

const items = () => [...screen.getByRole('list', { name: 'Recommendations' }).children];

describe('RecommendationList with many recommendations', () => {
  it('draws the first page and more on request, and says how many are not shown', async () => {
    list();
    expect(items()).toHaveLength(RECOMMENDATIONS_PAGE);
    await userEvent.click(screen.getByText(`Show ${RECOMMENDATIONS_PAGE} more (35 not shown)`, { selector: 'button' }));
    expect(items()).toHaveLength(2 * RECOMMENDATIONS_PAGE);
    await userEvent.click(screen.getByText('Show 10 more (10 not shown)', { selector: 'button' }));
    expect(items()).toHaveLength(60);
    expect(screen.queryByText(/not shown\)$/, { selector: 'button' })).toBeNull();
  }, 30_000);

  it('draws an expanded recommendation past the first page (a deep link)', () => {
    list(['rec-41']);
    expect(items()).toHaveLength(41);
    expect(screen.getByText('Recommendation 41')).toBeInTheDocument();
  });
});
