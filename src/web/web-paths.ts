import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found from this file whether it runs from src/ (ts-jest, ts-node) or
 * from dist/src/ (npm start): templates and browser files are read from src/web, so the build
 * does not need to copy them.
 */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const WEB_DIR = join(projectRoot(), 'src', 'web');
export const VIEWS_DIR = join(WEB_DIR, 'views');
export const PUBLIC_DIR = join(WEB_DIR, 'public');
/** nhsuk-frontend's templates are imported as "nhsuk/components/<name>/macro.njk" from here. */
export const NHSUK_DIST_DIR = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');
