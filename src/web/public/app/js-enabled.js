/* global document, HTMLScriptElement */
// Runs first in <body>: nhsuk-frontend styles its scripted components only under these classes.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
