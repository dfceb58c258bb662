import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');
let lib: YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use. Valid files take the fast path (`fast.ts`), which does
 * not need it, so `fangan validate` on clean files never pays the ~40 ms of loading it; it is
 * loaded synchronously (the parse API is synchronous) for the first file that needs positions or
 * the full parser. Under Node, `import 'yaml'` loads the same CommonJS build, so nodes made here
 * and by other modules that import `yaml` are interchangeable.
 */
export function yamlLib(): YamlModule {
  return (lib ??= createRequire(import.meta.url)('yaml') as YamlModule);
}
