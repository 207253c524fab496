/**
 * Every chart takes its chrome from the chart frame (chart-frame.tsx): a source
 * scan of each file that imports Recharts fails when a chart sets its own tick
 * style, margins, grid, tooltip or axis props, or sizes itself with
 * ResponsiveContainer instead of the frame's measured width.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FRAME = 'src/components/chart-frame.tsx';

/** What a chart file does that the frame owns, one line each. */
export function ownChrome(source: string): string[] {
  const found: string[] = [];
  const rule = (what: string, re: RegExp) => {
    for (const m of source.matchAll(re)) found.push(`${what}: ${m[0].replace(/\s+/g, ' ').slice(0, 60)}`);
  };
  rule('its own tick style', /tick=\{\{/g);
  rule('its own font size', /fontSize[:=]\s*\{?\s*\d/g);
  rule('its own text colour', /fill:\s*CHART_COLORS\.text/g);
  rule('its own margins', /\{\s*top:\s*\d+\s*,\s*right:\s*\d+/g);
  rule('its own sizing', /<ResponsiveContainer\b/g);
  rule('its own grid', /<CartesianGrid(?![^>]*\{\.\.\.(gridProps|barGridProps)\})[^>]*>/g);
  rule('its own tooltip props', /<Tooltip\b(?!\s*\{\.\.\.tooltipProps\})/g);
  rule('its own axis', /<[XY]Axis\b(?!\s*(\{\.\.\.(valueAxisProps|timeAxisProps|categoryAxisProps|positionAxisProps)\(|\{\.\.\.\w+\}|width=\{\w+\}\s*\{\.\.\.valueAxisProps\())/g);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

const chartFiles = sourceFiles('src').filter((f) => f !== FRAME && /from 'recharts'/.test(readFileSync(f, 'utf8')));

describe('the chart frame sweep', () => {
  it('finds the chart files', () => {
    expect(chartFiles.length).toBeGreaterThanOrEqual(12);
    expect(chartFiles).toContain('src/features/compare/components/overlay-chart-card.tsx');
    expect(chartFiles).toContain('src/features/overview/components/regional-card.tsx');
  });

  it.each(chartFiles)('%s takes its axes, ticks, margins, grid and tooltip from the frame', (file) => {
    expect(ownChrome(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches a chart that sets its own chrome', () => {
    const own = `
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={d} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
          <XAxis dataKey="n" tick={{ fill: CHART_COLORS.text, fontSize: 11 }} />
          <YAxis tickFormatter={f} />
          <Tooltip cursor={false} />
        </LineChart>
      </ResponsiveContainer>`;
    expect(ownChrome(own).map((s) => s.split(':')[0])).toEqual([
      'its own tick style',
      'its own font size',
      'its own text colour',
      'its own margins',
      'its own sizing',
      'its own grid',
      'its own tooltip props',
      'its own axis',
      'its own axis',
    ]);
    const framed = `
      <LineChart width={width} height={height} data={d} margin={CHART_MARGIN}>
        <CartesianGrid {...gridProps} />
        <XAxis {...positionAxisProps({ dataKey: 'n', ...x })} />
        <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(moneyAxis(0, max, currency))} />
        <Tooltip {...tooltipProps} content={c} />
      </LineChart>`;
    expect(ownChrome(framed)).toEqual([]);
  });
});
