import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The dependency direction is enforced by eslint.config.mjs; prove each rule fires (and stays quiet when it should). */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction lint rules', () => {
  it('forbids components and lib from importing server/', async () => {
    expect(await problems('components/x/Bad.tsx', "import { container } from '@/server/container';\nexport const x = container;\n")).toHaveLength(1);
    expect(await problems('lib/bad.ts', "import { container } from '../server/container';\nexport const x = container;\n")).toHaveLength(1);
  });

  it('keeps lib/ pure: no React, Next or Node built-ins', async () => {
    expect(await problems('lib/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await problems('lib/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toHaveLength(1);
  });

  it('forbids server/ from importing app/ or components/', async () => {
    expect(await problems('server/bad.ts', "import 'server-only';\nimport { X } from '@/components/services/X';\nexport const y = X;\n")).toHaveLength(1);
  });

  it('allows the permitted directions', async () => {
    expect(await problems('app/page.tsx', "import { container } from '@/server/container';\nimport { healthOf } from '@/lib/health';\nexport const x = [container, healthOf];\n")).toEqual([]);
    expect(await problems('components/ok.tsx', "import { healthOf } from '@/lib/health';\nexport const x = healthOf;\n")).toEqual([]);
    expect(await problems('server/ok.ts', "import 'server-only';\nimport { healthOf } from '@/lib/health';\nexport const x = healthOf;\n")).toEqual([]);
  });
});
