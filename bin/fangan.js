#!/usr/bin/env node
import { run, settle } from '../dist/cli/main.js';

// Leave as soon as the output is flushed. Winding down on its own, Node would first wait for
// background JIT compilations of code that will not run again (~50 ms after a large validate).
// `settle` makes it exit 2 when the output could not be written (a full disk, `> /dev/full`).
process.exit(await settle(await run(process.argv.slice(2))));
