export {
  addPdfOutputs,
  convertDocxToPdf,
  findSoffice,
  type PdfJob,
  type PdfOptions,
  type PdfResult,
} from './convert.js';
