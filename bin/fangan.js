#!/usr/bin/env node
import { run } from '../dist/cli/main.js';

const code = await run(process.argv.slice(2));
// Leave as soon as the output is flushed. Winding down on its own, Node would first wait for
// background JIT compilations of code that will not run again (~50 ms after a large validate).
let unflushed = 2;
const flushed = () => {
  if (--unflushed === 0) process.exit(code);
};
process.stdout.write('', flushed);
process.stderr.write('', flushed);
