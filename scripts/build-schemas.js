#!/usr/bin/env node
// Build step after `tsc` (`npm run build`, also run by `prepare` on install from git): turns
// schemas/*.schema.json (plan, progress, county, profile, starter) into standalone ajv validators,
// dist/validate/generated/<kind>.cjs, so the CLI never loads ajv's compiler or compiles a schema
// at run time. The source of each module comes
// from dist/validate/schema-compile.js, with the same ajv options as the runtime fallback.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiler = path.join(root, 'dist/validate/schema-compile.js');
const { SCHEMA_NAMES, standaloneSource } = await import(compiler).catch((err) => {
  console.error(`build-schemas: cannot load ${path.relative(root, compiler)} (run tsc first)`);
  throw err;
});

const outDir = path.join(root, 'dist/validate/generated');
mkdirSync(outDir, { recursive: true });
for (const kind of SCHEMA_NAMES) {
  const target = path.join(outDir, `${kind}.cjs`);
  // Written next to the target and renamed: an interrupted build never leaves half a module.
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, standaloneSource(kind));
  renameSync(temporary, target);
}
