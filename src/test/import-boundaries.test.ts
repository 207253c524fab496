/**
 * The lint's import boundaries fail on a violation: lint fixtures (source text
 * under a path in the tree) run through the project's own ESLint config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuses a feature importing another feature', async () => {
    expect(
      await boundaryErrors('src/features/usage/components/fixture.ts', "export { x } from '../../overview/period-comparison';\n"),
    ).toEqual([expect.stringMatching(/Features do not import each other/)]);
    expect(await boundaryErrors('src/features/teams/fixture.ts', "import '../budgets/budget-status';\n")).toHaveLength(1);
  }, 30_000);

  it('refuses a shared layer importing a feature or the app', async () => {
    expect(await boundaryErrors('src/components/fixture.ts', "import '../features/usage/usage-view';\n")).toEqual([
      expect.stringMatching(/Shared layers do not import features or the app/),
    ]);
    expect(await boundaryErrors('src/url-state/components/fixture.ts', "import '../../app/routes';\n")).toHaveLength(1);
  });

  it('refuses lib importing the api, components or url-state layers', async () => {
    expect(await boundaryErrors('src/lib/fixture.ts', "import type { AnomalyMarker } from '../api/anomalies';\n")).toEqual([
      expect.stringMatching(/lib imports only contract and lib/),
    ]);
    expect(await boundaryErrors('src/lib/fixture.ts', "import '../components/panel';\n")).toHaveLength(1);
    expect(await boundaryErrors('src/lib/fixture.ts', "import '../url-state/filter-url';\n")).toHaveLength(1);
    // still a shared layer
    expect(await boundaryErrors('src/lib/fixture.ts', "import '../features/usage/usage-view';\n")).toEqual([
      expect.stringMatching(/Shared layers do not import features or the app/),
    ]);
    expect(await boundaryErrors('src/lib/fixture.ts', "import './format';\nimport '../contract/billing';\n")).toEqual([]);
  });

  it('keeps lib free of imports from the layers above it', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync('src/lib', { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /from '\.\.\/(api|components|url-state|features|app)\//.test(readFileSync(`src/lib/${f}`, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('allows a feature its own modules and the shared layers', async () => {
    const code = [
      "import './usage-view';",
      "import '../usage/usage-format';",
      "import '../../url-state/use-url-state';",
      "import '../../../components/panel';",
      "import '../../../lib/format';",
    ].join('\n');
    expect(await boundaryErrors('src/features/usage/components/fixture.ts', code)).toEqual([]);
  }, 30_000);
});
