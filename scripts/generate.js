#!/usr/bin/env node
// `npm run generate`: rewrites the committed files that are derived from the sources, after
// `npm run build`:
// - schemas/<kind>.zh.schema.json, the Chinese-key editor schemas, from the English schemas and
//   schemas/aliases.json (test/validate-aliases.test.ts fails when they are out of date);
// - docs/codes.md, every FG code with its texts, from the message catalogue
//   (test/codes-doc.test.ts fails when it is out of date).
// Not part of the build on purpose: a build that rewrote them would hide a stale commit from CI.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(path.join(root, 'dist', file));

/** Writes `text` to `target` (atomically) when it differs; says which files changed. */
function update(target, text) {
  if (existsSync(target) && readFileSync(target, 'utf8') === text) return;
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
  console.log(`updated ${path.relative(root, target)}`);
}

const [{ FILE_KINDS }, { aliasSchemaName, aliasSchemaSource }, { codesMarkdown }] =
  await Promise.all([
    dist('validate/schema-compile.js'),
    dist('validate/alias-schema.js'),
    dist('diagnostics/codes-doc.js'),
  ]);
for (const kind of FILE_KINDS) {
  update(path.join(root, 'schemas', aliasSchemaName(kind)), aliasSchemaSource(kind));
}
update(path.join(root, 'docs/codes.md'), codesMarkdown());
