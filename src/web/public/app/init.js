// Enhancements only: every page works without this.
import { initAll } from '../nhsuk-frontend.min.js';

initAll();
