/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */

// pdfkit and docx are loaded the first time a document is asked for, not at start-up: together
// they add tens of milliseconds and several megabytes to a cold start that most processes
// (the command line, an instance that never renders a report) never need. A lazy require rather
// than import(): the application is CommonJS, and Jest cannot run a native import() without
// making the whole suite ESM (decision 002); require() resolves each package's CommonJS build.

export function loadPdfKit(): typeof import('pdfkit') {
  return require('pdfkit');
}

export function loadDocx(): typeof import('docx') {
  return require('docx');
}

export function loadZip(): typeof import('fflate') {
  return require('fflate');
}
