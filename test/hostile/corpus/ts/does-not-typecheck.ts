// Parses, but does not type-check: a missing type, a wrong initializer, an unknown import.
import type { Gone } from './nowhere.js';

export interface Req {
  p: {
    items: string[] | null;
    next?: Missing;
  };
  extra: Gone;
}

const broken: number = 'text';
