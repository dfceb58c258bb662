/** Plan drafting and progress scaffolding (pure; the wizard talks through a Prompter). */
export {
  draftPlan,
  resolveDraft,
  planToYaml,
  type InitAnswers,
  type AnswerProblem,
  type ResolvedDraft,
  type DraftOptions,
} from './draft.js';
export {
  scaffoldProgress,
  buildProgress,
  defaultReportDate,
  type ScaffoldOptions,
} from './progress.js';
export {
  parseStarter,
  readStarter,
  builtinStarterPath,
  type Starter,
  type StarterResult,
} from './starter.js';
export { runWizard, type Prompter, type Choice, type WizardSeed } from './wizard.js';
