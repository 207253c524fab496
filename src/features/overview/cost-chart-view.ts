/** The Overview chart's view in the URL (`?chart=usage`), declared once at module scope. */
import { z } from 'zod';
import { viewParam } from '../filters/view-params';

export const costChartView = {
  chart: viewParam(z.enum(['cost', 'usage']), 'cost'),
};
