import type { TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config';
import base from '../vitest.config.js';

type BrowserOptions = NonNullable<NonNullable<TestProjectInlineConfiguration['test']>['browser']>;

/** A file one engine cannot run, and why; printed on every run so nothing is left out silently. */
export interface EngineExclusion {
  file: string;
  reason: string;
}

/** The Chromium `browser` project of vitest.config.ts: its includes, aliases and plugins. */
function chromiumProject(): TestProjectInlineConfiguration & {
  test: NonNullable<TestProjectInlineConfiguration['test']>;
} {
  for (const project of base.test?.projects ?? []) {
    if (typeof project === 'object' && 'test' in project && project.test?.name === 'browser') {
      return { ...project, test: project.test };
    }
  }
  throw new Error('vitest.config.ts has no project named "browser" to run in another engine');
}

/**
 * A vitest config that runs the Chromium browser suites (same files, aliases and plugins, taken
 * from vitest.config.ts rather than copied) in another engine. `excluded` lists files it cannot run,
 * each with a reason.
 */
export function browserSuitesIn(
  name: string,
  browser: BrowserOptions,
  { excluded = [] }: { excluded?: readonly EngineExclusion[] } = {},
): ViteUserConfig {
  const chromium = chromiumProject();
  if (excluded.length > 0) {
    console.warn(`${name}: not run in this engine:`);
    for (const { file, reason } of excluded) console.warn(`  - ${file}: ${reason}`);
  }
  return {
    ...(base.resolve ? { resolve: base.resolve } : {}),
    test: {
      projects: [
        {
          ...chromium,
          // Each engine keeps its own pre-bundled dependencies, so runs of different engines
          // (or of Chromium beside them) never invalidate each other's cache mid-run.
          cacheDir: `node_modules/.vite/${name}`,
          test: {
            ...chromium.test,
            name,
            include: chromium.test.include ?? [],
            exclude: [...(chromium.test.exclude ?? []), ...excluded.map((e) => e.file)],
            browser: { ...chromium.test.browser, ...browser },
          },
        },
      ],
    },
  };
}
