/**
 * .docx -> PDF through LibreOffice. One `soffice` process converts a whole batch (LibreOffice
 * takes many input files per call, and its start-up costs seconds), with a private user profile
 * so a running desktop LibreOffice neither blocks nor receives the job, and a fontconfig file
 * built from the style profile's fallbacks so the PDF uses the best installed CJK fonts.
 *
 * Problems are diagnostics: a missing `soffice` (FG5301, naming the program and what to install),
 * a conversion that produced no PDF for a document (FG5302), a batch that timed out (FG5303).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { platform, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDiagnostic } from '../diagnostics/make.js';
import type { Diagnostic, Lang } from '../diagnostics/types.js';
import type { StyleProfile } from '../docx/profile.js';
import { fontconfigXml } from '../docx/serialize/fonts.js';

export interface PdfJob {
  /** The PDF's file name (a safe name, e.g. from `safeFileNames`). */
  name: string;
  docx: Uint8Array;
}

export interface PdfOptions {
  profile: StyleProfile;
  /** The environment the converter runs with (PATH to find soffice; FANGAN_SOFFICE overrides). */
  env: Readonly<Record<string, string | undefined>>;
  lang?: Lang;
  /** Give up on a batch after this long; default 60 s plus 5 s per document. */
  timeoutMs?: number;
  /** Documents per soffice call (keeps command lines short); default 200. */
  batchSize?: number;
}

export interface PdfResult {
  files: { name: string; data: Uint8Array }[];
  diagnostics: Diagnostic[];
}

const PROGRAMS = ['soffice', 'libreoffice'];
/** Where installers put LibreOffice when it is not on PATH. */
const KNOWN_PLACES = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

const executable = (file: string): Promise<boolean> =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

/** The soffice to run: FANGAN_SOFFICE, then PATH, then the usual install places. */
export async function findSoffice(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const chosen = env.FANGAN_SOFFICE;
  if (chosen) return (await executable(chosen)) ? chosen : undefined;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const suffixes = platform() === 'win32' ? ['.exe', ''] : [''];
  for (const dir of dirs) {
    for (const program of PROGRAMS) {
      for (const suffix of suffixes) {
        const file = path.join(dir, program + suffix);
        if (await executable(file)) return file;
      }
    }
  }
  for (const file of KNOWN_PLACES) if (await executable(file)) return file;
  return undefined;
}

const at = (file: string) => ({ file, line: 1, column: 1 });

/** Runs one soffice call; resolves with its stderr, or 'timeout'. Never rejects on exit codes. */
function runSoffice(
  program: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<{ timedOut: boolean; stderr: string; spawnError?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let timedOut = false;
    timer.unref?.();
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ timedOut: false, stderr, spawnError: err });
    });
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      timedOut = signal === 'SIGKILL';
      resolve({ timedOut, stderr });
    });
  });
}

/**
 * The PDF filter, keeping the blank pages Writer inserts itself: a section that must start on an
 * even page (the 版记, GB/T 9704 7.4) gets an empty page before it when the text ends on an even
 * page, and by default the PDF export drops that page, which puts the 版记 on an odd page. The
 * JSON form of the filter options needs LibreOffice 7.4; older versions ignore it.
 */
export const PDF_FILTER =
  'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';

const looksLikePdf = (data: Uint8Array): boolean =>
  data.length > 64 && Buffer.from(data.subarray(0, 5)).toString('latin1') === '%PDF-';

/**
 * Converts every job to PDF. Jobs whose PDF could not be made get a diagnostic each; the others
 * are returned (the caller decides whether a partial result is written).
 */
