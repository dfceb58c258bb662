#!/usr/bin/env node
// Build step after `tsc` (`npm run build`): compiles the built-in Handlebars templates to
// JavaScript once, dist/template/precompiled.cjs, so `fangan render`/`report` skip Handlebars'
// code generator. The engine uses an entry only when the template's text is exactly the one
// compiled here, and compiles anything else at run time.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engine = path.join(root, 'dist/template/engine.js');
const { precompiledBuiltins } = await import(engine).catch((err) => {
  console.error(`build-templates: cannot load ${path.relative(root, engine)} (run tsc first)`);
  throw err;
});

const target = path.join(root, 'dist/template/precompiled.cjs');
// Written next to the target and renamed: an interrupted build never leaves half a module.
const temporary = `${target}.${process.pid}.tmp`;
writeFileSync(temporary, await precompiledBuiltins());
renameSync(temporary, target);
