import { describe, expect, it } from 'vitest';
import { buildRun } from '../../src/report/build.js';
import { auditRepo } from '../helpers/temp-repo.js';

// Names read from the scanned code that Object.prototype also has: lodash's `toString(x)` once made a
// front end "an app" whose framework was a function, and the run failed its schema.
describe('names that Object.prototype also answers', () => {
  it('are plain names: no app entry, no framework, no topic, and the run validates', async () => {
    const a = await auditRepo({
      'package.json': JSON.stringify({ name: 'web', dependencies: { express: '^4.21.0', lodash: '^4.17.21' } }),
      'src/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
      'src/valueOf.js': "const { toString } = require('lodash');\nexport const label = (x) => toString(x) + constructor(x) + hasOwnProperty(x);\n",
      'src/constructor/index.js': 'export const x = valueOf();\n',
      'scripts/start.sh': '#!/bin/sh\nset -e\nconstructor toString\nexec node src/server.js\n',
      'odd.toString': 'not code\n',
    });
    expect(a.facts.appEntries.map((e) => e.framework)).toEqual(['express']);
    expect(a.facts.files.find((f) => f.path === 'odd.toString')?.language).toBe('other');
    expect(() => buildRun(a, { path: 'x' })).not.toThrow();
  });
});
