// Build step: empties dist/ first, so a file whose source was deleted or moved
// cannot linger there and end up in the package (`files` ships all of dist/).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

rmSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'), { recursive: true, force: true });