export async function convertDocxToPdf(
  jobs: readonly PdfJob[],
  options: PdfOptions,
): Promise<PdfResult> {
  const lang = options.lang ?? 'zh-CN';
  if (jobs.length === 0) return { files: [], diagnostics: [] };
  const program = await findSoffice(options.env);
  if (!program) {
    const wanted = options.env.FANGAN_SOFFICE || 'soffice';
    return {
      files: [],
      diagnostics: [makeDiagnostic('FG5301', lang, at(jobs[0]!.name), { program: wanted })],
    };
  }

  const work = await mkdtemp(path.join(tmpdir(), 'fangan-pdf-'));
  try {
    const inDir = path.join(work, 'in');
    const outDir = path.join(work, 'out');
    await Promise.all([mkdir(inDir), mkdir(outDir)]);
    const fonts = path.join(work, 'fonts.conf');
    await writeFile(fonts, fontconfigXml(options.profile));
    const env = {
      ...options.env,
      FONTCONFIG_FILE: fonts,
      // LibreOffice writes its profile and temp files here, never into the user's home.
      HOME: work,
      TMPDIR: work,
    };
    const userProfile = pathToFileURL(path.join(work, 'profile')).href;

    // Inputs get numbered names: document names may be long, non-ASCII or collide once
    // LibreOffice replaces the extension.
    await Promise.all(jobs.map((job, i) => writeFile(path.join(inDir, `${i}.docx`), job.docx)));

    const files: PdfResult['files'] = [];
    const diagnostics: Diagnostic[] = [];
    const size = Math.max(1, options.batchSize ?? 200);
    for (let start = 0; start < jobs.length; start += size) {
      const batch = jobs.slice(start, start + size);
      const inputs = batch.map((_, i) => path.join(inDir, `${start + i}.docx`));
      const timeoutMs = options.timeoutMs ?? 60_000 + 5_000 * batch.length;
      const run = await runSoffice(
        program,
        [
          `-env:UserInstallation=${userProfile}`,
          '--headless',
          '--norestore',
          '--nologo',
          '--nodefault',
          '--nolockcheck',
          // Read every input as Word 2007+, so a damaged file fails instead of being typeset as text.
          '--infilter=MS Word 2007 XML',
          '--convert-to',
          PDF_FILTER,
          '--outdir',
          outDir,
          ...inputs,
        ],
        env,
        timeoutMs,
      );
      if (run.spawnError) {
        diagnostics.push(makeDiagnostic('FG5301', lang, at(batch[0]!.name), { program }));
        continue;
      }
      if (run.timedOut) {
        diagnostics.push(
          makeDiagnostic('FG5303', lang, at(batch[0]!.name), {
            seconds: Math.round(timeoutMs / 1000),
            count: batch.length,
          }),
        );
        continue;
      }
      // soffice exits 0 even when it could not load a file: each PDF is the evidence.
      for (let i = 0; i < batch.length; i++) {
        const job = batch[i]!;
        const data = await readFile(path.join(outDir, `${start + i}.pdf`)).catch(() => undefined);
        if (data && looksLikePdf(data)) {
          files.push({ name: job.name, data });
        } else {
          const reason = run.stderr.trim().split('\n').slice(-1)[0] || 'no PDF';
          diagnostics.push(makeDiagnostic('FG5302', lang, at(job.name), { reason }));
        }
      }
    }
    return { files, diagnostics };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The `--to …,pdf` step shared by render, report and export: every .docx among `files` also
 * becomes a .pdf of the same stem, converted in one batch; the .docx stays only when it was asked
 * for. Files that could not be converted leave their diagnostics and no PDF.
 */
export async function addPdfOutputs<F extends { name: string; data: Uint8Array | string }>(
  files: readonly F[],
  options: PdfOptions & { keepDocx: boolean },
): Promise<{ files: (F | { name: string; data: Uint8Array })[]; diagnostics: Diagnostic[] }> {
  const jobs: PdfJob[] = [];
  for (const file of files) {
    if (file.name.endsWith('.docx') && typeof file.data !== 'string') {
      jobs.push({ name: `${file.name.slice(0, -'.docx'.length)}.pdf`, docx: file.data });
    }
  }
  const { files: pdfs, diagnostics } = await convertDocxToPdf(jobs, options);
  const kept = options.keepDocx ? [...files] : files.filter((f) => !f.name.endsWith('.docx'));
  return { files: [...kept, ...pdfs], diagnostics };
}
