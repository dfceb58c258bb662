#!/usr/bin/env node
// Build step after `tsc` (`npm run build`, also run by `prepare` on install from git): turns
// schemas/*.schema.json (plan, progress, county, profile) into standalone ajv validators,
// dist/validate/generated/<kind>.cjs, so the CLI never loads ajv's compiler or compiles a schema
// at run time. The source of each module comes
// from dist/validate/schema-compile.js, with the same ajv options as the runtime fallback.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiler = path.join(root, 'dist/validate/schema-compile.js');
const { FILE_KINDS, SCHEMA_NAMES, standaloneSource } = await import(compiler).catch((err) => {
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

// The Chinese-key editor schemas, schemas/<kind>.zh.schema.json, from the English schemas and
// schemas/aliases.json; rewritten only when they changed (test/validate-aliases.test.ts checks the
// committed files).
const { aliasSchemaName, aliasSchemaSource } = await import(
  path.join(root, 'dist/validate/alias-schema.js')
);
for (const kind of FILE_KINDS) {
  const target = path.join(root, 'schemas', aliasSchemaName(kind));
  const source = aliasSchemaSource(kind);
  if (existsSync(target) && readFileSync(target, 'utf8') === source) continue;
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, source);
  renameSync(temporary, target);
}
