// Libraries loaded on first use, never at start-up (docs/benchmarks.md, "Rules that keep the
// figures"): the code that needs one require()s it inside the function that uses it. Read by the
// lint rule that refuses a value import of them in src/ (eslint.config.mjs) and by the build,
// which leaves them out of the bundle so that no start pays for parsing them (scripts/bundle.js).
// A new library loaded that way joins this list.
'use strict';

module.exports = [
  'date-holidays',
  'docx',
  'exceljs',
  'fflate',
  'ical-generator',
  'nodemailer',
  'openid-client',
  'pdfkit',
];
