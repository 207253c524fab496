/** The Overview chart's view in the URL (`?chart=usage`), declared once at module scope. */
import * as z from 'zod/mini';
import { defineView, viewParam } from '../../url-state/view-params';

export const costChartView = defineView({
  chart: viewParam(z.enum(['cost', 'usage']), 'cost'),
});
